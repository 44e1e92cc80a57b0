import { describe, expect, it } from 'vitest';
import { isIosBrowserTab } from './install-hint';

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const IPAD_DESKTOP =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36';

describe('an iOS browser tab', () => {
  it('is Safari (or another browser) on iPhone, and iPadOS Safari with its desktop user agent', () => {
    expect(isIosBrowserTab({ userAgent: IPHONE_SAFARI, maxTouchPoints: 5, isDisplayStandalone: false })).toBe(
      true,
    );
    expect(isIosBrowserTab({ userAgent: IPAD_DESKTOP, maxTouchPoints: 5, isDisplayStandalone: false })).toBe(
      true,
    );
  });

  it('is not the app opened from the Home Screen', () => {
    const iphone = { userAgent: IPHONE_SAFARI, maxTouchPoints: 5 };
    expect(isIosBrowserTab({ ...iphone, standalone: true, isDisplayStandalone: false })).toBe(false);
    expect(isIosBrowserTab({ ...iphone, standalone: false, isDisplayStandalone: true })).toBe(false);
  });

  it('is not a Mac or an Android phone', () => {
    expect(isIosBrowserTab({ userAgent: IPAD_DESKTOP, maxTouchPoints: 0, isDisplayStandalone: false })).toBe(
      false,
    );
    expect(isIosBrowserTab({ userAgent: ANDROID, maxTouchPoints: 5, isDisplayStandalone: false })).toBe(
      false,
    );
  });
});
