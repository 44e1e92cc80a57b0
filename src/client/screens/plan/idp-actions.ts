// Writing the IDP: a plan per mentee of a pair, made on first use, with goals and tasks.
// A task is its own record, so a mentee ticking one while the mentor rewords another loses nothing.
import type { SyncedRecord } from '../../../domain/record';
import type { Queries } from '../../db/queries';
import type { Repository, WriteResult } from '../../db/repository';

export const DEFAULT_PLAN_TITLE = 'Индивидуальный план развития';

export async function findPlan(
  queries: Queries,
  pairId: string,
  menteeId: string,
): Promise<SyncedRecord | undefined> {
  return (await queries.plansOfPairs([pairId])).find((p) => p.fields.menteeId === menteeId);
}

export async function ensurePlan(
  repo: Repository,
  queries: Queries,
  pairId: string,
  menteeId: string,
): Promise<WriteResult> {
  const existing = await findPlan(queries, pairId, menteeId);
  if (existing) return { ok: true, id: existing.id };
  return repo.create('plan', { pairId, menteeId, title: DEFAULT_PLAN_TITLE });
}

export async function addTask(
  repo: Repository,
  queries: Queries,
  target: { pairId: string; menteeId: string; goalId?: string | null },
  task: { title: string; due?: string | null },
): Promise<WriteResult> {
  const plan = await ensurePlan(repo, queries, target.pairId, target.menteeId);
  if (!plan.ok) return plan;
  return repo.create('task', {
    planId: plan.id,
    goalId: target.goalId ?? null,
    title: task.title,
    status: 'todo',
    due: task.due ?? null,
    order: Date.now(),
  });
}
