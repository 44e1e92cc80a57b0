// Banners at the top: a new version waits, offline ready, the device's clock far from the school's. (What
// the device's storage can do and a database held by another tab are the shell's own: App.tsx.)
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { clockCorrection, clockMeasuredAt, clockOffset } from '../state/school-clock';
import { useStore } from '../state/store';
import { useApp } from './context';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A device whose date is a day or more off the school's (as the last sync measured): the app dates by the school's, and says so. */
function ClockBanner() {
  useStore(clockOffset);
  useStore(clockMeasuredAt);
  const offset = clockCorrection();
  if (Math.abs(offset) < DAY_MS) return null;
  return (
    <div class="banner banner--warn" role="status" data-testid="clock-banner">
      {t(offset > 0 ? 'app.clockBehind' : 'app.clockAhead', { n: Math.round(Math.abs(offset) / DAY_MS) })}
    </div>
  );
}

export function Banners() {
  const { pwa } = useApp();
  const [isLater, setLater] = useState(false);
  const [showReady, setShowReady] = useState(false);
  const ready = useStore(pwa.offlineReady);
  const isUpdateWaiting = useStore(pwa.updateWaiting);
  const isReloadNeeded = useStore(pwa.reloadNeeded);
  useEffect(() => {
    if (!ready) return;
    setShowReady(true);
    const timer = setTimeout(() => setShowReady(false), 6000);
    return () => clearTimeout(timer);
  }, [ready]);
  return (
    <div class="banners">
      <ClockBanner />
      {(isUpdateWaiting || isReloadNeeded) && !isLater && (
        <div class="banner" role="status" data-testid="update-banner">
          {t('update.available')}{' '}
          <button type="button" onClick={() => void (isReloadNeeded ? pwa.reload() : pwa.applyUpdate())}>
            {t('update.apply')}
          </button>{' '}
          <button type="button" class="button--quiet" onClick={() => setLater(true)}>
            {t('update.later')}
          </button>
        </div>
      )}
      {showReady && (
        <div class="banner banner--ok" role="status">
          {t('update.offlineReady')}
        </div>
      )}
    </div>
  );
}
