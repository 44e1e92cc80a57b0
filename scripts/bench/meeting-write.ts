// Runs in Chromium: the real repository writing meetings (record + outbox in one transaction).
import { NastavnikDb } from '../../src/client/db/database';
import { createRepository } from '../../src/client/db/repository';

declare global {
  // Augmenting Window needs an interface.
  // biome-ignore lint/style/useConsistentTypeDefinitions: global augmentation
  interface Window {
    benchResult?: { runs: number; medianMs: number; p95Ms: number; floorMedianMs: number };
  }
}

const PAIR = '0193a3f0-0000-7000-8000-000000000001';
const db = new NastavnikDb(`bench-${Date.now()}`);
const repo = createRepository(db);
await db.open();
const write = (i: number) =>
  repo.create('meeting', {
    pairId: PAIR,
    date: '2026-11-25',
    kind: 'regular',
    durationMin: 45,
    notes: `Встреча ${i}: обсудили план`,
  });
for (let i = 0; i < 10; i++) await write(i); // warm-up
const times: number[] = [];
for (let i = 0; i < 100; i++) {
  const start = performance.now();
  const result = await write(i);
  times.push(performance.now() - start);
  if (!result.ok) throw new Error(result.reason);
}
times.sort((a, b) => a - b);
// The floor in the same page: the same record put alone, one transaction each, by Dexie — what this
// machine's IndexedDB takes for one write, whatever the app does around it.
const record = await db.records('meeting').limit(1).first();
const floor: number[] = [];
for (let i = 0; i < 110; i++) {
  const start = performance.now();
  await db.transaction('rw', db.records('meeting'), () =>
    db.records('meeting').put({ ...(record as NonNullable<typeof record>), id: `floor-${i}` }),
  );
  if (i >= 10) floor.push(performance.now() - start);
}
floor.sort((a, b) => a - b);
const median = (sorted: number[]) => ((sorted[49] ?? 0) + (sorted[50] ?? 0)) / 2;
window.benchResult = {
  runs: times.length,
  medianMs: median(times),
  p95Ms: times[94] ?? 0,
  floorMedianMs: median(floor),
};
