// The monitoring facts of a school (roadmap stages 5–6): per pair, meetings held, IDP progress and
// satisfaction; for the school, the roadmap's counts, satisfaction and impact. Pure: the curator's
// dashboard, roadmap and report compute them from the device's records, the server from a school's
// records for the district's summary (district-summary.ts).

import { dashboard, type Filters, impact, type PairFacts, type PersonFacts, type Roster } from './monitoring';
import { pairBeganOn } from './nudges';
import { scaleAnswer } from './questionnaires/answers';
import { SATISFACTION_QUESTION } from './questionnaires/builtin-templates';
import { average } from './questionnaires/results';
import type { TemplateKind } from './questionnaires/template-kinds';
import type { SyncedRecord } from './record';
import { OPEN_PAIR_STATUSES } from './record-types';
import type { RoadmapFacts } from './roadmap';

/**
 * Each questionnaire's satisfaction: the average of every sent response and how many there are; and
 * `latest`, each respondent's latest answer once (what a figure shown outside the school is made of:
 * district-summary.ts — a pupil given the interim questionnaire each term counts once there).
 */
type Satisfaction = Record<
  'interimMentee' | 'interimMentor' | 'finalMentee' | 'finalMentor',
  { average: number | null; responses: number; latest: { personId: string; answer: number }[] }
>;

type MentorStats = {
  meetings: number;
  tasksDone: number;
  tasksTotal: number;
  satisfaction: number | null;
  pairs: number;
};

export type Monitoring = {
  pairs: PairFacts[];
  people: PersonFacts[];
  peopleById: Map<string, SyncedRecord<'person'>>;
  programme: SyncedRecord<'programme'> | undefined;
  meetingDates: string[];
  satisfaction: Satisfaction;
  impact: ReturnType<typeof impact>;
  roadmap: RoadmapFacts;
  mentorStats: Map<string, MentorStats>;
};

/** A school's live (not deleted) records, by type; `programme` is the one programme record, if any. */
export type SchoolRecords = {
  pairs: readonly SyncedRecord<'pair'>[];
  people: readonly SyncedRecord<'person'>[];
  meetings: readonly SyncedRecord<'meeting'>[];
  plans: readonly SyncedRecord<'plan'>[];
  tasks: readonly SyncedRecord<'task'>[];
  templates: readonly SyncedRecord<'formTemplate'>[];
  assignments: readonly SyncedRecord<'formAssignment'>[];
  responses: readonly SyncedRecord<'formResponse'>[];
  consents: readonly SyncedRecord<'consent'>[];
  programme: SyncedRecord<'programme'> | undefined;
};

/** The question that measures satisfaction in a kind of form, if it has one (never another scale). */
const satisfactionQuestionOf = (kind: string): string | undefined =>
  SATISFACTION_QUESTION[kind as TemplateKind];

/**
 * The answer to the satisfaction question of a response, if given on that question's scale: the
 * template's own (a curator's copy may run from 0), else the built-in forms' 1–10.
 */
function satisfactionAnswer(
  kind: string,
  answers: Record<string, unknown>,
  scale: { min?: unknown; max?: unknown } = {},
): number | null {
  const id = satisfactionQuestionOf(kind);
  return id ? scaleAnswer(scale, answers[id]) : null;
}

/** A task not done whose due day (a date or the day of a date-time) is before `today`. */
function isOverdue(task: SyncedRecord<'task'>, today: string): boolean {
  const due = task.fields.due;
  return typeof due === 'string' && due.slice(0, 10) < today && task.fields.status !== 'done';
}

/** Monitoring facts as of `today` (YYYY-MM-DD): meetings dated later, planned or cancelled do not count. */
export function monitoringFacts(records: SchoolRecords, today: string): Monitoring {
  const {
    pairs,
    people,
    meetings: meetingRecords,
    plans,
    tasks: taskRecords,
    templates,
    assignments,
    responses,
    consents,
    programme,
  } = records;
  const peopleById = new Map(people.map((p) => [p.id, p]));
  const meetings = new Map<string, { count: number; last: string | null }>();
  const meetingDates: string[] = [];
  const kinds = new Map<string, Set<string>>();
  for (const meeting of meetingRecords) {
    const { pairId, date, kind } = meeting.fields;
    // Only meetings that took place count: planned ones are ahead, cancelled ones did not happen.
    if (!pairId || !date || (meeting.fields.status ?? 'held') !== 'held' || date > today) continue;
    const held = kinds.get(pairId) ?? new Set<string>();
    if (kind) held.add(kind);
    kinds.set(pairId, held);
    const m = meetings.get(pairId) ?? { count: 0, last: null };
    m.count += 1;
    if (m.last === null || date > m.last) m.last = date;
    meetings.set(pairId, m);
    meetingDates.push(date);
  }
  const pairOfPlan = new Map(plans.map((p) => [p.id, p.fields.pairId]));
  const tasks = new Map<string, { done: number; total: number; overdue: number }>();
  const taskOf = (pairId: string) => {
    const found = tasks.get(pairId);
    if (found) return found;
    const fresh = { done: 0, total: 0, overdue: 0 };
    tasks.set(pairId, fresh);
    return fresh;
  };
  for (const task of taskRecords) {
    const pairId = pairOfPlan.get(task.fields.planId ?? '');
    if (!pairId) continue;
    taskOf(pairId).total += 1;
    if (task.fields.status === 'done') taskOf(pairId).done += 1;
    if (isOverdue(task, today)) taskOf(pairId).overdue += 1;
  }
  // Satisfaction and impact from the programme's questionnaires (and copies of them, by kind).
  const kindOfTemplate = new Map<string, string>(templates.map((t) => [t.id, t.fields.kind ?? '']));
  const satisfactionScale = new Map(
    templates.map((t) => {
      const id = satisfactionQuestionOf(t.fields.kind ?? '');
      // Questions are JSON the server only bounds: an item may be anything.
      const question =
        id && (t.fields.questions ?? []).find((q) => (q as { id?: unknown } | null)?.id === id);
      return [t.id, (question || {}) as { min?: unknown; max?: unknown }];
    }),
  );
  const assignmentById = new Map(assignments.map((a) => [a.id, a]));
  const sent = responses.filter((r) => r.fields.submittedAt);
  const byKind: Record<
    string,
    {
      answers: Record<string, unknown>;
      pairId: string | null;
      personId: string;
      submittedAt: string;
      scale: { min?: unknown; max?: unknown } | undefined;
    }[]
  > = {};
  for (const r of sent) {
    const a = assignmentById.get(r.fields.assignmentId ?? '');
    if (!a) continue;
    const kind = kindOfTemplate.get(a.fields.templateId ?? '') ?? '';
    byKind[kind] = byKind[kind] ?? [];
    byKind[kind].push({
      answers: r.fields.answers ?? {},
      pairId: a.fields.pairId ?? null,
      personId: a.fields.personId ?? '',
      submittedAt: r.fields.submittedAt ?? '',
      scale: satisfactionScale.get(a.fields.templateId ?? ''),
    });
  }
  const mentorOfPair = new Map(pairs.map((p) => [p.id, p.fields.mentorId ?? '']));
  const mentors = new Set(mentorOfPair.values());
  const isMentorRespondent = (r: { pairId: string | null; personId: string }) =>
    r.pairId ? mentorOfPair.get(r.pairId) === r.personId : mentors.has(r.personId);
  // The final questionnaires say who answers; the interim one is told apart by the respondent.
  const satisfactionOf = (kind: string, isMentor: boolean) => {
    const rows = (byKind[kind] ?? []).filter((r) => kind !== 'interim' || isMentorRespondent(r) === isMentor);
    const given = rows.flatMap((r) => {
      const answer = satisfactionAnswer(kind, r.answers, r.scale);
      return answer === null ? [] : [{ answer, personId: r.personId, at: r.submittedAt }];
    });
    const latest = new Map<string, (typeof given)[number]>();
    for (const g of given) {
      const known = latest.get(g.personId);
      if (!known || g.at > known.at) latest.set(g.personId, g);
    }
    const numbers = given.map((g) => g.answer);
    return {
      average: average(numbers),
      responses: numbers.length,
      latest: [...latest.values()].map(({ personId, answer }) => ({ personId, answer })),
    };
  };
  const menteeSatisfaction = new Map<string, number[]>();
  for (const kind of ['interim', 'final-mentee']) {
    for (const r of byKind[kind] ?? []) {
      if (!r.pairId || mentorOfPair.get(r.pairId) === r.personId) continue;
      const avg = satisfactionAnswer(kind, r.answers, r.scale);
      if (avg !== null) menteeSatisfaction.set(r.pairId, [...(menteeSatisfaction.get(r.pairId) ?? []), avg]);
    }
  }
  const facts: PairFacts[] = pairs.map((p) => {
    const menteeIds = p.fields.menteeIds ?? [];
    const m = meetings.get(p.id);
    const t = tasks.get(p.id);
    return {
      id: p.id,
      form: p.fields.form ?? '',
      status: p.fields.status ?? '',
      mentorId: p.fields.mentorId ?? '',
      menteeIds,
      classes: menteeIds.map((id) => peopleById.get(id)?.fields.classOrSubject ?? '').filter(Boolean),
      meetings: m?.count ?? 0,
      lastMeeting: m?.last ?? null,
      began: pairBeganOn(p),
      kinds: kinds.get(p.id) ?? new Set(),
      tasksDone: t?.done ?? 0,
      tasksTotal: t?.total ?? 0,
      overdueTasks: t?.overdue ?? 0,
      satisfaction: average(menteeSatisfaction.get(p.id) ?? []),
    };
  });
  const mentorStats = new Map<
    string,
    {
      meetings: number;
      tasksDone: number;
      tasksTotal: number;
      satisfaction: number | null;
      pairs: number;
    }
  >();
  for (const f of facts) {
    const s = mentorStats.get(f.mentorId) ?? {
      meetings: 0,
      tasksDone: 0,
      tasksTotal: 0,
      satisfaction: null,
      pairs: 0,
    };
    s.meetings += f.meetings;
    s.tasksDone += f.tasksDone;
    s.tasksTotal += f.tasksTotal;
    s.pairs += 1;
    if (f.satisfaction !== null)
      s.satisfaction = average([...(s.satisfaction !== null ? [s.satisfaction] : []), f.satisfaction]);
    mentorStats.set(f.mentorId, s);
  }
  return {
    pairs: facts,
    people: people.map((p) => ({
      id: p.id,
      kind: p.fields.kind ?? '',
      classOrSubject: p.fields.classOrSubject ?? null,
    })),
    peopleById,
    programme,
    meetingDates,
    satisfaction: {
      interimMentee: satisfactionOf('interim', false),
      interimMentor: satisfactionOf('interim', true),
      finalMentee: satisfactionOf('final-mentee', false),
      finalMentor: satisfactionOf('final-mentor', true),
    },
    impact: impact(
      (byKind['final-mentee'] ?? []).map((r) => r.answers),
      (byKind.interim ?? []).map((r) => r.answers),
    ),
    roadmap: roadmapFacts(people, pairs, facts, consents, byKind, assignments, kindOfTemplate, sent),
    mentorStats,
  };
}

function roadmapFacts(
  people: readonly SyncedRecord<'person'>[],
  pairs: readonly SyncedRecord<'pair'>[],
  facts: PairFacts[],
  consents: readonly SyncedRecord<'consent'>[],
  byKind: Record<string, { personId: string }[]>,
  assignments: readonly SyncedRecord<'formAssignment'>[],
  kindOfTemplate: Map<string, string>,
  sent: readonly SyncedRecord<'formResponse'>[],
): RoadmapFacts {
  const active = people.filter((p) => p.fields.archived !== true);
  const consented = new Set(
    consents.filter((c) => c.fields.withdrawn === false).flatMap((c) => c.fields.personId ?? []),
  );
  const open = pairs.filter((p) => OPEN_PAIR_STATUSES.has(p.fields.status ?? ''));
  const mentorIds = new Set([
    ...open.flatMap((p) => p.fields.mentorId ?? []),
    ...(byKind['intake-mentor'] ?? []).map((r) => r.personId),
  ]);
  const menteeIdsInPairs = new Set(open.flatMap((p) => p.fields.menteeIds ?? []));
  const menteeBase = active.filter(
    (p) => !mentorIds.has(p.id) && (p.fields.kind === 'student' || menteeIdsInPairs.has(p.id)),
  );
  const mentors = active.filter((p) => mentorIds.has(p.id));
  const intakeMentee = new Set((byKind['intake-mentee'] ?? []).map((r) => r.personId));
  const intakeMentor = new Set((byKind['intake-mentor'] ?? []).map((r) => r.personId));
  const withPlan = new Set(facts.filter((f) => f.tasksTotal > 0).flatMap((f) => f.menteeIds));
  const working = facts.filter((f) => f.status === 'approved' || f.status === 'active');
  const held = (kind: string) => working.filter((f) => f.kinds.has(kind)).length;
  const finalAssignments = assignments.filter((a) =>
    ['final-mentee', 'final-mentor'].includes(kindOfTemplate.get(a.fields.templateId ?? '') ?? ''),
  );
  const sentIds = new Set(sent.flatMap((r) => r.fields.assignmentId ?? []));
  return {
    menteeBase: menteeBase.length,
    menteesReady: menteeBase.filter((p) => consented.has(p.id) && intakeMentee.has(p.id)).length,
    mentorBase: mentors.length,
    mentorsReady: mentors.filter((p) => consented.has(p.id) && intakeMentor.has(p.id)).length,
    mentorsTrained: mentors.filter((p) => p.fields.trained === true).length,
    menteesPaired: menteeBase.filter((p) => menteeIdsInPairs.has(p.id)).length,
    pairedWithPlan: menteeBase.filter((p) => menteeIdsInPairs.has(p.id) && withPlan.has(p.id)).length,
    workingPairs: working.length,
    pairsHeld: {
      organisational: held('organisational'),
      trial: held('trial'),
      planning: held('planning'),
      regular: held('regular'),
      final: held('final'),
    },
    finalAssigned: finalAssignments.length,
    finalSent: finalAssignments.filter((a) => sentIds.has(a.id)).length,
  };
}

/** The roster and target the programme settings give (zero totals until a curator enters them). */
export function rosterOf(programme: SyncedRecord<'programme'> | undefined): Roster {
  const p = programme?.fields;
  return {
    studentsTotal: p?.studentsTotal ?? 0,
    teachersTotal: p?.teachersTotal ?? 0,
    targetShare: p?.targetShare ?? 70,
  };
}

/** The dashboard's figures for loaded monitoring facts. */
export function dashboardOf(
  data: Monitoring,
  today: string,
  filters: Filters = { form: null, className: null },
) {
  return dashboard(data.pairs, data.people, rosterOf(data.programme), today, filters, data.meetingDates);
}
