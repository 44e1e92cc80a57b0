// Writing the IDP: a plan per mentee of a pair, made on first use, with goals and tasks.
// A task is its own record, so a mentee ticking one while the mentor rewords another loses nothing.
import type { SyncedRecord } from '../../domain/record';
import { derivedId } from '../db/derived-id';
import type { DraftEnd } from '../db/drafts';
import type { Queries } from '../db/queries';
import type { Repository, WriteResult } from '../db/repository';
import { schoolNow } from '../state/school-clock';

export const DEFAULT_PLAN_TITLE = 'Индивидуальный план развития';

async function findPlan(
  queries: Queries,
  pairId: string,
  menteeId: string,
): Promise<SyncedRecord<'plan'> | undefined> {
  return (await queries.plansOfPairs([pairId])).find((p) => p.fields.menteeId === menteeId);
}

/** The id of the one plan of a mentee in a pair, the same on every device. */
export function planIdFor(pairId: string, menteeId: string): Promise<string> {
  return derivedId('plan', pairId, menteeId);
}

/**
 * The mentee's plan in the pair, made on first use. Its id is derived from the pair and the mentee, so a
 * mentor's phone and a curator's PC that both make it offline (or two quick taps on one device) make one
 * plan, not two; its title is a default that never wins over a title someone typed.
 */
export async function ensurePlan(
  repo: Repository,
  queries: Queries,
  pairId: string,
  menteeId: string,
): Promise<WriteResult> {
  const existing = await findPlan(queries, pairId, menteeId);
  if (existing) return { ok: true, id: existing.id };
  return repo.update(
    'plan',
    await planIdFor(pairId, menteeId),
    { pairId, menteeId },
    {
      defaults: { title: DEFAULT_PLAN_TITLE },
    },
  );
}

export async function addTask(
  repo: Repository,
  queries: Queries,
  target: { pairId: string; menteeId: string; goalId?: string | null },
  task: { title: string; due?: string | null },
  endsDraft?: DraftEnd,
): Promise<WriteResult> {
  const plan = await ensurePlan(repo, queries, target.pairId, target.menteeId);
  if (!plan.ok) return plan;
  return repo.create(
    'task',
    {
      planId: plan.id,
      goalId: target.goalId ?? null,
      title: task.title,
      status: 'todo',
      due: task.due ?? null,
      // Last in its list by the school's clock: a phone whose date is a year behind does not put it first.
      order: schoolNow().getTime(),
    },
    undefined,
    { endsDraft },
  );
}
