// Shown on every screen: online or not, changes waiting, last successful sync, rejected changes and
// texts kept from a conflict.

import { useLiveQuery } from '../db/live';
import { formatAgo } from '../i18n/format-ago';
import { t } from '../i18n/i18n';
import { useStore } from '../state/store';
import { SyncProgress } from '../ui/SyncProgress';
import { useApp, useSession } from './context';

export function SyncIndicator() {
  const { queries, isOnline } = useApp();
  // The sync's own state follows every page it writes: the progress bar moves.
  const waiting = useLiveQuery(queries.outboxCount, [], { isLight: true }) ?? 0;
  const rejected = useLiveQuery(queries.rejectedCount, [], { isLight: true }) ?? 0;
  const { personId } = useSession();
  const copies = useLiveQuery(() => queries.keptTexts(personId), [personId], { isLight: true })?.length ?? 0;
  const status = useLiveQuery(queries.syncStatus, [], { isLight: true });
  const online = useStore(isOnline);
  return (
    <>
      <a class="sync-indicator" href="/sync" data-testid="sync-indicator">
        <span class={`dot ${online ? 'dot--on' : 'dot--off'}`} aria-hidden="true" />
        <span data-testid="sync-online">{online ? t('sync.online') : t('sync.offline')}</span>
        <span data-testid="sync-waiting">
          {waiting > 0 ? t('sync.waiting', { n: waiting }) : t('sync.allSent')}
        </span>
        {(status?.error === 'archived' || status?.error === 'unauthorized') && (
          <span class="sync-indicator__blocked" data-testid="sync-blocked">
            {t(`sync.blocked.${status.error}`)}
          </span>
        )}
        {rejected > 0 && (
          <span class="sync-indicator__rejected" data-testid="sync-rejected">
            {t('sync.rejected', { n: rejected })}
          </span>
        )}
        {copies > 0 && (
          <span class="sync-indicator__rejected" data-testid="sync-copies">
            {t('sync.copies', { n: copies })}
          </span>
        )}
        <span class="sync-indicator__last" data-testid="sync-last">
          {status?.lastSuccessAt
            ? t('sync.last', { when: formatAgo(status.lastSuccessAt) })
            : t('sync.never')}
        </span>
      </a>
      {status?.progress && <SyncProgress progress={status.progress} />}
    </>
  );
}
