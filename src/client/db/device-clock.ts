// The device's HLC, persisted in `meta` and advanced inside each write transaction, so that two tabs
// writing at once still hand out distinct, ordered stamps.

import {
  type ClockState,
  laterClock,
  latestOf,
  observe,
  parseHlc,
  recoverClock,
  tick,
  ZERO_CLOCK,
} from '../../domain/hlc';
import { instantCorrection } from '../../domain/school-clock';
import { LIMITS } from '../../domain/sync-contract';
import type { NastavnikDb } from './database';
import { getMeta, setMeta } from './meta';

function randomNode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The device's clock id: made once, on first use. Call inside a transaction on `meta`. */
async function deviceNode(db: NastavnikDb): Promise<string> {
  const existing = await getMeta<string>(db, 'node');
  if (existing) return existing;
  const node = randomNode();
  await setMeta(db, 'node', node);
  return node;
}

/** A fresh stamp for a local write. Call inside a read-write transaction that includes `meta`. */
export async function nextStamp(db: NastavnikDb, now: number): Promise<string> {
  // The node and the clock in one read: a local write waits for every round trip.
  const [nodeRow, clockRow] = await db.meta.bulkGet([...CLOCK_KEYS]);
  const next = tickFrom(clockRow, await nodeOf(db, nodeRow), now);
  await storeClock(db, next.state);
  return next.stamp;
}

/** The device's clock id from its row of `meta` already read (made, if there is none yet). */
export async function nodeOf(db: NastavnikDb, nodeRow: { value: unknown } | undefined): Promise<string> {
  return (nodeRow?.value as string | undefined) ?? deviceNode(db);
}

/** The rows of `meta` a stamp is made from: a write reads them along with its other reads. */
export const CLOCK_KEYS = ['node', 'clock'] as const;

/**
 * The stamp of a local write at `now` (ms) by clock id `node`, and the clock as it then stands, from the
 * clock's row of `meta` as read (none: a clock not yet used). Pure: the write stores `state` with its
 * other writes, in the transaction that read the row (`storeClock`), so that two tabs writing at once
 * still hand out distinct, ordered stamps.
 */
export function tickFrom(
  clockRow: { value: unknown } | undefined,
  node: string,
  now: number,
): { stamp: string; state: ClockState } {
  return tick((clockRow?.value as ClockState | undefined) ?? ZERO_CLOCK, now, node);
}

/** Stores the clock a local write advanced (`tickFrom`). Call inside the write's transaction. */
export function storeClock(db: NastavnikDb, state: ClockState): PromiseLike<unknown> {
  // The put itself (a Dexie promise), not an async wrapper: a new record's write makes all its requests
  // at once (repository.ts `writeNew`).
  return db.meta.put({ key: 'clock', value: state });
}

/** The latest of `stamps` as a clock, or `known` if none is later. */
function latestClock(known: ClockState, stamps: readonly string[]): ClockState {
  // A stamp's string order is its clock order (domain/hlc.ts), so only the latest is parsed — a first
  // sync's page holds thousands. Should it not parse (stamps the server checked do), every one is.
  const latest = latestOf(stamps);
  const parts = latest ? parseHlc(latest) : null;
  if (parts) return laterClock(known, parts);
  let clock = known;
  for (const s of stamps) {
    const each = parseHlc(s);
    if (each) clock = laterClock(clock, each);
  }
  return clock;
}

/**
 * What a sync answer tells the device's clock, in one read and one write of `meta` (a first sync applies
 * a page after another, and on a phone each round trip counts):
 * - the stamps the server is known to hold (`confirmedClock`): the pulled ones, and this device's own
 *   that it accepted;
 * - the clock observes the latest pulled stamp and the server's time;
 * - the server's offset from this device's clock (`serverOffset`), for stamps issued again later, and
 *   the server's time then (`serverTime`: the dates people see tell from it a device clock set right
 *   since, domain/school-clock.ts);
 * - a clock more than the contract's 24 h ahead of the server's time (the device's date was wrong) is
 *   brought back (domain/hlc.ts recoverClock), and the new state answered, so that stamps of this device
 *   not yet accepted can be issued again; otherwise null.
 * Call inside a read-write transaction on `meta`.
 */
export async function settleClock(
  db: NastavnikDb,
  answer: { pulled: readonly string[]; accepted: readonly string[]; serverTime: string },
  now: number,
): Promise<ClockState | null> {
  const [clockRow, confirmedRow] = await db.meta.bulkGet(['clock', 'confirmedClock']);
  const confirmed = latestClock((confirmedRow?.value as ClockState | undefined) ?? ZERO_CLOCK, [
    ...answer.pulled,
    ...answer.accepted,
  ]);
  let clock = (clockRow?.value as ClockState | undefined) ?? ZERO_CLOCK;
  const highest = latestOf(answer.pulled);
  const parts = highest ? parseHlc(highest) : null;
  if (parts) clock = observe(clock, parts, now);
  const serverMs = Date.parse(answer.serverTime);
  const rows: { key: string; value: unknown }[] = [{ key: 'confirmedClock', value: confirmed }];
  let recovered: ClockState | null = null;
  if (Number.isFinite(serverMs)) {
    clock = observe(clock, { ms: serverMs, counter: 0 }, now);
    recovered = recoverClock(clock, serverMs, confirmed, LIMITS.maxClockSkewMs);
    rows.push({ key: 'serverOffset', value: serverMs - now }, { key: 'serverTime', value: serverMs });
  }
  rows.push({ key: 'clock', value: recovered ?? clock });
  await db.meta.bulkPut(rows);
  return recovered;
}

/**
 * The best guess at the server's time now: this device's clock corrected by the last sync's offset —
 * unless the clock was set right since (domain/school-clock.ts).
 */
export async function serverNow(db: NastavnikDb, now: number): Promise<number> {
  const [offset, serverTime] = await Promise.all([
    getMeta<number>(db, 'serverOffset'),
    getMeta<number>(db, 'serverTime'),
  ]);
  return now + instantCorrection(offset ?? 0, serverTime ?? null, now);
}
