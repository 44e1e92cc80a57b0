// The device's HLC, persisted in `meta` and advanced inside each write transaction, so that two tabs
// writing at once still hand out distinct, ordered stamps.
import { type ClockState, observe, parseHlc, tick, ZERO_CLOCK } from '../../domain/hlc';
import type { NastavnikDb } from './database';
import { getMeta, setMeta } from './meta';

function randomNode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The device's clock id: made once, on first use. Call inside a transaction on `meta`. */
export async function deviceNode(db: NastavnikDb): Promise<string> {
  const existing = await getMeta<string>(db, 'node');
  if (existing) return existing;
  const node = randomNode();
  await setMeta(db, 'node', node);
  return node;
}

/** A fresh stamp for a local write. Call inside a read-write transaction that includes `meta`. */
export async function nextStamp(db: NastavnikDb, now: number): Promise<string> {
  // The node and the clock in one read: a local write waits for every round trip.
  const [nodeRow, clockRow] = await db.meta.bulkGet(['node', 'clock']);
  const node = (nodeRow?.value as string | undefined) ?? (await deviceNode(db));
  const state = (clockRow?.value as ClockState | undefined) ?? ZERO_CLOCK;
  const r = tick(state, now, node);
  await setMeta(db, 'clock', r.state);
  return r.stamp;
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
