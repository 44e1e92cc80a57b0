// «Подходит ли пара?» after the trial meeting; a «нет» reaches the curator for re-pairing.
import { useState } from 'preact/hooks';
import type { SyncedRecord } from '../../../domain/record';
import { maxTextLength } from '../../../domain/record-types';
import { useApp } from '../../app/context';
import { t } from '../../i18n/i18n';
import { useNewRecordDraft } from '../../state/draft';
import { TextArea } from '../../ui/fields';
import { Notice } from '../../ui/Page';
import { saveMessage } from '../../ui/save-message';
import { isTooLong } from '../../ui/text-limit';

const COMMENT_MAX = maxTextLength('fitAnswer', 'comment');

export function FitQuestion(props: {
  pairId: string;
  personId: string;
  answer: SyncedRecord<'fitAnswer'> | undefined;
}) {
  const { repo, drafts } = useApp();
  // A «нет» and its comment are a draft on the device until sent: a reload or another screen keeps them.
  const draft = useNewRecordDraft<{ fits: boolean | null; comment: string }>(
    drafts,
    `fitAnswer:new:${props.pairId}:${props.personId}`,
    () => ({ fits: null, comment: '' }),
  );
  const { fits, comment } = draft.value ?? { fits: null, comment: '' };
  const setFits = (value: boolean) => draft.change((d) => ({ ...d, fits: value }));
  const setComment = (value: string) => draft.change((d) => ({ ...d, comment: value }));
  const [error, setError] = useState<string | null>(null);
  const pending = { isPending: draft.isBusy, run: draft.storing };
  if (props.answer) {
    return (
      <p class="muted">
        {t('pair.fitAnswered', { answer: props.answer.fields.fits ? t('pair.fitYes') : t('pair.fitNo') })}
      </p>
    );
  }
  // Until the draft left earlier is read, a tap would be taken and then dropped.
  if (!draft.value) return null;
  const send = async (value: boolean) => {
    // Over its limit the comment's own error says so under it; nothing is sent.
    if (isTooLong(comment, COMMENT_MAX)) return;
    const result = await repo.create(
      'fitAnswer',
      { pairId: props.pairId, personId: props.personId, fits: value, comment: comment.trim() || null },
      undefined,
      { endsDraft: draft.ending() },
    );
    if (!result.ok) return setError(saveMessage(result).text);
    await draft.finish();
  };
  return (
    <section class="panel" aria-labelledby="fit">
      <h2 id="fit">{t('pair.fitQuestion')}</h2>
      <p class="muted">{t('pair.fitHint')}</p>
      <div class="actions">
        <button type="button" disabled={pending.isPending} onClick={() => void pending.run(() => send(true))}>
          {t('pair.fitYes')}
        </button>
        <button type="button" class="button--danger" onClick={() => setFits(false)}>
          {t('pair.fitNo')}
        </button>
      </div>
      {fits === false && (
        <>
          <TextArea
            label={t('pair.fitComment')}
            rows={3}
            value={comment}
            maxLength={COMMENT_MAX}
            onValue={setComment}
          />
          <button
            type="button"
            class="button--primary"
            disabled={pending.isPending}
            onClick={() => void pending.run(() => send(false))}
          >
            {t('pair.fitSend')}
          </button>
        </>
      )}
      {error && <Notice kind="error">{error}</Notice>}
    </section>
  );
}
