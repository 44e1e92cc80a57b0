// Personal-data consents of one participant; a parent signs for a minor. Withdrawing one offers to erase
// the person's data everywhere.

import { useState } from 'preact/hooks';
import { isMinor } from '../../../domain/minor';
import type { SyncedRecord } from '../../../domain/record';
import { maxTextLength } from '../../../domain/record-types';
import { representativeIn } from '../../../domain/representative';
import { useApp } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { formatDay, todayIso } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import { erasePerson } from '../../models/people-model';
import { useNewRecordDraft } from '../../state/draft';
import { withUndo } from '../../state/undo-toast';
import { ConfirmStep } from '../../ui/ConfirmStep';
import { TextField } from '../../ui/fields';
import { useNavigate } from '../../ui/navigate';
import { Notice } from '../../ui/Page';
import { Form } from '../../ui/pending';
import { fieldOfFailure, saveMessage } from '../../ui/save-message';

export const DEFAULT_SCOPE =
  'Участие в программе наставничества: ФИО, класс или должность, анкеты, встречи, план развития';

export function ConsentSection(props: { person: SyncedRecord<'person'> }) {
  const { repo, drafts } = useApp();
  const queries = useQueries();
  const route = useNavigate();
  const { person } = props;
  const isMinorNow = isMinor(person.fields, todayIso());
  const consents = useLiveQuery(() => queries.consentsOf(person.id), [person.id]) ?? [];
  // The consent being recorded is a draft on the device until saved: a reload or another screen keeps it.
  const empty = () => ({
    // A minor's parent signs: the one the class list named, when it did.
    signedBy: isMinorNow ? (representativeIn(person.fields.contacts) ?? '') : (person.fields.fullName ?? ''),
    date: todayIso(),
    scope: DEFAULT_SCOPE,
  });
  const draft = useNewRecordDraft(drafts, `consent:new:${person.id}`, empty);
  const { signedBy, date, scope } = draft.value ?? empty();
  const setSignedBy = (value: string) => draft.change((d) => ({ ...d, signedBy: value }));
  const setDate = (value: string) => draft.change((d) => ({ ...d, date: value }));
  const setScope = (value: string) => draft.change((d) => ({ ...d, scope: value }));
  // Said under the field it is about (a refused save names its field); `null` field: the form's own.
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const errorOf = (field: string) => (error?.field === field ? error.text : null);
  const [isConfirming, setConfirming] = useState(false);
  const [isAdding, setAdding] = useState(false);
  const hasValid = consents.some((c) => c.fields.withdrawn === false);
  const hasWithdrawn = consents.some((c) => c.fields.withdrawn === true);

  const add = async () => {
    if (!signedBy.trim())
      return setError({
        field: 'signedBy',
        text: isMinorNow ? t('consent.needParent') : t('consent.needSigner'),
      });
    // A consent is a document already signed: not one dated on a day still to come.
    if (date > todayIso()) return setError({ field: 'date', text: t('consent.futureDate') });
    const result = await repo.create(
      'consent',
      {
        personId: person.id,
        signedBy: signedBy.trim(),
        date,
        withdrawn: false,
        scope: scope.trim() || null,
        withdrawnDate: null,
      },
      undefined,
      { endsDraft: draft.ending({ signedBy, date, scope }) },
    );
    setError(result.ok ? null : { field: fieldOfFailure(result), text: saveMessage(result).text });
    // Saved: the form empties, so that a second tap a moment later (a double tap) finds nothing to save
    // again, and closes — unless something was typed into it meanwhile, which stays in view.
    if (result.ok) setAdding(await draft.saved({ signedBy, date, scope }));
  };
  const erase = async () => {
    const result = await erasePerson(repo, queries, person.id);
    if (result.ok) route('/people');
    else setError({ field: null, text: saveMessage(result).text });
  };

  return (
    <section class="panel" aria-labelledby="consents">
      <h2 id="consents">{t('consent.title')}</h2>
      {isMinorNow && !hasValid && <Notice kind="error">{t('consent.minorMissing')}</Notice>}
      {hasWithdrawn && hasValid && (
        // A parent who withdraws may not know another consent is on file: the curator is told it still holds.
        <Notice kind="error">
          {t('consent.stillValid', {
            names: consents
              .filter((c) => c.fields.withdrawn === false)
              .map((c) => c.fields.signedBy ?? '')
              .join(', '),
          })}
        </Notice>
      )}
      <ul class="list" data-testid="consents">
        {consents.map((c) => (
          <li key={c.id}>
            {t('consent.line', {
              signedBy: c.fields.signedBy ?? '',
              date: c.fields.date ? formatDay(c.fields.date) : '—',
            })}
            {c.fields.withdrawn === true ? (
              <strong class="nudge--urgent">
                {' '}
                {t('consent.withdrawnOn', {
                  date: c.fields.withdrawnDate ? formatDay(c.fields.withdrawnDate) : '',
                })}
              </strong>
            ) : (
              <button
                type="button"
                class="button--quiet"
                onClick={() =>
                  void withUndo(
                    repo,
                    [
                      {
                        op: 'update',
                        type: 'consent',
                        id: c.id,
                        before: { withdrawn: false, withdrawnDate: c.fields.withdrawnDate ?? null },
                        after: { withdrawn: true, withdrawnDate: todayIso() },
                      },
                    ],
                    t('consent.withdrawn'),
                  )
                }
              >
                {t('consent.withdraw')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <a class="button" href={`/people/${person.id}/consent-form`}>
        {t('consent.print')}
      </a>
      <details open={isAdding || draft.isRestored} onToggle={(e) => setAdding(e.currentTarget.open)}>
        <summary>{t('consent.add')}</summary>
        {draft.value && (
          <Form class="form" onSubmit={add}>
            <TextField
              label={isMinorNow ? t('consent.parent') : t('consent.signer')}
              value={signedBy}
              maxLength={maxTextLength('consent', 'signedBy')}
              error={errorOf('signedBy')}
              onValue={setSignedBy}
            />
            <TextField
              label={t('consent.date')}
              type="date"
              value={date}
              error={errorOf('date')}
              onValue={setDate}
            />
            <TextField
              label={t('consent.scope')}
              value={scope}
              maxLength={maxTextLength('consent', 'scope')}
              error={errorOf('scope')}
              onValue={setScope}
            />
            {error && (error.field === null || !['signedBy', 'date', 'scope'].includes(error.field)) && (
              <Notice kind="error">{error.text}</Notice>
            )}
            <button type="submit" class="button--primary">
              {t('consent.save')}
            </button>
          </Form>
        )}
      </details>
      {hasWithdrawn &&
        !hasValid &&
        (isConfirming ? (
          <ConfirmStep
            question={
              <>
                {t('consent.eraseOffer')} {t('consent.eraseWhat')}
              </>
            }
            confirm={t('consent.eraseConfirm')}
            onConfirm={() => void erase()}
            cancel={t('update.later')}
            onCancel={() => setConfirming(false)}
          />
        ) : (
          <div class="notice notice--warn">
            <p>{t('consent.eraseOffer')}</p>
            <button type="button" class="button--danger" onClick={() => setConfirming(true)}>
              {t('consent.erase')}
            </button>
          </div>
        ))}
    </section>
  );
}
