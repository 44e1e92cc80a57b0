// Hybrid logical clock stamps of the sync contract: `<ISO time>_<counter>_<deviceId>`.
// Their string order is their causal order, so merges compare plain strings.

import type { Hlc, HlcParts } from './hlc-parse';

// Reading stamps is in hlc-parse.ts; everything that works with stamps finds it here too.
export { HLC_PATTERN, type Hlc, type HlcParts, parseHlc, stampNode, stampTime } from './hlc-parse';

/** The last stamp a clock issued or observed; persisted by the device between writes. */
export type ClockState = { ms: number; counter: number };

const MAX_COUNTER = 9999;
// Stamps must stay four-digit years so that string order equals time order.
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** The latest of `stamps` in their (causal) string order, or '' for none. No stamp is parsed. */
export function latestOf(stamps: Iterable<Hlc>): Hlc {
  let latest = '';
  for (const s of stamps) if (s > latest) latest = s;
  return latest;
}

export function formatHlc({ ms, counter, node }: HlcParts): Hlc {
  return `${new Date(ms).toISOString()}_${String(counter).padStart(4, '0')}_${node}`;
}

function carry(ms: number, counter: number): ClockState {
  if (counter <= MAX_COUNTER) return { ms, counter };
  // 10,000 writes in one millisecond: borrow the next millisecond rather than break the format.
  return { ms: ms + 1, counter: 0 };
}

/** Issue a stamp for a local write: after everything this clock has issued or seen. */
export function tick(state: ClockState, nowMs: number, node: string): { state: ClockState; stamp: Hlc } {
  const ms = Math.min(Math.max(state.ms, nowMs), MAX_MS);
  const next = carry(ms, ms === state.ms ? state.counter + 1 : 0);
  return { state: next, stamp: formatHlc({ ...next, node }) };
}

/** Fold a remote stamp (or a server time, counter 0) into the clock so later local writes order after it. */
export function observe(
  state: ClockState,
  remote: { ms: number; counter: number },
  nowMs: number,
): ClockState {
  const ms = Math.min(Math.max(state.ms, remote.ms, nowMs), MAX_MS);
  if (ms === state.ms && ms === remote.ms) return carry(ms, Math.max(state.counter, remote.counter));
  if (ms === state.ms) return state;
  if (ms === remote.ms) return { ms, counter: remote.counter };
  return { ms, counter: 0 };
}

/**
 * A clock so far ahead of the server's time that the server would refuse its stamps (more than
 * `maxAheadMs`, the contract's 24 h) is brought back, after a sync, to the later of the server's time and
 * `confirmed` — the highest stamp the server holds that this device knows of (pulled, or its own that
 * were accepted). Every stamp the device has seen accepted still orders before its next writes; stamps
 * of its own that were not accepted must be issued again (see db/sync-store.ts). Null: no correction.
 */
export function recoverClock(
  state: ClockState,
  serverMs: number,
  confirmed: ClockState,
  maxAheadMs: number,
): ClockState | null {
  if (state.ms <= serverMs + maxAheadMs) return null;
  if (confirmed.ms > serverMs) return confirmed;
  return { ms: serverMs, counter: confirmed.ms === serverMs ? confirmed.counter : 0 };
}

/** The later of two clock states. */
export function laterClock(a: ClockState, b: ClockState): ClockState {
  return a.ms > b.ms || (a.ms === b.ms && a.counter >= b.counter) ? a : b;
}

export const ZERO_CLOCK: ClockState = { ms: 0, counter: 0 };
