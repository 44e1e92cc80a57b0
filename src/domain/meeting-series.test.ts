import { describe, expect, it } from 'vitest';
import { nextMeetingKind } from './meeting-series';

describe('the next meeting of the series', () => {
  it('follows organisational → trial → planning, then regular', () => {
    expect(nextMeetingKind([])).toBe('organisational');
    expect(nextMeetingKind(['organisational'])).toBe('trial');
    expect(nextMeetingKind(['organisational', 'trial'])).toBe('planning');
    expect(nextMeetingKind(['organisational', 'trial', 'planning', 'regular'])).toBe('regular');
  });

  it('does not go back for a meeting held out of order', () => {
    expect(nextMeetingKind(['trial'])).toBe('organisational');
    expect(nextMeetingKind(['organisational', 'planning'])).toBe('trial');
  });
});
