// The programme's monitoring: what a curator's dashboard shows, computed from compact facts per pair
// (counts read from indexes), so that a school of a thousand students aggregates in a blink.
import { hasClass } from './fold-text';
import { daysBetween } from './nudges';
import { percentOf } from './percent';

const AT_RISK_GAP_DAYS = 21;
const LOW_SATISFACTION = 5;

export type PairFacts = {
  id: string;
  form: string;
  status: string;
  mentorId: string;
  menteeIds: readonly string[];
  /** Classes of the pair's mentees («7Б»), for the class filter. */
  classes: readonly string[];
  meetings: number;
  lastMeeting: string | null;
  /** The day the pair began (see pairBeganOn), from which a pair that never met is counted. */
  began: string | null;
  kinds: ReadonlySet<string>;
  tasksDone: number;
  tasksTotal: number;
  overdueTasks: number;
  /** Average of the pair's mentees' satisfaction scales (interim or final), if any answered. */
  satisfaction: number | null;
};

export type Roster = { studentsTotal: number; teachersTotal: number; targetShare: number };

export type PersonFacts = { id: string; kind: string; classOrSubject: string | null };

export type Filters = { form: string | null; className: string | null };

export type Risk = { pairId: string; reasons: ('gap' | 'overdue' | 'satisfaction' | 'never-met')[] };

export type Dashboard = {
  pairs: number;
  workingPairs: number;
  meetings: number;
  meetingsPerPair: number;
  series: Record<string, number>;
  idpCompletion: number | null;
  coverage: {
    students: number | null;
    teachers: number | null;
    all: number | null;
    target: number;
    studentsIn: number;
    teachersIn: number;
  };
  atRisk: Risk[];
  meetingsByMonth: { month: string; count: number }[];
};

const WORKING = new Set(['approved', 'active']);
const pct = percentOf;

function filterPairs(pairs: readonly PairFacts[], filters: Filters): PairFacts[] {
  return pairs.filter(
    (p) =>
      (!filters.form || p.form === filters.form) &&
      (!filters.className || hasClass(p.classes, filters.className)),
  );
}

function pairRisk(p: PairFacts, today: string): Risk | null {
  const reasons: Risk['reasons'] = [];
  // A pair that has not met yet is at risk only once it has had the time to: not the day it was formed.
  if (p.lastMeeting === null) {
    if (p.began !== null && daysBetween(p.began, today) > AT_RISK_GAP_DAYS) reasons.push('never-met');
  } else if (daysBetween(p.lastMeeting, today) > AT_RISK_GAP_DAYS) reasons.push('gap');
  if (p.overdueTasks > 0) reasons.push('overdue');
  if (p.satisfaction !== null && p.satisfaction < LOW_SATISFACTION) reasons.push('satisfaction');
  return reasons.length ? { pairId: p.id, reasons } : null;
}

export function dashboard(
  allPairs: readonly PairFacts[],
  people: readonly PersonFacts[],
  roster: Roster,
  today: string,
  filters: Filters,
  meetingDates: readonly string[],
): Dashboard {
  const pairs = filterPairs(allPairs, filters);
  const working = pairs.filter((p) => WORKING.has(p.status));
  const meetings = pairs.reduce((n, p) => n + p.meetings, 0);
  const series: Record<string, number> = {};
  for (const kind of ['organisational', 'trial', 'planning', 'regular', 'final']) {
    series[kind] = pct(working.filter((p) => p.kinds.has(kind)).length, working.length) ?? 0;
  }
  const done = pairs.reduce((n, p) => n + p.tasksDone, 0);
  const total = pairs.reduce((n, p) => n + p.tasksTotal, 0);
  // Coverage counts everyone in a pair that is not ended, as a share of the whole roster.
  const involved = new Set(
    allPairs
      .filter((p) => p.status !== 'ended' && p.status !== 'finished')
      .flatMap((p) => [p.mentorId, ...p.menteeIds]),
  );
  const kindOf = new Map(people.map((p) => [p.id, p.kind]));
  const studentsIn = [...involved].filter((id) => kindOf.get(id) === 'student').length;
  const teachersIn = [...involved].filter((id) => kindOf.get(id) === 'teacher').length;
  const byMonth = new Map<string, number>();
  for (const date of meetingDates) byMonth.set(date.slice(0, 7), (byMonth.get(date.slice(0, 7)) ?? 0) + 1);
  return {
    pairs: pairs.length,
    workingPairs: working.length,
    meetings,
    meetingsPerPair: pairs.length ? Math.round((meetings / pairs.length) * 10) / 10 : 0,
    series,
    idpCompletion: pct(done, total),
    coverage: {
      students: pct(studentsIn, roster.studentsTotal),
      teachers: pct(teachersIn, roster.teachersTotal),
      all: pct(studentsIn + teachersIn, roster.studentsTotal + roster.teachersTotal),
      target: roster.targetShare,
      studentsIn,
      teachersIn,
    },
    atRisk: working.map((p) => pairRisk(p, today)).filter((r): r is Risk => r !== null),
    meetingsByMonth: [...byMonth.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, count]) => ({ month, count })),
  };
}

/** Impact at the end: how far goals were reached, and the progress scale before (interim) and after (final). */
export function impact(
  finalAnswers: readonly Record<string, unknown>[],
  interimAnswers: readonly Record<string, unknown>[],
) {
  const goals: Record<string, number> = { Да: 0, 'В основном': 0, Частично: 0, Нет: 0 };
  for (const a of finalAnswers)
    if (typeof a.goalsReached === 'string' && a.goalsReached in goals)
      goals[a.goalsReached] = (goals[a.goalsReached] ?? 0) + 1;
  const avg = (xs: unknown[]) => {
    const n = xs.filter((x): x is number => typeof x === 'number');
    return n.length ? Math.round((n.reduce((s, x) => s + x, 0) / n.length) * 10) / 10 : null;
  };
  return {
    goals,
    before: avg(interimAnswers.map((a) => a.progress)),
    after: avg(finalAnswers.map((a) => a.progress)),
  };
}
