import { useState } from 'preact/hooks';
import { PERSON_KINDS } from '../../../domain/record-types';
import { useApp } from '../../app/context';
import { useLiveQuery } from '../../db/live';
import { t } from '../../i18n/i18n';
import { CheckboxField, SelectField, TextField } from '../../ui/fields';
import { Notice, Page } from '../../ui/Page';
import { saveMessage } from '../../ui/save-message';

const EMPTY = { fullName: '', kind: 'student', minor: true, classOrSubject: '' };

export function PeopleScreen() {
  const { queries, repo } = useApp();
  const people = useLiveQuery(queries.people, []);
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<ReturnType<typeof saveMessage> | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (form.fullName.trim() === '') {
      setError(t('people.required'));
      return;
    }
    setError(null);
    const result = await repo.create('person', {
      fullName: form.fullName.trim(),
      kind: form.kind,
      minor: form.minor,
      classOrSubject: form.classOrSubject.trim() || null,
    });
    setMessage(saveMessage(result));
    if (result.ok) setForm({ ...EMPTY, kind: form.kind, minor: form.minor });
  };

  return (
    <Page title={t('people.title')}>
      <details class="panel" open={people?.length === 0}>
        <summary>{t('people.add')}</summary>
        <form class="form" onSubmit={submit}>
          <TextField
            label={t('people.fullName')}
            name="fullName"
            value={form.fullName}
            error={error}
            onValue={(v) => setForm({ ...form, fullName: v })}
          />
          <SelectField
            label={t('people.kind')}
            name="kind"
            value={form.kind}
            options={PERSON_KINDS.map((k) => ({ value: k, label: t(`people.kind.${k}`) }))}
            onValue={(v) => setForm({ ...form, kind: v, minor: v === 'student' })}
          />
          <TextField
            label={t('people.classOrSubject')}
            name="classOrSubject"
            value={form.classOrSubject}
            onValue={(v) => setForm({ ...form, classOrSubject: v })}
          />
          <CheckboxField
            label={t('people.minor')}
            name="minor"
            checked={form.minor}
            onValue={(v) => setForm({ ...form, minor: v })}
          />
          <button type="submit" class="button--primary">
            {t('people.save')}
          </button>
          {message && <Notice kind={message.kind}>{message.text}</Notice>}
        </form>
      </details>
      <p class="muted">{t('people.count', { n: people?.length ?? 0 })}</p>
      {people?.length === 0 && <p>{t('people.empty')}</p>}
      <ul class="list" data-testid="people-list">
        {people?.map((p) => (
          <li key={p.id}>
            <a href={`/people/${p.id}`}>{String(p.fields.fullName)}</a>{' '}
            <span class="muted">
              {t(`people.kind.${String(p.fields.kind)}` as 'people.kind.student')}
              {p.fields.classOrSubject ? `, ${String(p.fields.classOrSubject)}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </Page>
  );
}
