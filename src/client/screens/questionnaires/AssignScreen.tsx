// Assign a form in one go: to every mentee or mentor of the programme, to pairs, or to people.

import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { BUILTIN_TEMPLATES, type BuiltinTemplate } from '../../../domain/questionnaires/builtin-templates';
import { useApp } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { allOf, useLiveQuery } from '../../db/live';
import { todayIso } from '../../i18n/format';
import { builtinText, t } from '../../i18n/i18n';
import {
  assign,
  type Target,
  targetsOf,
  type Whom,
  withheldOf,
} from '../../models/questionnaire-assign-model';
import { usePending } from '../../state/pending';
import { schoolNow } from '../../state/school-clock';
import { SelectField, TextField } from '../../ui/fields';
import { Notice, Page } from '../../ui/Page';
import { pairLabel } from '../../ui/pair-label';
import { personName } from '../../ui/person-name';
import { saveMessage } from '../../ui/save-message';

const AUDIENCE: Record<BuiltinTemplate['audience'], Whom> = {
  mentee: 'mentees',
  mentor: 'mentors',
  both: 'both',
};
/** Whom a kind of questionnaire is written for; a curator's own form, to mentees. */
const audienceOf = (kind: string): Whom =>
  AUDIENCE[BUILTIN_TEMPLATES.find((b) => b.key === kind)?.audience ?? 'mentee'];
const ACTIVE = new Set(['proposed', 'approved', 'active']);

export function AssignScreen() {
  const { params } = useRoute();
  const id = params.id as string;
  const { repo } = useApp();
  const queries = useQueries();
  const data = useLiveQuery(
    () => allOf([queries.template(id), queries.pairs(), queries.people(), queries.allConsents()]),
    [id],
  );
  // Until the curator picks, the form goes to whom it is written for (a mentor's questionnaire to mentors).
  const [chosenWhom, setWhom] = useState<Whom | null>(null);
  const [pairIds, setPairIds] = useState<string[]>([]);
  const [personIds, setPersonIds] = useState<string[]>([]);
  const [due, setDue] = useState(() => todayIso(new Date(schoolNow().getTime() + 14 * 86_400_000)));
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const pending = usePending();
  if (!data) return <Page title={t('questionnaires.assign')}>{null}</Page>;
  const [template, allPairs, allPeople, consents] = data;
  const isWithheld = withheldOf(allPeople, consents);
  // A minor without their parents' consent is offered no form: their device would not receive it.
  const people = allPeople.filter((p) => !isWithheld(p.id));
  const whom = chosenWhom ?? audienceOf(template?.fields.kind ?? 'custom');
  // A pair left with no mentee who may receive a form is not offered either (targetsOf).
  const pairs = allPairs.filter(
    (p) => ACTIVE.has(p.fields.status ?? '') && targetsOf([p], 'mentees', isWithheld).length > 0,
  );
  const byPerson = new Map(allPeople.map((p) => [p.id, p]));

  // One assignment at a time, whichever button: a double tap would hand the form out twice. Once it is
  // done, the ticks it was made from (`done`) are cleared — not those the curator made while it ran.
  type Ticks = { pairIds?: string[]; personIds?: string[] };
  const run = (targets: Target[], done: Ticks) => pending.run(() => assignTo(targets, done));
  const assignTo = async (targets: Target[], done: Ticks) => {
    if (targets.length === 0) return setMessage({ kind: 'error', text: t('assign.nobody') });
    const result = await assign(repo, queries, id, targets, due || null);
    if (!result.ok) return setMessage(saveMessage(result.result));
    setMessage({ kind: 'success', text: t('assign.done', { n: result.created, skipped: result.skipped }) });
    const untick = (ids: string[] | undefined) => (now: string[]) =>
      ids ? now.filter((x) => !ids.includes(x)) : now;
    setPairIds(untick(done.pairIds));
    setPersonIds(untick(done.personIds));
  };
  const toggle = (set: (f: (now: string[]) => string[]) => void, value: string, isOn: boolean) =>
    set((now) => (isOn ? [...now, value] : now.filter((x) => x !== value)));

  return (
    <Page
      title={t('assign.title', { title: builtinText(template?.fields.title ?? '') })}
      back={`/forms/${id}`}
    >
      <div class="form">
        <TextField label={t('assign.due')} type="date" value={due} onValue={setDue} />
        <SelectField
          label={t('assign.whom')}
          value={whom}
          options={[
            { value: 'mentees', label: t('assign.mentees') },
            { value: 'mentors', label: t('assign.mentors') },
            { value: 'both', label: t('assign.both') },
          ]}
          onValue={(v) => setWhom(v as Whom)}
        />
        <button
          type="button"
          class="button--primary"
          disabled={pending.isPending}
          onClick={() => void run(targetsOf(pairs, whom, isWithheld), { pairIds, personIds })}
        >
          {t('assign.everyone', { n: targetsOf(pairs, whom, isWithheld).length })}
        </button>
      </div>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}

      <details class="panel">
        <summary>{t('assign.byPair')}</summary>
        <div class="checklist">
          {pairs.map((p) => (
            <label key={p.id} class="checklist__item">
              <input
                type="checkbox"
                checked={pairIds.includes(p.id)}
                onChange={(e) => toggle(setPairIds, p.id, e.currentTarget.checked)}
              />
              <span>{pairLabel(p, byPerson)}</span>
            </label>
          ))}
        </div>
        <button
          type="button"
          disabled={pending.isPending}
          onClick={() =>
            void run(
              targetsOf(
                pairs.filter((p) => pairIds.includes(p.id)),
                whom,
                isWithheld,
              ),
              { pairIds },
            )
          }
        >
          {t('assign.toPairs', { n: pairIds.length })}
        </button>
      </details>

      <details class="panel">
        <summary>{t('assign.byPerson')}</summary>
        <div class="checklist">
          {people.map((p) => (
            <label key={p.id} class="checklist__item">
              <input
                type="checkbox"
                checked={personIds.includes(p.id)}
                onChange={(e) => toggle(setPersonIds, p.id, e.currentTarget.checked)}
              />
              <span>{personName(p)}</span>
            </label>
          ))}
        </div>
        <button
          type="button"
          disabled={pending.isPending}
          onClick={() =>
            void run(
              personIds.map((personId) => ({ personId, pairId: null })),
              { personIds },
            )
          }
        >
          {t('assign.toPeople', { n: personIds.length })}
        </button>
      </details>
    </Page>
  );
}
