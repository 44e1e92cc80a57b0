// What a mentor should do next for a pair: the home screen's hint, from facts the device counts.
import type { MeetingKind } from './record-types';

export const MEETING_GAP_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export type PairFacts = {
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
  | { key: 'none' };

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The one most useful next step, in the order a mentor would want to hear them. */
export function nextStep(facts: PairFacts, today: string): Nudge {
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
