// Forming pairs and groups: mentees without a pair with ranked mentors and the reasons, every pair with
// its status, and a group made by hand.
import { useState } from 'preact/hooks';
import type { SyncedRecord } from '../../../domain/record';
import { OPEN_PAIR_STATUSES, PAIR_STATUSES } from '../../../domain/record-types';
import { useApp, useSession } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { allOf, useLiveQuery } from '../../db/live';
import { todayIso } from '../../i18n/format';
import { type MessageKey, t } from '../../i18n/i18n';
import { loadPairing } from '../../models/matching-model';
import { createPair, guessMentoringForm, loadMentoringForms } from '../../models/pairs-model';
import { usePending } from '../../state/pending';
import { matchReasonText, mentoringFormLabel } from '../../ui/built-in-labels';
import { SelectField } from '../../ui/fields';
import { Notice, Page } from '../../ui/Page';
import { pairLabel } from '../../ui/pair-label';
import { personName } from '../../ui/person-name';
import { saveMessage } from '../../ui/save-message';
import { GroupForm } from './GroupForm';

function Suggestions(props: {
  mentee: SyncedRecord<'person'>;
  replacesId: string | null;
  suggestFor: (id: string) => ReturnType<Awaited<ReturnType<typeof loadPairing>>['suggestFor']>;
  forms: string[];
}) {
  const { repo } = useApp();
  const [message, setMessage] = useState<string | null>(null);
  const pending = usePending();
  const rows = props.suggestFor(props.mentee.id).slice(0, 5);
  const pair = (mentor: SyncedRecord<'person'>) =>
    pending.run(async () => {
      const result = await createPair(
        repo,
        {
          mentorId: mentor.id,
          menteeIds: [props.mentee.id],
          form: guessMentoringForm(mentor, props.mentee, props.forms),
          replacesId: props.replacesId,
        },
        todayIso(),
      );
      setMessage(result.ok ? null : saveMessage(result).text);
    });
  return (
    <div class="suggestions" data-testid="suggestions">
      {rows.length === 0 && <p>{t('pairs.noMentors')}</p>}
      <ol>
        {rows.map((s) => (
          <li key={s.mentorId} class="suggestion">
            <div>
              <strong>{personName(s.mentor)}</strong>{' '}
              <span class="muted">
                {t('pairs.score', { n: s.score })} ·{' '}
                {s.capacity
                  ? t('pairs.loadOf', { n: s.load, of: s.capacity })
                  : t('pairs.load', { n: s.load })}
              </span>
            </div>
            {s.reasons.length > 0 && <p class="muted">{s.reasons.map(matchReasonText).join('; ')}</p>}
            <button type="button" disabled={pending.isPending} onClick={() => void pair(s.mentor)}>
              {t('pairs.makePair', { name: personName(s.mentor) })}
            </button>
          </li>
        ))}
      </ol>
      {message && <Notice kind="error">{message}</Notice>}
    </div>
  );
}

export function PairsScreen() {
  const queries = useQueries();
  const session = useSession();
  const data = useLiveQuery(
    () => allOf([loadPairing(queries, session.personId), loadMentoringForms(queries)]),
    [session.personId],
  );
  // Re-pairing after a failed trial: the ended pair's mentee opens with suggestions.
  const [repairId] = useState(() => new URLSearchParams(location.search).get('repair'));
  const [open, setOpen] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  if (!data) return <Page title={t('pairs.title')}>{null}</Page>;
  const [pairing, forms] = data;
  const repaired = repairId ? pairing.pairs.find((p) => p.id === repairId) : undefined;
  const repairedMenteeId = repaired?.fields.menteeIds?.[0] ?? null;
  const openId = open ?? repairedMenteeId;
  const byId = new Map(pairing.people.map((p) => [p.id, p]));
  const pairs = pairing.pairs.filter((p) => !status || p.fields.status === status);
  const isWithheld = (id: string) => pairing.withheld.has(id);
  const blocked = pairing.unpaired.filter((p) => isWithheld(p.id));
  // A pair with a member whose consent is missing or withdrawn works for nobody (the server sends them to
  // no one but curators): said in the table, not only on the pair's page.
  const lacksConsent = (p: (typeof pairs)[number]) =>
    OPEN_PAIR_STATUSES.has(p.fields.status ?? 'proposed') &&
    [p.fields.mentorId ?? '', ...(p.fields.menteeIds ?? [])].some(isWithheld);
  const ready = pairing.unpaired.filter((p) => !blocked.includes(p));
  return (
    <Page title={t('pairs.title')}>
      <div class="actions">
        <a class="button" href="/orders">
          {t('nav.orders')}
        </a>
      </div>
      <section aria-labelledby="unpaired">
        <h2 id="unpaired">{t('pairs.unpaired', { n: ready.length })}</h2>
        {/* The psychologist's support is for mentees waiting (those held back for a consent too): with none
            waiting, the line spoke of no one. */}
        {pairing.unpaired.length > 0 && <p class="muted">{t('pairs.unpairedHint')}</p>}
        <ul class="cards" data-testid="unpaired">
          {ready.map((m) => (
            <li key={m.id} class="card">
              <p class="card__title">
                {personName(m)} <span class="muted">{m.fields.classOrSubject ?? ''}</span>
              </p>
              <button
                type="button"
                aria-expanded={openId === m.id}
                onClick={() => setOpen(openId === m.id ? '' : m.id)}
              >
                {t('pairs.suggest')}
              </button>
              {openId === m.id && (
                <Suggestions
                  mentee={m}
                  replacesId={repaired && openId === repairedMenteeId ? repaired.id : null}
                  suggestFor={pairing.suggestFor}
                  forms={forms}
                />
              )}
            </li>
          ))}
        </ul>
        {blocked.length > 0 && (
          <Notice kind="error">
            {t('pairs.blocked', { n: blocked.length })}{' '}
            {blocked.map((p, i) => (
              <span key={p.id}>
                {i > 0 ? ', ' : ''}
                <a href={`/people/${p.id}`}>{personName(p)}</a>
              </span>
            ))}
          </Notice>
        )}
      </section>
      <GroupForm people={pairing.people} forms={forms} withheld={pairing.withheld} />
      <h2>{t('pairs.all', { n: pairing.pairs.length })}</h2>
      <SelectField
        label={t('pairs.status')}
        value={status}
        placeholder={t('people.any')}
        options={PAIR_STATUSES.map((s) => ({ value: s, label: t(`pairs.status.${s}` as MessageKey) }))}
        onValue={setStatus}
      />
      {/* An empty table said nothing: a new school is told how a pair is made, a filter that it found none. */}
      {pairs.length === 0 ? (
        <p class="muted" data-testid="pairs-empty">
          {pairing.pairs.length === 0 ? t('pairs.none') : t('pairs.noneOfStatus')}
        </p>
      ) : (
        <div class="table-wrap">
          <table class="data data--stack" data-testid="pairs-table">
            <thead>
              <tr>
                <th scope="col">{t('pairs.pair')}</th>
                <th scope="col">{t('pairs.form')}</th>
                <th scope="col">{t('pairs.status')}</th>
              </tr>
            </thead>
            <tbody>
              {pairs.map((p) => (
                <tr key={p.id}>
                  <td>
                    <a href={`/pair/${p.id}`}>{pairLabel(p, byId)}</a>
                  </td>
                  <td data-label={t('pairs.form')}>{mentoringFormLabel(p.fields.form ?? '')}</td>
                  <td data-label={t('pairs.status')}>
                    {t(`pairs.status.${p.fields.status ?? 'proposed'}`)}
                    {lacksConsent(p) && <span class="nudge--urgent"> · {t('pairs.noConsent')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
