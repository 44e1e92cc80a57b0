// Runs in Chromium: the real repository writing meetings (record + outbox in one transaction), beside
// its floor — the same record put alone by Dexie — in the same page.
//
// Both are measured in the steady state, alternating in blocks so that the machine's noise falls on both
// alike: the page's first writes run V8's code unoptimised (Dexie's as much as ours: the floor's first
// hundred take 2.7 ms against 1.5 later), and an app in use has written hundreds of drafts and records
// before a meeting is saved. The first hundred writes after the page opened are given apart (`cold…`).
import { NastavnikDb } from '../../src/client/db/database';
import { createRepository } from '../../src/client/db/repository';
import type { SyncedRecord } from '../../src/domain/record';

declare global {
  // Augmenting Window needs an interface.
  // biome-ignore lint/style/useConsistentTypeDefinitions: global augmentation
  interface Window {
    benchResult?: {
      runs: number;
      medianMs: number;
      p95Ms: number;
      floorMedianMs: number;
      coldMedianMs: number;
    };
  }
}

const PAIR = '0193a3f0-0000-7000-8000-000000000001';
const RUNS = 100;
const BLOCK = 20;
const db = new NastavnikDb(`bench-${Date.now()}`);
const repo = createRepository(db);
await db.open();
const table = db.records('meeting');

let n = 0;
async function write(): Promise<void> {
  n += 1;
  const result = await repo.create('meeting', {
    pairId: PAIR,
    date: '2026-11-25',
    kind: 'regular',
    durationMin: 45,
    notes: `Встреча ${n}: обсудили план`,
  });
  if (!result.ok) throw new Error(result.reason);
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
for (let block = 0; block < RUNS / BLOCK; block++) {
  written.push(...(await times(write, BLOCK)));
  floor.push(...(await times(putAlone, BLOCK)));
}
written.sort((a, b) => a - b);
window.benchResult = {
  runs: written.length,
  medianMs: median(written),
  p95Ms: written[Math.ceil(written.length * 0.95) - 1] ?? 0,
  floorMedianMs: median(floor),
  coldMedianMs: median(cold),
};
