// Banners at the top: what the device's storage can do, a new version waits, the database is held by
// another tab, offline ready.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { useStore } from '../state/store';
import { useApp } from './context';
import { StorageBanner } from './StorageBanner';

export function Banners() {
  const { pwa, dbState } = useApp();
  const [isLater, setLater] = useState(false);
  const [showReady, setShowReady] = useState(false);
  const ready = useStore(pwa.offlineReady);
  const isUpdateWaiting = useStore(pwa.updateWaiting);
  const isReloadNeeded = useStore(pwa.reloadNeeded);
  const db = useStore(dbState);
  useEffect(() => {
    if (!ready) return;
    setShowReady(true);
    const timer = setTimeout(() => setShowReady(false), 6000);
    return () => clearTimeout(timer);
  }, [ready]);
  return (
    <div class="banners">
      <StorageBanner />
      {db === 'blocked' && (
        <div class="banner banner--warn" role="alert">
          {t('db.blocked')}
        </div>
      )}
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
