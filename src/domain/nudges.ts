// What a mentor should do next for a pair: the home screen's hint, from facts the device counts.
import { stampTime } from './hlc-parse';
import type { SyncedRecord } from './record';
import type { MeetingKind, PairStatus } from './record-types';

export const MEETING_GAP_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export type PairFacts = {
  /** The pair's status; one without is taken as just proposed (PairLifecycle.tsx does the same). */
  status: string | undefined;
  kindsHeld: ReadonlySet<string>;
  lastMeetingDate: string | null;
  overdueTasks: number;
  hasPlan: boolean;
};

export type Nudge =
  | { key: 'meeting'; kind: MeetingKind }
  | { key: 'overdue'; count: number }
  | { key: 'gap'; days: number }
  | { key: 'plan' }
  | { key: 'closed'; status: ClosedStatus }
  | { key: 'none' };

/** The statuses that end a pair's life (PairLifecycle.tsx offers nothing after them). */
type ClosedStatus = Extract<PairStatus, 'finished' | 'ended'>;
const CLOSED: ReadonlySet<string> = new Set<ClosedStatus>(['finished', 'ended']);

/**
 * Whether a pair is still running (proposed, approved or at work): only such a pair is prompted to meet
 * or offered «+ Встреча» on a home screen. A finished or ended pair is history; a meeting held before its
 * end can still be recorded from the pair's own page.
 */
export function isPairRunning(status: string | undefined): boolean {
  return !CLOSED.has(status ?? 'proposed');
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Pairs whose meetings are due: approved by an order or at work. */
const WORKING = new Set(['approved', 'active']);

/**
 * The day a pair began, `yyyy-MM-dd` (UTC): its start date, else the first day of its history (when it
 * was proposed), else the day it was created (the stamp of `mentorId`, which is fixed at creation).
 * Null when none is known.
 */
export function pairBeganOn(pair: Pick<SyncedRecord<'pair'>, 'fields' | 'stamps'>): string | null {
  if (pair.fields.startDate) return pair.fields.startDate;
  const first = pair.fields.history?.[0];
  if (first) return first.date;
  const created = pair.stamps.mentorId ? stampTime(pair.stamps.mentorId) : Number.NaN;
  return Number.isFinite(created) ? new Date(created).toISOString().slice(0, 10) : null;
}

/**
 * Whether a working pair has gone more than MEETING_GAP_DAYS without a meeting, counted from its last
 * meeting or, before its first one, from the day it began: a pair formed minutes ago is not overdue.
 * `hasMetSince` says whether it met within the last MEETING_GAP_DAYS days.
 */
export function isMeetingOverdue(
  pair: Pick<SyncedRecord<'pair'>, 'fields' | 'stamps'>,
  hasMetSince: boolean,
  today: string,
): boolean {
  if (hasMetSince || !WORKING.has(pair.fields.status ?? '')) return false;
  const began = pairBeganOn(pair);
  return began !== null && daysBetween(began, today) > MEETING_GAP_DAYS;
}

/** The one most useful next step, in the order a mentor would want to hear them. */
export function nextStep(facts: PairFacts, today: string): Nudge {
  // A pair that has ended is told as such, never asked for a meeting or a plan.
  if (facts.status === 'finished' || facts.status === 'ended') return { key: 'closed', status: facts.status };
  if (facts.overdueTasks > 0) return { key: 'overdue', count: facts.overdueTasks };
  for (const kind of ['organisational', 'trial', 'planning'] as const) {
    if (!facts.kindsHeld.has(kind)) return { key: 'meeting', kind };
  }
  if (!facts.hasPlan) return { key: 'plan' };
  if (facts.lastMeetingDate && daysBetween(facts.lastMeetingDate, today) > MEETING_GAP_DAYS) {
    return { key: 'gap', days: daysBetween(facts.lastMeetingDate, today) };
  }
  return { key: 'none' };
}

/** How far the pair is along the roadmap's series: organisational, trial, planning, regular, final. */
export function seriesProgress(kindsHeld: ReadonlySet<string>): { held: number; total: number } {
  const stages = ['organisational', 'trial', 'planning', 'regular', 'final'];
  return { held: stages.filter((s) => kindsHeld.has(s)).length, total: stages.length };
}
