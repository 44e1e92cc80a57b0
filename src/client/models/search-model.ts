// What the search screen shows beside each result: whose it is (the pair's people as the viewer reads
// them) and where a task or goal opens. Read after each search, for the few results shown.
import type { SyncedRecord } from '../../domain/record';
import type { Queries } from '../db/queries';
import type { SearchResults } from '../db/search';

export type Whose = {
  /** The pair's mentees, as its title reads; empty for a mentee viewer (they know who they are). */
  mentees: string[];
  /** The mentor's name; null when the viewer is the mentor. */
  mentor: string | null;
};

export type FoundContext = {
  /** Whose each result is, by the result's id (pairs, meetings, tasks, goals). */
  whose: Map<string, Whose>;
  /** Where each task and goal opens, by its plan's id. */
  planLinks: Map<string, string>;
};

const nameOf = (people: Map<string, SyncedRecord<'person'>>, id: string | undefined) =>
  people.get(id ?? '')?.fields.fullName ?? '—';

export async function loadFoundContext(
  queries: Queries,
  found: SearchResults,
  viewerId: string,
): Promise<FoundContext> {
  const planIds = [...new Set([...found.tasks, ...found.goals].flatMap((r) => r.fields.planId ?? []))];
  const plans = (await queries.plansByIds(planIds)).filter((p) => p !== undefined);
  const planById = new Map(plans.map((p) => [p.id, p]));
  const pairIds = new Set([
    ...found.pairs.map((p) => p.id),
    ...found.meetings.flatMap((m) => m.fields.pairId ?? []),
    ...plans.flatMap((p) => p.fields.pairId ?? []),
  ]);
  const pairs = new Map(found.pairs.map((p) => [p.id, p]));
  for (const id of pairIds) {
    if (pairs.has(id)) continue;
    const pair = await queries.pair(id);
    if (pair) pairs.set(id, pair);
  }
  const personIds = [...pairs.values()].flatMap((p) => [
    p.fields.mentorId ?? '',
    ...(p.fields.menteeIds ?? []),
  ]);
  const people = new Map((await queries.peopleByIds([...new Set(personIds)])).map((p) => [p.id, p]));

  const whoseOfPair = (pairId: string | undefined, menteeId?: string): Whose | undefined => {
    const pair = pairs.get(pairId ?? '');
    if (!pair) return undefined;
    const mentorId = pair.fields.mentorId;
    const menteeIds = menteeId ? [menteeId] : (pair.fields.menteeIds ?? []);
    // A mentee reads whose by the mentor's name, as their pair page does not list the others of a group.
    if (pair.fields.menteeIds?.includes(viewerId)) return { mentees: [], mentor: nameOf(people, mentorId) };
    return {
      // Only names the viewer can read: no placeholder says how many others there are.
      mentees: menteeIds.flatMap((id) => people.get(id)?.fields.fullName ?? []),
      mentor: mentorId === viewerId ? null : nameOf(people, mentorId),
    };
  };

  const whose = new Map<string, Whose>();
  const set = (id: string, w: Whose | undefined) => w && whose.set(id, w);
  for (const p of found.pairs) set(p.id, whoseOfPair(p.id));
  for (const m of found.meetings) set(m.id, whoseOfPair(m.fields.pairId));
  for (const r of [...found.tasks, ...found.goals]) {
    const plan = planById.get(r.fields.planId ?? '');
    set(r.id, whoseOfPair(plan?.fields.pairId, plan?.fields.menteeId ?? undefined));
  }
  const planLinks = new Map<string, string>();
  for (const plan of plans) {
    const { pairId, menteeId } = plan.fields;
    if (pairId && menteeId) planLinks.set(plan.id, `/pair/${pairId}/plan/${menteeId}`);
  }
  return { whose, planLinks };
}
