import { useState } from 'preact/hooks';
import { MENTORING_FORMS } from '../../../domain/meeting-series';
import { useApp, useSession } from '../../app/context';
import { useLiveQuery } from '../../db/live';
import { t } from '../../i18n/i18n';
import { SelectField } from '../../ui/fields';
import { Notice, Page } from '../../ui/Page';
import { PairCard } from '../../ui/PairCard';
import { saveMessage } from '../../ui/save-message';
import { pairFormErrors } from './pair-form';

export function PairsScreen() {
  const { queries, repo, db } = useApp();
  const session = useSession();
  const pairs = useLiveQuery(queries.pairs, []);
  const people = useLiveQuery(queries.people, []) ?? [];
  const [mentorId, setMentorId] = useState('');
  const [menteeIds, setMenteeIds] = useState<string[]>([]);
  const [form, setForm] = useState<string>(MENTORING_FORMS[2]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<ReturnType<typeof saveMessage> | null>(null);
  const options = people.map((p) => ({ value: p.id, label: String(p.fields.fullName) }));

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = await pairFormErrors(db, { mentorId, menteeIds });
    setErrors(found);
    if (Object.keys(found).length) return;
    const result = await repo.create('pair', {
      mentorId,
      menteeIds,
      form,
      status: 'active',
      startDate: null,
    });
    setMessage(saveMessage(result));
    if (result.ok) {
      setMentorId('');
      setMenteeIds([]);
    }
  };
  const toggle = (id: string, isOn: boolean) =>
    setMenteeIds(isOn ? [...menteeIds, id] : menteeIds.filter((x) => x !== id));

  return (
    <Page title={t('pairs.title')}>
      <details class="panel">
        <summary>{t('pairs.new')}</summary>
        <form class="form" onSubmit={submit}>
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
                    />{' '}
                    {String(p.fields.fullName)}
                  </label>
                ))}
            </div>
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
            options={MENTORING_FORMS.map((f) => ({ value: f, label: f }))}
            onValue={setForm}
          />
          <button type="submit" class="button--primary">
            {t('pairs.create')}
          </button>
          {message && <Notice kind={message.kind}>{message.text}</Notice>}
        </form>
      </details>
      {pairs?.length === 0 && <p>{t('pairs.empty')}</p>}
      <ul class="cards">
        {pairs?.map((p) => (
          <PairCard key={p.id} pair={p} viewerId={session.personId} />
        ))}
      </ul>
    </Page>
  );
}
