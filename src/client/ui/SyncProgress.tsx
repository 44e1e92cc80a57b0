// The sync under way as a bar: records received of the total the server said was waiting. Shown under
// the header on every screen, so a first sync of a whole school is never a silent wait.
import type { SyncStatus } from '../db/types';
import { t } from '../i18n/i18n';

const number = (n: number) => n.toLocaleString(document.documentElement.lang || 'ru');

export function SyncProgress(props: { progress: NonNullable<SyncStatus['progress']> }) {
  const { received, total } = props.progress;
  if (!total) return null;
  const label = t('sync.received', { received: number(Math.min(received, total)), total: number(total) });
  return (
    <div class="sync-progress" role="status" data-testid="sync-progress">
      <progress max={total} value={Math.min(received, total)} aria-label={label} />
      <span>{label}</span>
      {!props.progress.isCurrentIn && <span class="sync-progress__note">{t('sync.currentFirst')}</span>}
    </div>
  );
}
