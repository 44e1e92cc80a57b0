// What a screen (or a part of one) shows when its code could not be loaded, instead of the previous
// screen staying up with no word: why, that nothing saved is lost, and a reload, which loads it afresh
// (once the drafts on their way are stored).
import type { ComponentType } from 'preact';
import { lazy } from 'preact-iso';
import { t } from '../i18n/i18n';
import { flushSaves } from '../state/editing';
import { Page } from './Page';

function Failed() {
  return (
    <>
      <p role="alert">{t('app.loadFailed')}</p>
      <button
        type="button"
        class="button--primary"
        onClick={() => void flushSaves().then(() => globalThis.location.reload())}
      >
        {t('app.reload')}
      </button>
    </>
  );
}

function FailedScreen() {
  return (
    <Page title={t('app.name')}>
      <Failed />
    </Page>
  );
}

/**
 * preact-iso's `lazy`, for code that may fail to load (no network before the service worker has stored
 * the app, or a new version that replaced the old files): `lazy` keeps a failed load for good and the
 * boundary above waits on it silently, so a failure becomes a component that says so. `part` is for a
 * piece inside a screen (no page of its own).
 */
export function lazyOrSay<P>(load: () => Promise<ComponentType<P>>, part = false): ComponentType<P> {
  return lazy(() =>
    load().catch((error: unknown) => {
      console.error('code failed to load', error);
      return part ? Failed : FailedScreen;
    }),
  );
}
