// Every table of the programme as typed rows for CSV and XLSX: names instead of ids, dates as dates, and
// every value the label the app shows (a meeting's kind, a pair's status), never an internal code. And
// the methodology's base of mentors and base of mentees in their own layout.
import { dateCell, type ExportCell } from '../../domain/export-cell';
import { foldText } from '../../domain/fold-text';
import { isMinor } from '../../domain/minor';
import {
  type BasePair,
  type BasePerson,
  type BaseRow,
  pairEnd,
  programmeBases,
} from '../../domain/programme-bases';
import type { SyncedRecord } from '../../domain/record';
import type { Queries } from '../db/queries';
import { todayIso } from '../i18n/format';
import { type MessageKey, t } from '../i18n/i18n';

export type TableName = 'people' | 'consents' | 'pairs' | 'meetings' | 'tasks';
export const TABLES: readonly TableName[] = ['people', 'consents', 'pairs', 'meetings', 'tasks'];
export type BaseName = 'mentors' | 'mentees';
export const BASES: readonly BaseName[] = ['mentees', 'mentors'];

const text = (v: string | null | undefined): ExportCell => v || null;
const label = (prefix: string, v: string | null | undefined): ExportCell =>
  v ? t(`${prefix}.${v}` as MessageKey) : null;
const heads = (...keys: string[]) => keys.map((k) => t(`export.col.${k}` as MessageKey));

export async function tableRows(queries: Queries, table: TableName): Promise<ExportCell[][]> {
  const [people, pairs] = await Promise.all([queries.people(), queries.pairs()]);
  const name = new Map(people.map((p) => [p.id, p.fields.fullName ?? '']));
  const pairName = new Map(
    pairs.map((p) => [
      p.id,
      `${(p.fields.menteeIds ?? []).flatMap((id) => name.get(id) || []).join(', ')} — ${name.get(p.fields.mentorId ?? '') ?? ''}`,
    ]),
  );
  switch (table) {
    case 'people': {
      const consents = await queries.allConsents();
      const consented = new Set(
        consents.filter((c) => c.fields.withdrawn === false).map((c) => c.fields.personId ?? ''),
      );
      const today = todayIso();
      return [
        heads(
          'fullName',
          'kind',
          'classOrSubject',
          'birthDate',
          'minor',
          'contacts',
          'consent',
          'trained',
          'archived',
        ),
        ...people.map((p) => [
          text(p.fields.fullName),
          label('people.kind', p.fields.kind),
          text(p.fields.classOrSubject),
          dateCell(p.fields.birthDate),
          isMinor(p.fields, today),
          text(p.fields.contacts),
          consented.has(p.id),
          p.fields.trained === true,
          p.fields.archived === true,
        ]),
      ];
    }
    case 'consents':
      return [
        heads('person', 'signedBy', 'date', 'withdrawn', 'withdrawnDate', 'scope'),
        ...(await queries.allConsents()).map((c) => [
          name.get(c.fields.personId ?? '') ?? null,
          text(c.fields.signedBy),
          dateCell(c.fields.date),
          c.fields.withdrawn === true,
          dateCell(c.fields.withdrawnDate),
          text(c.fields.scope),
        ]),
      ];
    case 'pairs':
      return [
        heads('mentor', 'mentees', 'form', 'status', 'start', 'end', 'endReason'),
        ...pairs.map((p) => {
          const pair = basePair(p);
          return [
            name.get(pair.mentorId) ?? null,
            pair.menteeIds.flatMap((id) => name.get(id) || []).join(', '),
            pair.form,
            label('pairs.status', pair.status),
            dateCell(pair.startDate),
            dateCell(pairEnd(pair)),
            text(pair.endReason),
          ];
        }),
      ];
    case 'meetings': {
      // Private notes are the mentor's own: they are not exported.
      const meetings = await queries.allMeetings();
      return [
        heads('date', 'pair', 'meetingKind', 'meetingStatus', 'duration', 'topics', 'notes'),
        ...meetings.map((m) => [
          dateCell(m.fields.date),
          pairName.get(m.fields.pairId ?? '') ?? null,
          label('meeting.kind', m.fields.kind),
          label('meeting.status', m.fields.status ?? 'held'),
          typeof m.fields.durationMin === 'number' ? m.fields.durationMin : null,
          (m.fields.topics ?? []).join('; ') || null,
          text(m.fields.notes),
        ]),
      ];
    }
    case 'tasks': {
      const plans = await queries.allPlans();
      const planOf = new Map(plans.map((p) => [p.id, p]));
      const tasks = await queries.tasksOfPlans(plans.map((p) => p.id));
      const goals = new Map(
        (await Promise.all(plans.map((p) => queries.goalsOfPlan(p.id))))
          .flat()
          .map((g) => [g.id, g.fields.title ?? '']),
      );
      return [
        heads('mentee', 'pair', 'goal', 'task', 'taskStatus', 'due'),
        ...tasks.map((task) => {
          const plan = planOf.get(task.fields.planId ?? '');
          return [
            name.get(plan?.fields.menteeId ?? '') ?? null,
            pairName.get(plan?.fields.pairId ?? '') ?? null,
            goals.get(task.fields.goalId ?? '') ?? null,
            text(task.fields.title),
            label('idp.status', task.fields.status),
            dateCell(task.fields.due),
          ];
        }),
      ];
    }
  }
}

function basePair(p: SyncedRecord<'pair'>): BasePair {
  return {
    id: p.id,
    mentorId: p.fields.mentorId ?? '',
    menteeIds: p.fields.menteeIds ?? [],
    form: p.fields.form ?? '',
    // Required: every pair is made with one (one without is taken as just proposed, as its page shows it).
    status: p.fields.status ?? 'proposed',
    startDate: p.fields.startDate ?? null,
    endReason: p.fields.endReason ?? null,
    history: p.fields.history ?? [],
  };
}

const basePerson = (p: SyncedRecord<'person'>): BasePerson => ({
  id: p.id,
  fullName: p.fields.fullName ?? '',
  classOrSubject: p.fields.classOrSubject ?? null,
  minor: isMinor(p.fields, todayIso()),
  contacts: p.fields.contacts ?? null,
  trained: p.fields.trained === true,
  archived: p.fields.archived === true,
});

/** Everything the two bases are made of, read from this device. */
async function baseInput(queries: Queries) {
  const [people, pairs, consents, meetings, plans, tasks, templates, assignments] = await Promise.all([
    queries.people(),
    queries.pairs(),
    queries.allConsents(),
    queries.allMeetingRecords(),
    queries.allPlans(),
    queries.allTasks(),
    queries.templates(),
    queries.allAssignments(),
  ]);
  const responses = await queries.responsesTo(assignments.map((a) => a.id));
  const builtIn = new Map(templates.map((tpl) => [tpl.id, tpl.fields.builtIn ?? '']));
  const kindOf = (a: SyncedRecord<'formAssignment'>) => builtIn.get(a.fields.templateId ?? '') ?? '';

  const meetingsHeld = new Map<string, number>();
  for (const m of meetings)
    if ((m.fields.status ?? 'held') === 'held')
      meetingsHeld.set(m.fields.pairId ?? '', (meetingsHeld.get(m.fields.pairId ?? '') ?? 0) + 1);

  const planKey = new Map(plans.map((p) => [p.id, `${p.fields.pairId ?? ''}:${p.fields.menteeId ?? ''}`]));
  const menteeFacts = new Map<
    string,
    { tasksDone: number; tasksTotal: number; goalsReached: string | null }
  >();
  const factsOf = (key: string) => {
    const facts = menteeFacts.get(key) ?? { tasksDone: 0, tasksTotal: 0, goalsReached: null };
    menteeFacts.set(key, facts);
    return facts;
  };
  for (const task of tasks) {
    const key = planKey.get(task.fields.planId ?? '');
    if (!key) continue;
    const facts = factsOf(key);
    facts.tasksTotal += 1;
    if (task.fields.status === 'done') facts.tasksDone += 1;
  }
  const answered = new Map(
    responses.filter((r) => r.fields.submittedAt).map((r) => [r.fields.assignmentId ?? '', r]),
  );
  const mentorGoalsReached = new Map<string, string>();
  for (const a of assignments) {
    const goals = answered.get(a.id)?.fields.answers?.goalsReached;
    if (typeof goals !== 'string' || !a.fields.pairId) continue;
    if (kindOf(a) === 'final-mentee')
      factsOf(`${a.fields.pairId ?? ''}:${a.fields.personId ?? ''}`).goalsReached = goals;
    if (kindOf(a) === 'final-mentor') mentorGoalsReached.set(a.fields.pairId ?? '', goals);
  }
  const consentSignedBy = new Map(
    consents
      .filter((c) => c.fields.withdrawn === false)
      .map((c) => [c.fields.personId ?? '', c.fields.signedBy ?? '']),
  );
  const assignedTo = (kind: string) =>
    new Set(assignments.filter((a) => kindOf(a) === kind).map((a) => a.fields.personId ?? ''));
  const intakeMentors = assignedTo('intake-mentor');
  for (const p of people) if (p.fields.trained === true) intakeMentors.add(p.id);
  return {
    people: people.map(basePerson),
    pairs: pairs.map(basePair),
    consentSignedBy,
    meetingsHeld,
    menteeFacts,
    mentorGoalsReached,
    intakeMentees: assignedTo('intake-mentee'),
    intakeMentors,
  };
}

function contactsCell(row: BaseRow): ExportCell {
  const contacts = row.person.contacts ?? '';
  // The representative's name once: contacts imported from a class list often begin with it already
  // («Смирнова Ольга Ивановна, +7 …»); a note after it («(мать)») is not part of the name.
  const name = row.representative?.replace(/\s*\(.*\)\s*$/, '') ?? '';
  const isNamed = name !== '' && foldText(contacts).includes(foldText(name));
  const parts = [
    row.representative && !isNamed ? t('export.base.representative', { name: row.representative }) : '',
    contacts,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : null;
}

function resultsCell(row: BaseRow): ExportCell {
  const pair = row.pair;
  if (!pair) return null;
  return [
    t(`pairs.status.${pair.status}` as MessageKey),
    t('export.base.meetings', { n: pair.meetingsHeld }),
    pair.tasksTotal > 0 ? t('export.base.tasks', { done: pair.tasksDone, total: pair.tasksTotal }) : '',
    pair.goalsReached ? t('export.base.goals', { answer: pair.goalsReached }) : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/**
 * A methodology base as rows: № and the person, their contacts (a minor's legal representative), their
 * class or subject, the form of mentoring, the partner(s) and their class, start and end of taking part,
 * results from the data (status, meetings held, IDP tasks done, goals reached by the final
 * questionnaire), a link to a case or review (the app keeps none: the curator fills it in) and a note.
 */
export async function baseRows(queries: Queries, base: BaseName): Promise<ExportCell[][]> {
  const bases = programmeBases(await baseInput(queries));
  const rows = base === 'mentors' ? bases.mentors : bases.mentees;
  const partnersOf = (row: BaseRow) => row.pair?.partners ?? [];
  return [
    heads(
      'number',
      base === 'mentors' ? 'baseMentor' : 'baseMentee',
      'baseContacts',
      base === 'mentors' ? 'baseMentorPlace' : 'baseMenteePlace',
      'form',
      base === 'mentors' ? 'baseMentees' : 'baseMentor',
      base === 'mentors' ? 'baseMenteePlace' : 'baseMentorPlace',
      'baseStart',
      'baseEnd',
      'baseResults',
      'baseCase',
      'baseNote',
    ),
    ...rows.map((row, i) => [
      i + 1,
      row.person.fullName,
      contactsCell(row),
      row.person.classOrSubject,
      row.pair?.form ?? null,
      partnersOf(row)
        .map((p) => p.fullName)
        .join(', ') || null,
      [...new Set(partnersOf(row).flatMap((p) => p.classOrSubject ?? []))].join(', ') || null,
      dateCell(row.pair?.start),
      dateCell(row.pair?.end),
      resultsCell(row),
      null,
      row.pair?.note ?? null,
    ]),
  ];
}
