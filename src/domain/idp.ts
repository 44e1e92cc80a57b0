// The individual development plan (ИПР): goals with tasks and their progress (ready goals: goal-templates.ts).

import { percentOf } from './percent';
import type { TaskStatus } from './record-types';

export type TaskLike = { status: TaskStatus | string; due: string | null | undefined };

export type Progress = { done: number; total: number; percent: number };

export function progressOf(tasks: readonly TaskLike[]): Progress {
  const done = tasks.filter((t) => t.status === 'done').length;
  return { done, total: tasks.length, percent: percentOf(done, tasks.length) ?? 0 };
}

/**
 * A goal is overdue from the day after its target date (YYYY-MM-DD) until all its tasks are done; a goal
 * with no tasks is never reached by them, so it is overdue too once the date has passed.
 */
export function isGoalOverdue(targetDate: unknown, progress: Progress, today: string): boolean {
  const isReached = progress.total > 0 && progress.done === progress.total;
  return typeof targetDate === 'string' && targetDate < today && !isReached;
}

/** A task is overdue from the day after its due date until it is done. */
export function isOverdue(task: TaskLike, today: string): boolean {
  return task.status !== 'done' && typeof task.due === 'string' && task.due < today;
}
