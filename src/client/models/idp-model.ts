// One mentee's IDP: goals in their order, each with its tasks and progress.
import { isOverdue, type Progress, progressOf } from '../../domain/idp';
import type { SyncedRecord } from '../../domain/record';
import { allOf } from '../db/live';
import type { Queries } from '../db/queries';
import type { Step } from '../db/undo';

type GoalView = {
  goal: SyncedRecord<'goal'> | null;
  tasks: SyncedRecord<'task'>[];
  progress: Progress;
};

export type PlanPage = {
  pair: SyncedRecord<'pair'>;
  mentee: SyncedRecord<'person'> | undefined;
  plan: SyncedRecord<'plan'> | undefined;
  goals: GoalView[];
  progress: Progress;
  overdue: number;
};

/** A goal or a task: both are kept in the order the mentor put them. */
type Ordered = { id: string; fields: { order?: number } };

const byOrder = (a: Ordered, b: Ordered) =>
  (a.fields.order ?? 0) - (b.fields.order ?? 0) || a.id.localeCompare(b.id);
const progress = (tasks: SyncedRecord<'task'>[]) =>
  progressOf(tasks.map((t) => ({ status: t.fields.status ?? '', due: t.fields.due })));

export async function loadPlan(
  queries: Queries,
  pairId: string,
  menteeId: string,
  today: string,
): Promise<PlanPage | null> {
  const pair = await queries.pair(pairId);
  if (!pair || pair.deleted !== undefined) return null;
  const [mentee] = await queries.peopleByIds([menteeId]);
  // Before plan ids were derived, two devices could each make a plan for the mentee: show them as one.
  const plans = (await queries.plansOfPairs([pairId])).filter((p) => p.fields.menteeId === menteeId);
  const plan = plans[0];
  const goals = (await allOf(plans.map((p) => queries.goalsOfPlan(p.id)))).flat().sort(byOrder);
  const tasks = (await queries.tasksOfPlans(plans.map((p) => p.id))).sort(byOrder);
  const goalIds = new Set(goals.map((g) => g.id));
  const views: GoalView[] = goals.map((goal) => {
    const own = tasks.filter((t) => t.fields.goalId === goal.id);
    return { goal, tasks: own, progress: progress(own) };
  });
  const loose = tasks.filter((t) => !t.fields.goalId || !goalIds.has(t.fields.goalId ?? ''));
  if (loose.length) views.push({ goal: null, tasks: loose, progress: progress(loose) });
  return {
    pair,
    mentee,
    plan,
    goals: views,
    progress: progress(tasks),
    overdue: tasks.filter((t) => isOverdue({ status: t.fields.status ?? '', due: t.fields.due }, today))
      .length,
  };
}

/**
 * The writes that delete a goal: its tasks deleted with it, or kept with no goal (they then show under
 * «Задачи без цели»). The goal is listed first, so that undo restores it before its tasks.
 */
export function goalDeletion(
  goal: SyncedRecord<'goal'>,
  tasks: readonly SyncedRecord<'task'>[],
  withTasks: boolean,
): Step[] {
  return [
    { op: 'delete', record: goal },
    ...tasks.map(
      (task): Step =>
        withTasks
          ? { op: 'delete', record: task }
          : { op: 'update', type: 'task', id: task.id, before: { goalId: goal.id }, after: { goalId: null } },
    ),
  ];
}

/** The `order` that puts an item between its neighbours after a move up or down. */
export function swapOrder(
  items: readonly Ordered[],
  index: number,
  direction: -1 | 1,
): { id: string; order: number }[] {
  const other = items[index + direction];
  const item = items[index];
  if (!item || !other) return [];
  const a = item.fields.order ?? index;
  const b = other.fields.order ?? index + direction;
  // Equal orders (e.g. never set) would not move anything: fall back to positions.
  return a === b
    ? [
        { id: item.id, order: index + direction },
        { id: other.id, order: index },
      ]
    : [
        { id: item.id, order: b },
        { id: other.id, order: a },
      ];
}
