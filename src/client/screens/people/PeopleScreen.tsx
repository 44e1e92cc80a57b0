// The participants base: search and filters, who lacks a consent, add one by hand or import a class list.
import { useRef, useState } from 'preact/hooks';
import { tidyName } from '../../../domain/fold-text';
import type { SyncedRecord } from '../../../domain/record';
import { maxTextLength, PERSON_KINDS } from '../../../domain/record-types';
import { useApp } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { t } from '../../i18n/i18n';
import { filterPeople, loadPeople, namesakeOf, type PeopleFilter } from '../../models/people-model';
import { useNewRecordDraft } from '../../state/draft';
import { CheckboxField, SelectField, TextField } from '../../ui/fields';
import { Notice, Page } from '../../ui/Page';
import { Form } from '../../ui/pending';
import { fieldOfFailure, saveMessage } from '../../ui/save-message';
import { useStaysOpen } from '../../ui/stays-open';

const EMPTY = { fullName: '', kind: 'student', minor: true, classOrSubject: '' };
const PAGE = 100;

export function PeopleScreen() {
  const { repo, drafts } = useApp();
  const queries = useQueries();
  const data = useLiveQuery(() => loadPeople(queries), []);
  // What is typed is a draft on the device (a reload, a closed tab or another screen keeps it), gone once
  // the person is added; the next one starts with the same category and class (a class typed in a row).
  const next = useRef(EMPTY);
  const draft = useNewRecordDraft(drafts, 'person:new', () => next.current);
  const form = draft.value ?? EMPTY;
  const setForm = (value: typeof EMPTY) => draft.change(value);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<(ReturnType<typeof saveMessage> & { field?: string | null }) | null>(
    null,
  );
  const [filter, setFilter] = useState<PeopleFilter>({
    text: '',
    kind: '',
    className: '',
    withArchived: false,
  });
  const [limit, setLimit] = useState(PAGE);

  // A namesake already in the base is said once; the same name and class submitted again is added.
  const [namesake, setNamesake] = useState<{ typed: string; person: SyncedRecord<'person'> } | null>(null);
  const submit = async () => {
    if (form.fullName.trim() === '') return setError(t('people.required'));
    setError(null);
    const typed = `${tidyName(form.fullName)}\n${form.classOrSubject.trim()}`;
    const same = data && namesakeOf(data.rows, form.fullName, form.classOrSubject);
    if (same && namesake?.typed !== typed) return setNamesake({ typed, person: same });
    setNamesake(null);
    const result = await repo.create(
      'person',
      {
        // As a class list's names are kept: Latin look-alikes in a Cyrillic name as Cyrillic, one space.
        fullName: tidyName(form.fullName),
        kind: form.kind,
        minor: form.minor,
        classOrSubject: form.classOrSubject.trim() || null,
      },
      undefined,
      { endsDraft: draft.ending(form) },
    );
    const said = saveMessage(result);
    // A refusal about one field is said under it; the form's own notice says the rest.
    const field = fieldOfFailure(result);
    if (field === 'fullName') setError(said.text);
    setMessage(field === 'fullName' ? null : { ...said, field });
    if (result.ok) {
      next.current = { ...EMPTY, kind: form.kind, minor: form.minor, classOrSubject: form.classOrSubject };
      await draft.saved(form);
    }
  };
  const isAddOpen = useStaysOpen(data?.rows.length === 0 || draft.isRestored);
  const rows = data ? filterPeople(data.rows, filter) : [];
  const missingConsents =
    data?.rows.filter((r) => r.needsConsent && r.person.fields.archived !== true).length ?? 0;

  return (
    <Page title={t('people.title')}>
      <div class="actions">
        <a class="button" href="/people/import">
          {t('people.import')}
        </a>
      </div>
      <details class="panel" open={isAddOpen}>
        <summary>{t('people.add')}</summary>
        {draft.value && (
          <Form class="form" onSubmit={submit}>
            <TextField
              label={t('people.fullName')}
              name="fullName"
              value={form.fullName}
              maxLength={maxTextLength('person', 'fullName')}
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
              maxLength={maxTextLength('person', 'classOrSubject')}
              error={message?.field === 'classOrSubject' ? message.text : null}
              onValue={(v) => setForm({ ...form, classOrSubject: v })}
            />
            <CheckboxField
              label={t('people.minor')}
              name="minor"
              checked={form.minor}
              onValue={(v) => setForm({ ...form, minor: v })}
            />
            {namesake && (
              <Notice>
                {t('people.namesake', {
                  name: namesake.person.fields.fullName ?? '',
                  cls: namesake.person.fields.classOrSubject ?? '—',
                })}{' '}
                <a href={`/people/${namesake.person.id}`}>{t('people.namesakeOpen')}</a>
              </Notice>
            )}
            <button type="submit" class="button--primary">
              {namesake ? t('people.saveAnother') : t('people.save')}
            </button>
            {message && message.field !== 'classOrSubject' && (
              <Notice kind={message.kind}>{message.text}</Notice>
            )}
          </Form>
        )}
      </details>
      {missingConsents > 0 && (
        <Notice kind="error">{t('people.missingConsents', { n: missingConsents })}</Notice>
      )}
      <div class="filters">
        <TextField
          label={t('people.search')}
          type="search"
          value={filter.text}
          onValue={(text) => setFilter({ ...filter, text })}
        />
        <SelectField
          label={t('people.kind')}
          value={filter.kind}
          placeholder={t('people.any')}
          options={PERSON_KINDS.map((k) => ({ value: k, label: t(`people.kind.${k}`) }))}
          onValue={(kind) => setFilter({ ...filter, kind })}
        />
        <SelectField
          label={t('people.classOrSubject')}
          value={filter.className}
          placeholder={t('people.any')}
          options={(data?.classes ?? []).map((c) => ({ value: c, label: c }))}
          onValue={(className) => setFilter({ ...filter, className })}
        />
        <CheckboxField
          label={t('people.withArchived')}
          checked={filter.withArchived}
          onValue={(withArchived) => setFilter({ ...filter, withArchived })}
        />
      </div>
      <p class="muted">{t('people.count', { n: rows.length })}</p>
      {data?.rows.length === 0 && <p>{t('people.empty')}</p>}
      <div class="table-wrap">
        <table class="data data--stack" data-testid="people-list">
          <thead>
            <tr>
              <th scope="col">{t('people.fullName')}</th>
              <th scope="col">{t('people.kind')}</th>
              <th scope="col">{t('people.classOrSubject')}</th>
              <th scope="col">{t('people.consent')}</th>
              <th scope="col">{t('people.inPairs')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, limit).map(({ person: p, hasConsent, needsConsent, pairs }) => (
              <tr key={p.id}>
                <td>
                  <a href={`/people/${p.id}`}>{p.fields.fullName ?? ''}</a>
                  {p.fields.archived === true ? <span class="muted"> ({t('people.archived')})</span> : null}
                </td>
                <td data-label={t('people.kind')}>{t(`people.kind.${p.fields.kind ?? 'other'}`)}</td>
                <td data-label={t('people.classOrSubject')}>{p.fields.classOrSubject ?? ''}</td>
                <td data-label={t('people.consent')} class={needsConsent ? 'nudge--urgent' : ''}>
                  {hasConsent ? t('people.consentYes') : needsConsent ? t('people.consentMissing') : '—'}
                </td>
                <td data-label={t('people.inPairs')}>{pairs || ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > limit && (
        <button type="button" onClick={() => setLimit(limit + PAGE)}>
          {t('home.more')}
        </button>
      )}
    </Page>
  );
}
