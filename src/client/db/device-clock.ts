// The device's HLC, persisted in `meta` and advanced inside each write transaction, so that two tabs
// writing at once still hand out distinct, ordered stamps.
import {
  type ClockState,
  laterClock,
  observe,
  parseHlc,
  recoverClock,
  tick,
  ZERO_CLOCK,
} from '../../domain/hlc';
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
  const { stamp, saved } = await nextStampFrom(db, [nodeRow, clockRow], now);
  await saved;
  return stamp;
}

/** The device's clock id from its row of `meta` already read (made, if there is none yet). */
export async function nodeOf(db: NastavnikDb, nodeRow: { value: unknown } | undefined): Promise<string> {
  return (nodeRow?.value as string | undefined) ?? deviceNode(db);
}

/** The rows of `meta` a stamp is made from: a write reads them along with its other reads. */
export const CLOCK_KEYS = ['node', 'clock'] as const;

/**
 * `nextStamp` from the rows of `CLOCK_KEYS` the write has read already; `saved` settles when the
 * advanced clock is written (the write awaits it with its other writes, in the same transaction).
 */
export async function nextStampFrom(
  db: NastavnikDb,
  [nodeRow, clockRow]: readonly [{ value: unknown } | undefined, { value: unknown } | undefined],
  now: number,
): Promise<{ stamp: string; saved: Promise<unknown> }> {
  const node = await nodeOf(db, nodeRow);
  const state = (clockRow?.value as ClockState | undefined) ?? ZERO_CLOCK;
  const r = tick(state, now, node);
  return { stamp: r.stamp, saved: setMeta(db, 'clock', r.state) };
}

/** Folds what the server sent (its time, the stamps of records) into the clock. */
export async function observeRemote(
  db: NastavnikDb,
  stamps: Iterable<string>,
  serverTime: string | null,
  now: number,
): Promise<void> {
  let state = (await getMeta<ClockState>(db, 'clock')) ?? ZERO_CLOCK;
  let highest = '';
  for (const s of stamps) if (s > highest) highest = s;
  const parts = highest ? parseHlc(highest) : null;
  if (parts) state = observe(state, parts, now);
  const serverMs = serverTime ? Date.parse(serverTime) : Number.NaN;
  if (Number.isFinite(serverMs)) state = observe(state, { ms: serverMs, counter: 0 }, now);
  await setMeta(db, 'clock', state);
}

/**
 * Remembers stamps the server is known to hold: pulled ones, and this device's own that it accepted.
 * Call inside a transaction on `meta`.
 */
export async function noteConfirmed(db: NastavnikDb, stamps: Iterable<string>): Promise<void> {
  let confirmed = (await getMeta<ClockState>(db, 'confirmedClock')) ?? ZERO_CLOCK;
  // A stamp's string order is its clock order (domain/hlc.ts), so only the latest is parsed — a first
  // sync's page holds thousands. Should it not parse (stamps the server checked do), every one is.
  const list = [...stamps];
  let latest = '';
  for (const s of list) if (s > latest) latest = s;
  const parts = latest ? parseHlc(latest) : null;
  if (parts) confirmed = laterClock(confirmed, parts);
  else
    for (const s of list) {
      const each = parseHlc(s);
      if (each) confirmed = laterClock(confirmed, each);
    }
  await setMeta(db, 'confirmedClock', confirmed);
}

/**
 * After a sync answer: a clock more than the contract's 24 h ahead of the server's time (the device's date
 * was wrong) is brought back (see domain/hlc.ts recoverClock). Also keeps the server's offset from this
 * device's clock, for stamps issued again later. Answers the new state when the clock went back, so that
 * stamps of this device not yet accepted can be issued again. Call inside a transaction on `meta`.
 */
export async function recoverFromServerTime(
  db: NastavnikDb,
  serverTime: string,
  now: number,
): Promise<ClockState | null> {
  const serverMs = Date.parse(serverTime);
  if (!Number.isFinite(serverMs)) return null;
  await setMeta(db, 'serverOffset', serverMs - now);
  const state = (await getMeta<ClockState>(db, 'clock')) ?? ZERO_CLOCK;
  const confirmed = (await getMeta<ClockState>(db, 'confirmedClock')) ?? ZERO_CLOCK;
  const recovered = recoverClock(state, serverMs, confirmed, LIMITS.maxClockSkewMs);
  if (recovered) await setMeta(db, 'clock', recovered);
  return recovered;
}

/** The best guess at the server's time now: this device's clock corrected by the last sync's offset. */
export async function serverNow(db: NastavnikDb, now: number): Promise<number> {
  return now + ((await getMeta<number>(db, 'serverOffset')) ?? 0);
}
