// Runs in Chromium: the real repository writing meetings (record + outbox in one transaction), beside
// its floor — the same record put alone by Dexie — in the same page.
//
// Both are measured in the steady state, alternating in blocks so that the machine's noise falls on both
// alike: the page's first writes run V8's code unoptimised (Dexie's as much as ours: the floor's first
// hundred take 2.7 ms against 1.5 later), and an app in use has written hundreds of drafts and records
// before a meeting is saved. The first hundred writes after the page opened are given apart (`cold…`);
// so is the write as the meeting form makes it (`formMedianMs`): under the id made when the form opened,
// ending the form's draft (saved before each write, untimed) in the same transaction.
import { uuidv7 } from 'uuidv7';
import { NastavnikDb } from '../../src/client/db/database';
import { createDrafts } from '../../src/client/db/drafts';
import { createRepository } from '../../src/client/db/repository';
import type { SyncedRecord } from '../../src/domain/record';

/**
 * Milliseconds. `floorMedianMs`: the same record put alone by Dexie, one transaction each, in the same
 * page; `coldMedianMs`: the first hundred writes after the page opened; `formMedianMs`: the write as
 * the meeting form makes it (its id made when it opened, its draft ended in the write).
 */
export type MeetingWriteResult = {
  runs: number;
  medianMs: number;
  p95Ms: number;
  floorMedianMs: number;
  coldMedianMs: number;
  formMedianMs: number;
};

declare global {
  // Augmenting Window needs an interface.
  // biome-ignore lint/style/useConsistentTypeDefinitions: global augmentation
  interface Window {
    benchResult?: MeetingWriteResult;
  }
}

const PAIR = '0193a3f0-0000-7000-8000-000000000001';
const RUNS = 100;
const BLOCK = 20;
const db = new NastavnikDb(`bench-${Date.now()}`);
const repo = createRepository(db);
await db.open();
const table = db.records('meeting');

const drafts = createDrafts(db, Date.now, null);

let n = 0;
const meeting = () => ({
  pairId: PAIR,
  date: '2026-11-25',
  kind: 'regular',
  durationMin: 45,
  notes: `Встреча ${n}: обсудили план`,
});

async function write(): Promise<void> {
  n += 1;
  const result = await repo.create('meeting', meeting());
  if (!result.ok) throw new Error(result.reason);
}

/** Milliseconds of one write as the meeting form makes it; its draft's save before it is not counted. */
async function formWrite(): Promise<number> {
  n += 1;
  const fields = meeting();
  const key = `meeting:new:${PAIR}`;
  const saved = await drafts.save(key, fields, { base: null, writer: 'bench' });
  if (!saved.ok) throw new Error(saved.reason);
  const start = performance.now();
  const result = await repo.create('meeting', fields, uuidv7(), { endsDraft: drafts.ending(key, fields) });
  const ms = performance.now() - start;
  if (!result.ok) throw new Error(result.reason);
  if (await drafts.get(key)) throw new Error('the draft outlived its write');
  return ms;
}

/** The floor: what this machine's IndexedDB takes, through Dexie, for the record alone. */
let record: SyncedRecord<'meeting'> | undefined;
function putAlone(): Promise<unknown> {
  n += 1;
  const copy = { ...(record as SyncedRecord<'meeting'>), id: `floor-${n}` };
  return db.transaction('rw', table, () => table.put(copy));
}

/** Milliseconds each of `count` calls of `step` took, one after another. */
async function times(step: () => Promise<unknown>, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await step();
    out.push(performance.now() - start);
  }
  return out;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const cold = await times(write, RUNS);
record = await table.limit(1).first();
await times(putAlone, RUNS); // the floor's own first hundred
const written: number[] = [];
const floor: number[] = [];
const form: number[] = [];
for (let i = 0; i < RUNS; i++) await formWrite(); // the form's way's own first hundred
for (let block = 0; block < RUNS / BLOCK; block++) {
  written.push(...(await times(write, BLOCK)));
  floor.push(...(await times(putAlone, BLOCK)));
  for (let i = 0; i < BLOCK; i++) form.push(await formWrite());
}
written.sort((a, b) => a - b);
window.benchResult = {
  runs: written.length,
  medianMs: median(written),
  p95Ms: written[Math.ceil(written.length * 0.95) - 1] ?? 0,
  floorMedianMs: median(floor),
  coldMedianMs: median(cold),
  formMedianMs: median(form),
};
