// Sync status in full: run a sync with progress, see and resolve rejected changes.
import { useState } from 'preact/hooks';
import { isRecordType } from '../../../domain/record-types';
import { useApp } from '../../app/context';
import { useLiveQuery } from '../../db/live';
import { discardRejected, retryRejected } from '../../db/sync-store';
import { formatAgo, formatDateTime } from '../../i18n/format';
import { type MessageKey, t } from '../../i18n/i18n';
import { Notice, Page } from '../../ui/Page';

export function SyncScreen() {
  const { queries, scheduler, db, isOnline } = useApp();
  const status = useLiveQuery(queries.syncStatus, []);
  const waiting = useLiveQuery(queries.outboxCount, []) ?? 0;
  const rejected = useLiveQuery(queries.rejected, []) ?? [];
  const [outcome, setOutcome] = useState<string | null>(null);
  const isRunning = status?.progress !== null && status?.progress !== undefined;

  // The button stays live during a sync: a tap then waits for that sync (which sends whatever is
  // waiting, new changes included) and reports how it ended, instead of being silently ignored.
  const run = async () => {
    setOutcome(null);
    setOutcome(await scheduler.syncNow());
  };

  return (
    <Page title={t('nav.sync')}>
      <dl class="facts">
        <dt>{isOnline.value ? t('sync.online') : t('sync.offline')}</dt>
        <dd>{waiting > 0 ? t('sync.waiting', { n: waiting }) : t('sync.allSent')}</dd>
        <dt>
          {status?.lastSuccessAt
            ? t('sync.last', { when: formatAgo(status.lastSuccessAt) })
            : t('sync.never')}
        </dt>
        <dd>{status?.lastSuccessAt ? formatDateTime(status.lastSuccessAt) : ''}</dd>
      </dl>
      <button
        type="button"
        class="button--primary button--big"
        onClick={() => void run()}
        aria-busy={isRunning}
        data-testid="sync-now"
      >
        {t('sync.now')}
      </button>
      {isRunning && status?.progress && (
        <div role="status">
          <progress aria-label={t('sync.now')} />
          <p>{t('sync.running', { sent: status.progress.sent, received: status.progress.received })}</p>
        </div>
      )}
      {outcome === 'ok' && <Notice kind="success">{t('sync.done')}</Notice>}
      {status?.error && <Notice kind="error">{t(`sync.error.${status.error}` as MessageKey)}</Notice>}
      {status?.error && status.nextRetryAt && (
        <p class="muted">{t('sync.nextRetry', { when: formatAgo(status.nextRetryAt) })}</p>
      )}

      <h2>{t('sync.rejectedTitle')}</h2>
      {rejected.length === 0 ? (
        <p>{t('sync.rejectedNone')}</p>
      ) : (
        <>
          <p class="muted">{t('sync.rejectedHint')}</p>
          <ul class="cards" data-testid="rejected">
            {rejected.map((r) => (
              <li key={r.id} class="card">
                <p class="card__title">
                  {isRecordType(r.type) ? t(`type.${r.type}` as MessageKey) : r.type} —{' '}
                  {t(`sync.code.${r.code}` as MessageKey)}
                </p>
                <p class="card__meta">{r.reason}</p>
                <div class="actions">
                  <button
                    type="button"
                    onClick={() => void retryRejected(db, r.id).then(() => scheduler.syncNow())}
                  >
                    {t('sync.retry')}
                  </button>
                  <button
                    type="button"
                    class="button--danger"
                    onClick={() => void discardRejected(db, r.id).then(() => scheduler.syncNow())}
                  >
                    {t('sync.discard')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}
