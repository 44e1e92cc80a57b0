// A pair or a group made by hand: a mentor and one or more mentees, with the same consent rule the server keeps.
import { useState } from 'preact/hooks';
import type { SyncedRecord } from '../../../domain/record';
import { useApp } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { todayIso } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import { pairFormErrors } from '../../models/pair-checks-model';
import { createPair, guessMentoringForm } from '../../models/pairs-model';
import { useNewRecordDraft } from '../../state/draft';
import { mentoringFormOptions } from '../../ui/built-in-labels';
import { SelectField } from '../../ui/fields';
import { Notice } from '../../ui/Page';
import { Form } from '../../ui/pending';
import { personName } from '../../ui/person-name';
import { saveMessage } from '../../ui/save-message';
import { useStaysOpen } from '../../ui/stays-open';

/** `withheld`: the minors without a valid parental consent, whom no pair may name (said beside them). */
export function GroupForm(props: {
  people: SyncedRecord<'person'>[];
  forms: string[];
  withheld: ReadonlySet<string>;
}) {
  const { repo, drafts } = useApp();
  const queries = useQueries();
  // The choices made are a draft on the device until the pair is made: a reload or another screen keeps
  // them. Until the curator picks one, the form of mentoring follows from the mentor and the first mentee.
  const empty = { mentorId: '', menteeIds: [] as string[], chosenForm: null as string | null };
  const draft = useNewRecordDraft(drafts, 'pair:new', () => empty);
  const setMentorId = (value: string) => draft.change((d) => ({ ...d, mentorId: value }));
  const setMenteeIds = (value: string[]) => draft.change((d) => ({ ...d, menteeIds: value }));
  const setForm = (value: string) => draft.change((d) => ({ ...d, chosenForm: value }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<ReturnType<typeof saveMessage> | null>(null);
  const people = props.people.filter((p) => p.fields.archived !== true);
  // A draft chosen earlier counts only the people still offered: one archived or deleted since (on
  // another device) is neither shown ticked nor put in the pair unseen.
  const offered = new Set(people.map((p) => p.id));
  const chosen = draft.value ?? empty;
  const mentorId = offered.has(chosen.mentorId) ? chosen.mentorId : '';
  const menteeIds = chosen.menteeIds.filter((id) => offered.has(id));
  const { chosenForm } = chosen;
  // Shown with the reason, before a click on «Создать» refuses them.
  const nameOf = (p: SyncedRecord<'person'>) =>
    props.withheld.has(p.id) ? `${personName(p)} (${t('pairs.noConsent')})` : personName(p);
  const options = people.map((p) => ({ value: p.id, label: nameOf(p) }));
  const byId = new Map(people.map((p) => [p.id, p]));
  const form =
    chosenForm ??
    guessMentoringForm(byId.get(mentorId), menteeIds[0] ? byId.get(menteeIds[0]) : undefined, props.forms);
  const submit = async () => {
    const found = await pairFormErrors(queries, { mentorId, menteeIds });
    setErrors(found);
    if (Object.keys(found).length) return;
    const result = await createPair(repo, { mentorId, menteeIds, form }, todayIso(), draft.ending(chosen));
    setMessage(saveMessage(result));
    if (result.ok) await draft.saved(chosen);
  };
  const isOpen = useStaysOpen(draft.isRestored);
  const toggle = (id: string, isOn: boolean) =>
    setMenteeIds(isOn ? [...menteeIds, id] : menteeIds.filter((x) => x !== id));
  return (
    <details class="panel" open={isOpen}>
      <summary>{t('pairs.new')}</summary>
      {draft.value && (
        <Form class="form" onSubmit={submit}>
          <SelectField
            label={t('pairs.mentor')}
            name="mentorId"
            value={mentorId}
            placeholder={t('pairs.choose')}
            options={options}
            error={errors.mentorId}
            onValue={setMentorId}
          />
          <fieldset class="field">
            <legend>{t('pairs.mentees')}</legend>
            <div class="checklist">
              {people
                .filter((p) => p.id !== mentorId)
                .map((p) => (
                  <label key={p.id} class="checklist__item">
                    <input
                      type="checkbox"
                      name="menteeIds"
                      value={p.id}
                      checked={menteeIds.includes(p.id)}
                      onChange={(e) => toggle(p.id, e.currentTarget.checked)}
                    />
                    <span>{nameOf(p)}</span>
                  </label>
                ))}
            </div>
            {/* Who is ticked, said under the list: a tick left from before, scrolled out of the list's
                view, otherwise kept the pair from being made with nothing to show why. */}
            {menteeIds.length > 0 && (
              <p class="muted" data-testid="chosen-mentees">
                {t('pairs.chosen', {
                  names: menteeIds.map((id) => personName(byId.get(id))).join(', '),
                })}
              </p>
            )}
            {errors.menteeIds && (
              <p class="field__error" role="alert">
                {errors.menteeIds}
              </p>
            )}
          </fieldset>
          <SelectField
            label={t('pairs.form')}
            name="form"
            value={form}
            options={mentoringFormOptions(props.forms)}
            onValue={setForm}
          />
          <button type="submit" class="button--primary">
            {t('pairs.create')}
          </button>
          {message && <Notice kind={message.kind}>{message.text}</Notice>}
        </Form>
      )}
    </details>
  );
}
