// Sync status in full: run a sync with progress, see and resolve rejected changes, get back texts kept
// from a conflict.
import { useState } from 'preact/hooks';
import { isRecordType } from '../../../domain/record-types';
import { useApp } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { formatDateTime } from '../../i18n/format';
import { formatAgo } from '../../i18n/format-ago';
import { type MessageKey, t } from '../../i18n/i18n';
import type { Saved } from '../../models/device-model';
import { useStore } from '../../state/store';
import { ConfirmStep } from '../../ui/ConfirmStep';
import { Notice, Page } from '../../ui/Page';
import { saveMessage } from '../../ui/save-message';
import { GoneDrafts } from './GoneDraft';
import { KeptTexts } from './KeptTexts';
import { fieldLabel, TypedText } from './TypedText';
import { textsOf } from './texts-of';
import { WaitingTexts } from './WaitingTexts';

export function SyncScreen() {
  const { scheduler, device, isOnline } = useApp();
  const queries = useQueries();
  const online = useStore(isOnline);
  const status = useLiveQuery(queries.syncStatus, []);
  const waiting = useLiveQuery(queries.outboxCount, []) ?? 0;
  const rejected = useLiveQuery(queries.rejected, []) ?? [];
  const goneDrafts = useLiveQuery(queries.goneDrafts, []) ?? [];
  const [outcome, setOutcome] = useState<string | null>(null);
  // Discarding a rejected change loses what was typed and cannot be taken back: ask first.
  const [asking, setAsking] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const isRunning = status?.progress !== null && status?.progress !== undefined;

  // The button stays live during a sync: a tap then waits for that sync (which sends whatever is
  // waiting, new changes included) and reports how it ended, instead of being silently ignored.
  const run = async () => {
    setOutcome(null);
    setOutcome(await scheduler.syncNow());
  };

  // Resolving a rejection writes to the device: a write that fails is said, never dropped.
  const act = async (write: () => Promise<Saved>) => {
    const result = await write();
    if (!result.ok) return setFailure(saveMessage(result).text);
    setFailure(null);
    await run();
  };

  return (
    <Page title={t('nav.sync')}>
      <dl class="facts" data-testid="sync-facts">
        <dt>{t('sync.network')}</dt>
        <dd>{online ? t('sync.online') : t('sync.offline')}</dd>
        <dt>{t('sync.changes')}</dt>
        <dd>{waiting > 0 ? t('sync.waiting', { n: waiting }) : t('sync.allSent')}</dd>
        <dt>{t('sync.lastLabel')}</dt>
        <dd>
          {status?.lastSuccessAt
            ? `${formatDateTime(status.lastSuccessAt)} (${formatAgo(status.lastSuccessAt)})`
            : t('sync.never')}
        </dd>
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

      {failure && <Notice kind="error">{failure}</Notice>}
      {/* The server takes nothing from this device now (archived, or disconnected): what waits is read here. */}
      {status?.error === 'archived' && <WaitingTexts />}
      {status?.error === 'unauthorized' && <WaitingTexts isDisconnected />}
      <KeptTexts />
      <GoneDrafts keys={goneDrafts} />
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
                <p class="card__meta">{t(`sync.codeHint.${r.code}` as MessageKey)}</p>
                {/* What was typed into the change, to keep by hand: the record may not open here any
                    more (a pair handed to another mentor), and giving the change up deletes it. */}
                {textsOf(r.type, r.change.fields).map((typed) => (
                  <TypedText key={typed.field} text={typed.text} label={fieldLabel(typed.field)} />
                ))}
                <details class="card__meta">
                  <summary>{t('sync.technical')}</summary>
                  <code lang="en">{r.reason}</code>
                </details>
                {asking === r.id ? (
                  <ConfirmStep
                    question={t('sync.discardAsk')}
                    confirm={t('sync.discardConfirm')}
                    onConfirm={() => void act(() => device.discardRejected(r.id))}
                    cancel={t('sync.discardKeep')}
                    onCancel={() => setAsking(null)}
                  />
                ) : (
                  <div class="actions">
                    <button type="button" onClick={() => void act(() => device.retryRejected(r.id))}>
                      {t('sync.retry')}
                    </button>
                    <button type="button" class="button--danger" onClick={() => setAsking(r.id)}>
                      {t('sync.discard')}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}
