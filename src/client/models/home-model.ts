// The home screen of mentors and mentees: their pairs, the ones that need attention first, a page at a
// time; only the visible page is looked at closely, so a thousand pairs still open at once. Pairs that
// have ended (finished or ended) come last, apart, with no prompt: their history still opens from them.
import { type Progress, progressOf } from '../../domain/idp';
import {
  isMeetingOverdue,
  isPairRunning,
  MEETING_GAP_DAYS,
  type Nudge,
  nextStep,
  seriesProgress,
} from '../../domain/nudges';
import type { SyncedRecord } from '../../domain/record';
import type { HomeQueries } from '../db/home-queries';
import { allOf } from '../db/live';
import { readableNames } from '../ui/person-name';

export type PairItem = {
  pair: SyncedRecord<'pair'>;
  /** Who the pair is with, from the viewer's side: the mentees, or the mentor. */
  withNames: string;
  isMentor: boolean;
  /** Proposed, approved or at work: prompted, and offered «+ Встреча». */
  isRunning: boolean;
  nudge: Nudge;
  series: { held: number; total: number };
  idp: Progress;
  lastMeetingDate: string | null;
  meetings: number;
};

export type HomeData = {
  /** The page's running pairs, the most urgent first. */
  items: PairItem[];
  /** The page's pairs that have ended, after the running ones: apart, with no prompt. */
  closed: PairItem[];
  /** Every pair of the person, running or not. */
  total: number;
  overdueTasks: number;
  pairsWithoutRecentMeeting: number;
};

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const name = (p: SyncedRecord<'person'> | undefined) => p?.fields.fullName ?? '—';
// One collator for a thousand comparisons: String.localeCompare builds one per call.
const collator = new Intl.Collator('ru');

export async function loadHome(
  queries: HomeQueries,
  personId: string,
  today: string,
  limit: number,
): Promise<HomeData> {
  // Started first: it needs nothing from the pairs.
  const overduePromise = queries.overdueTasks(today);
  const byId = new Map<string, SyncedRecord<'pair'>>();
  for (const p of [...(await queries.pairsAsMentor(personId)), ...(await queries.pairsAsMentee(personId))])
    byId.set(p.id, p);
  const pairs = [...byId.values()];
  // Independent reads, in parallel. Plans are read only for overdue tasks and for the visible page.
  const [overdueAll, recent, peopleList] = await allOf([
    overduePromise,
    queries.pairsMetSince([...byId.keys()], addDays(today, -MEETING_GAP_DAYS), today),
    queries.peopleByIds([...new Set(pairs.flatMap(memberIds))]),
  ]);
  const overduePlans = await queries.plansByIds([...new Set(overdueAll.map((t) => t.fields.planId ?? ''))]);
  const pairOfPlan = new Map(
    overduePlans.filter((p) => byId.has(p.fields.pairId ?? '')).map((p) => [p.id, p.fields.pairId ?? '']),
  );
  // Only tasks of the person's own pairs (a curator's device holds the whole school's) that still run: a
  // task left open in a pair that has ended is not the mentor's to chase any more.
  const overdue = overdueAll.filter((t) => {
    const pair = byId.get(pairOfPlan.get(t.fields.planId ?? '') ?? '');
    return pair !== undefined && isPairRunning(pair.fields.status);
  });
  const overdueByPair = new Map<string, number>();
  for (const t of overdue) {
    const pairId = pairOfPlan.get(t.fields.planId ?? '');
    if (pairId) overdueByPair.set(pairId, (overdueByPair.get(pairId) ?? 0) + 1);
  }
  const people = new Map(peopleList.map((p) => [p.id, p]));
  const withNames = (pair: SyncedRecord<'pair'>) =>
    pair.fields.mentorId === personId
      ? readableNames((pair.fields.menteeIds ?? []).map((id) => people.get(id)))
      : name(people.get(pair.fields.mentorId ?? ''));
  const urgency = (p: SyncedRecord<'pair'>) =>
    !isPairRunning(p.fields.status)
      ? 3
      : overdueByPair.get(p.id)
        ? 0
        : isMeetingOverdue(p, recent.has(p.id), today)
          ? 1
          : 2;
  const sorted = pairs
    .map((pair) => ({ pair, names: withNames(pair), urgency: urgency(pair) }))
    .sort((a, b) => a.urgency - b.urgency || collator.compare(a.names, b.names));

  // The visible page only, its pairs read in parallel.
  const items = await allOf(
    sorted.slice(0, limit).map(async ({ pair, names }): Promise<PairItem> => {
      const [all, pairPlans] = await allOf([
        queries.meetingsOfPair(pair.id),
        queries.plansOfPairs([pair.id]),
      ]);
      const tasks = await queries.tasksOfPlans(pairPlans.map((p) => p.id));
      const meetings = all.filter((m) => (m.fields.status ?? 'held') === 'held');
      const kindsHeld = new Set(meetings.map((m) => m.fields.kind ?? ''));
      const lastMeetingDate = meetings[0] ? (meetings[0].fields.date ?? '') : null;
      return {
        pair,
        withNames: names,
        isMentor: pair.fields.mentorId === personId,
        isRunning: isPairRunning(pair.fields.status),
        nudge: nextStep(
          {
            status: pair.fields.status,
            kindsHeld,
            lastMeetingDate,
            overdueTasks: overdueByPair.get(pair.id) ?? 0,
            hasPlan: pairPlans.length > 0,
          },
          today,
        ),
        series: seriesProgress(kindsHeld),
        idp: progressOf(tasks.map((t) => ({ status: t.fields.status ?? '', due: t.fields.due }))),
        lastMeetingDate,
        meetings: meetings.length,
      };
    }),
  );
  return {
    items: items.filter((i) => i.isRunning),
    closed: items.filter((i) => !i.isRunning),
    total: pairs.length,
    overdueTasks: overdue.length,
    pairsWithoutRecentMeeting: pairs.filter((p) => isMeetingOverdue(p, recent.has(p.id), today)).length,
  };
}

function memberIds(pair: SyncedRecord<'pair'>): string[] {
  return [pair.fields.mentorId ?? '', ...(pair.fields.menteeIds ?? [])];
}
