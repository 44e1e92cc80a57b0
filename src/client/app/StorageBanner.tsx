// What the device's storage can do right now, when it is not simply saving (see db/storage-guard.ts).
// While it shows, the screens take no input: nothing is typed that could not be stored.

import { t } from '../i18n/i18n';
import { useStore } from '../state/store';
import { useApp } from './context';

export function StorageBanner() {
  const { storage, guard } = useApp();
  const state = useStore(storage);
  if (state === 'open') return null;
  const isSaved = state === 'reopening' || state === 'upgrading' || state === 'upgraded';
  return (
    <div
      class={`banner ${isSaved ? 'banner--warn' : 'banner--error'}`}
      role={state === 'reopening' || state === 'upgrading' ? 'status' : 'alert'}
      data-testid="storage-banner"
    >
      {t(`storage.${state}`)}{' '}
      {(state === 'full' || state === 'failed' || state === 'lost') && (
        <button type="button" onClick={() => void guard.retry()}>
          {t('storage.retry')}
        </button>
      )}{' '}
      {(state === 'upgraded' || state === 'lost') && (
        <button type="button" onClick={() => location.reload()}>
          {t('app.reload')}
        </button>
      )}
    </div>
  );
}
