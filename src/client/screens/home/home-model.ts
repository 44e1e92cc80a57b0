// The home screen of mentors and mentees: their pairs, the ones that need attention first, a page at a
// time; only the visible page is looked at closely, so a thousand pairs still open at once.
import { type Progress, progressOf } from '../../../domain/idp';
import { MEETING_GAP_DAYS, type Nudge, nextStep, seriesProgress } from '../../../domain/nudges';
import type { SyncedRecord } from '../../../domain/record';
import type { Queries } from '../../db/queries';

export type PairItem = {
  pair: SyncedRecord;
  /** Who the pair is with, from the viewer's side: the mentees, or the mentor. */
  withNames: string;
  isMentor: boolean;
  nudge: Nudge;
  series: { held: number; total: number };
  idp: Progress;
  lastMeetingDate: string | null;
  meetings: number;
};

export type HomeData = {
  items: PairItem[];
  total: number;
  overdueTasks: number;
  pairsWithoutRecentMeeting: number;
};

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const name = (p: SyncedRecord | undefined) => String(p?.fields.fullName ?? '—');

export async function loadHome(
  queries: Queries,
  personId: string,
  today: string,
  limit: number,
): Promise<HomeData> {
  const byId = new Map<string, SyncedRecord>();
  for (const p of [...(await queries.pairsAsMentor(personId)), ...(await queries.pairsAsMentee(personId))])
    byId.set(p.id, p);
  const pairs = [...byId.values()];
  const pairIds = pairs.map((p) => p.id);
  const plans = await queries.plansOfPairs(pairIds);
  const pairOfPlan = new Map(plans.map((p) => [p.id, String(p.fields.pairId)]));
  const overdue = (await queries.overdueTasks(today)).filter((t) => pairOfPlan.has(String(t.fields.planId)));
  const overdueByPair = new Map<string, number>();
  for (const t of overdue) {
    const pairId = pairOfPlan.get(String(t.fields.planId)) as string;
    overdueByPair.set(pairId, (overdueByPair.get(pairId) ?? 0) + 1);
  }
  const recent = await queries.pairsMetSince(addDays(today, -MEETING_GAP_DAYS));
  const people = new Map(
    (await queries.peopleByIds([...new Set(pairs.flatMap(memberIds))])).map((p) => [p.id, p]),
  );
  const withNames = (pair: SyncedRecord) =>
    pair.fields.mentorId === personId
      ? ((pair.fields.menteeIds as string[]) ?? []).map((id) => name(people.get(id))).join(', ')
      : name(people.get(String(pair.fields.mentorId)));
  const urgency = (p: SyncedRecord) => (overdueByPair.get(p.id) ? 0 : recent.has(p.id) ? 2 : 1);
  const sorted = pairs
    .map((pair) => ({ pair, names: withNames(pair), urgency: urgency(pair) }))
    .sort((a, b) => a.urgency - b.urgency || a.names.localeCompare(b.names, 'ru'));

  const items: PairItem[] = [];
  for (const { pair, names } of sorted.slice(0, limit)) {
    const meetings = (await queries.meetingsOfPair(pair.id)).filter(
      (m) => m.fields.status !== 'cancelled' && m.fields.status !== 'planned',
    );
    const kindsHeld = new Set(meetings.map((m) => String(m.fields.kind)));
    const pairPlans = plans.filter((p) => p.fields.pairId === pair.id);
    const tasks = await queries.tasksOfPlans(pairPlans.map((p) => p.id));
    const lastMeetingDate = meetings[0] ? String(meetings[0].fields.date) : null;
    items.push({
      pair,
      withNames: names,
      isMentor: pair.fields.mentorId === personId,
      nudge: nextStep(
        {
          kindsHeld,
          lastMeetingDate,
          overdueTasks: overdueByPair.get(pair.id) ?? 0,
          hasPlan: pairPlans.length > 0,
        },
        today,
      ),
      series: seriesProgress(kindsHeld),
      idp: progressOf(
        tasks.map((t) => ({ status: String(t.fields.status), due: t.fields.due as string | null })),
      ),
      lastMeetingDate,
      meetings: meetings.length,
    });
  }
  return {
    items,
    total: pairs.length,
    overdueTasks: overdue.length,
    pairsWithoutRecentMeeting: pairs.filter((p) => !recent.has(p.id)).length,
  };
}

function memberIds(pair: SyncedRecord): string[] {
  return [String(pair.fields.mentorId), ...((pair.fields.menteeIds as string[]) ?? [])];
}
