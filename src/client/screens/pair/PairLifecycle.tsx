// For curators on a pair's page: its status and history, and the next steps of its life.

import { useState } from 'preact/hooks';
import { approvalOrderNumber } from '../../../domain/order-document';
import type { SyncedRecord } from '../../../domain/record';
import { maxTextLength, type PairStatus } from '../../../domain/record-types';
import { useApp } from '../../app/context';
import { formatDay, todayIso } from '../../i18n/format';
import { type MessageKey, t } from '../../i18n/i18n';
import { statusChange } from '../../models/pairs-model';
import { useDraft } from '../../state/draft';
import { withUndo } from '../../state/undo-toast';
import { TextField } from '../../ui/fields';
import { useNavigate } from '../../ui/navigate';
import { Notice } from '../../ui/Page';
import { isTooLong } from '../../ui/text-limit';

/** The reason is the pair's `endReason` and its history's note: the same limit. */
const REASON_MAX = maxTextLength('pair', 'endReason');

const NEXT: Record<PairStatus, PairStatus[]> = {
  proposed: ['approved', 'ended'],
  approved: ['active', 'ended'],
  active: ['finished', 'ended'],
  finished: [],
  ended: [],
};

export function PairLifecycle(props: { pair: SyncedRecord<'pair'>; hasUnfit: boolean }) {
  const { repo, drafts } = useApp();
  const route = useNavigate();
  const { pair } = props;
  // The reason typed is a draft on the device until the pair is ended with it.
  const initial = () => ({ reason: props.hasUnfit ? t('lifecycle.unfitReason') : '' });
  const draft = useDraft(drafts, `pair:reason:${pair.id}`, initial);
  const reason = (draft.value ?? initial()).reason;
  const setReason = (value: string) => draft.change({ reason: value });
  const [error, setError] = useState<string | null>(null);
  // Every pair is made with a status (a required field): one without is taken as just proposed.
  const status = pair.fields.status ?? 'proposed';
  const history = pair.fields.history ?? [];
  const move = async (next: PairStatus) => {
    if (next === 'ended' && !reason.trim()) return setError(t('lifecycle.needReason'));
    // Over its limit the reason's own error says so under it; nothing is written.
    if (isTooLong(reason, REASON_MAX)) return;
    setError(null);
    // Ending the pair stores the reason typed: its draft goes in the same write.
    const isDone = await withUndo(
      repo,
      [statusChange(pair, next, todayIso(), next === 'ended' ? reason.trim() : null)],
      t('lifecycle.moved', { status: t(`pairs.status.${next}` as MessageKey) }),
      next === 'ended' ? { endsDraft: draft.ending({ reason }) } : {},
    );
    if (isDone && next === 'ended') await draft.saved({ reason });
  };
  const repair = async () => {
    if (!reason.trim()) return setError(t('lifecycle.needReason'));
    if (isTooLong(reason, REASON_MAX)) return;
    const isDone = await withUndo(
      repo,
      [statusChange(pair, 'ended', todayIso(), reason.trim())],
      t('lifecycle.moved', { status: t('pairs.status.ended') }),
      { endsDraft: draft.ending({ reason }) },
    );
    if (!isDone) return;
    await draft.saved({ reason });
    route(`/pairs?repair=${pair.id}`);
  };
  return (
    <section class="panel" aria-labelledby="lifecycle">
      <h2 id="lifecycle">{t('lifecycle.title')}</h2>
      <p>
        {t('pairs.status')}: <strong>{t(`pairs.status.${status}`)}</strong>
        {pair.fields.endReason ? ` — ${pair.fields.endReason}` : ''}
      </p>
      {props.hasUnfit && <Notice kind="error">{t('lifecycle.unfit')}</Notice>}
      {NEXT[status].length > 0 && (
        <>
          {draft.value && (
            <TextField
              label={t('lifecycle.reason')}
              value={reason}
              maxLength={REASON_MAX}
              onValue={setReason}
            />
          )}
          <div class="actions">
            {NEXT[status].map((next) => (
              <button
                key={next}
                type="button"
                class={next === 'ended' ? 'button--danger' : ''}
                onClick={() => void move(next)}
              >
                {t(`lifecycle.to.${next}` as MessageKey)}
              </button>
            ))}
            {status !== 'proposed' && (
              <button type="button" class="button--danger" onClick={() => void repair()}>
                {t('lifecycle.repair')}
              </button>
            )}
          </div>
        </>
      )}
      {error && <Notice kind="error">{error}</Notice>}
      {history.length > 0 && (
        <ol class="history">
          {history.map((h) => (
            <li key={`${h.date}-${h.status}`}>
              {formatDay(h.date)}: {t(`pairs.status.${h.status}`)}
              {h.note ? ` — ${noteText(h.note)}` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** A history note as the screen says it: an order's approval (kept in the documents' Russian) in the UI's language. */
function noteText(note: string): string {
  const number = approvalOrderNumber(note);
  return number === null ? note : t('order.approvedBy', { number });
}
