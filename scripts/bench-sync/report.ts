// The benchmark's table: each figure of issue 11 for PouchDB, Nastavnik and the floor, with its goal
// and whether this run met it. Byte and storage goals are the issue's for 50,000 meetings, scaled to N.
import type { AppSync } from './app';
import type { FirstLoad } from './first-load';
import type { Load } from './machine';
import type { Wire } from './proxy';

type Pulled = { ms: number; wire: Wire };
export type Report = {
  n: number;
  changes: number;
  pairs: number;
  smoke: boolean;
  date: string;
  loadAverageAtStart: number;
  loadAverageAtEnd: number;
  loads: Record<string, Load>;
  pouch: { initial: Pulled; storageBytes: number; disk: number; settled: number; next: Pulled };
  floor: Record<'indexed' | 'pk', { ms: number; storageBytes: number; disk: number; settled: number }>;
  app: {
    records: number;
    initial: AppSync;
    settledAfterSync: number;
    indexedAfterMs: number;
    settledWithIndex: number;
    disk: number;
    next: Pulled;
  };
  engine: { initial: Pulled; storageBytes: number; disk: number; next: Pulled };
  mentor: { records: number; sync: AppSync; firstLoad: FirstLoad; homeMs: number[]; homeMedianMs: number };
  enrolFirstLoad: FirstLoad;
  libraryFloorGzip: number;
  meetingWrite: {
    runs: number;
    medianMs: number;
    p95Ms: number;
    floorMedianMs?: number;
    coldMedianMs?: number;
    formMedianMs?: number;
  };
};

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en-US')} rec/s`;
const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
const kb = (b: number) => `${(b / 1e3).toFixed(1)} kB`;
const kib = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const mark = (isMet: boolean) => (isMet ? 'met' : 'NOT met');

export function printReport(r: Report): void {
  const scale = r.n / 50_000;
  const appRate = r.n / r.app.initial.ms;
  const floorRate = r.n / r.floor.indexed.ms;
  const vsFloor = appRate / floorRate;
  const vsPouch = r.pouch.initial.ms / r.app.initial.ms;
  const bytesGoal = 7e6 * scale;
  const storageGoal = 25e6 * scale;
  const nextGoal = 6.6e3 * (r.changes / 100);
  const rows: [string, string, string, string, string][] = [
    [
      'first sync in the app (enrol → «синхронизировано», home open)',
      `${s(r.pouch.initial.ms)} (${rate(r.n, r.pouch.initial.ms)})`,
      `${s(r.app.initial.ms)} (${rate(r.n, r.app.initial.ms)})`,
      `Dexie bulkPut, 2 indexes: ${s(r.floor.indexed.ms)} (${rate(r.n, r.floor.indexed.ms)})`,
      `≥ 80 % of floor: ${(vsFloor * 100).toFixed(0)} % ${mark(vsFloor >= 0.8)}; ≥ 5× PouchDB: ${vsPouch.toFixed(1)}× ${mark(vsPouch >= 5)}`,
    ],
    [
      'the sync engine alone, no screen',
      '—',
      `${s(r.engine.initial.ms)} (${rate(r.n, r.engine.initial.ms)})`,
      '',
      '',
    ],
    [
      'bytes on the wire, first sync',
      `${mb(r.pouch.initial.wire.bytes)}, ${r.pouch.initial.wire.requests} requests`,
      `${mb(r.app.initial.wire.bytes)}, ${r.app.initial.wire.requests} requests`,
      '',
      `≤ ${mb(bytesGoal)}: ${mark(r.app.initial.wire.bytes <= bytesGoal)}`,
    ],
    [
      'device storage after the first sync, settled (right after, as estimated); with the search index built in idle time',
      `${mb(r.pouch.settled)} (${mb(r.pouch.storageBytes)}); —`,
      `${mb(r.app.settledAfterSync)} (${mb(r.app.initial.storageBytes)}); ${mb(r.app.settledWithIndex)}, built ${s(r.app.indexedAfterMs)} after the app opened again`,
      `pk only: ${mb(r.floor.pk.settled)} (${mb(r.floor.pk.storageBytes)})`,
      `≤ ${mb(storageGoal)}: after the sync ${mark(r.app.settledAfterSync <= storageGoal)}; with the index ${mark(r.app.settledWithIndex <= storageGoal)}`,
    ],
    [
      `${r.changes} records changed elsewhere, next sync`,
      `${kb(r.pouch.next.wire.bytes)}, ${r.pouch.next.wire.requests} requests, ${Math.round(r.pouch.next.ms)} ms`,
      `${kb(r.app.next.wire.bytes)}, ${r.app.next.wire.requests} requests, ${Math.round(r.app.next.ms)} ms (engine: ${kb(r.engine.next.wire.bytes)})`,
      '',
      `≤ ${kb(nextGoal)}: ${mark(r.app.next.wire.bytes <= nextGoal)}`,
    ],
    [
      'first-load JavaScript, gzipped (before the first screen is ready; + after it)',
      '—',
      `enrolment ${kib(r.enrolFirstLoad.gzipBytes)} (+${kib(r.enrolFirstLoad.laterGzipBytes)}); mentor's home ${kib(r.mentor.firstLoad.gzipBytes)} (+${kib(r.mentor.firstLoad.laterGzipBytes)})`,
      `preact + dexie + workbox-window: ${kib(r.libraryFloorGzip)}`,
      `≤ 60 KB: ${mark(Math.max(r.enrolFirstLoad.gzipBytes, r.mentor.firstLoad.gzipBytes) <= 60 * 1024)}`,
    ],
    [
      "one meeting write (record + outbox), median in the steady state (the page's first 100 writes)",
      '—',
      `${r.meetingWrite.medianMs.toFixed(2)} ms (p95 ${r.meetingWrite.p95Ms.toFixed(2)} ms)${
        r.meetingWrite.coldMedianMs === undefined ? '' : ` (${r.meetingWrite.coldMedianMs.toFixed(2)} ms)`
      }`,
      [
        r.meetingWrite.floorMedianMs === undefined
          ? ''
          : `the record alone, one Dexie put: ${r.meetingWrite.floorMedianMs.toFixed(2)} ms`,
        r.meetingWrite.formMedianMs === undefined
          ? ''
          : `as the meeting form writes (its id, its draft ended): ${r.meetingWrite.formMedianMs.toFixed(2)} ms`,
      ]
        .filter(Boolean)
        .join('; '),
      `< 3 ms: ${mark(r.meetingWrite.medianMs < 3)}`,
    ],
    [
      `mentor's home with ${r.pairs} pairs, tap → shown, median`,
      '—',
      `${Math.round(r.mentor.homeMedianMs)} ms (max ${Math.round(Math.max(...r.mentor.homeMs))} ms)`,
      '',
      `< 300 ms: ${mark(r.mentor.homeMedianMs < 300)}`,
    ],
    [
      `mentor's phone (${r.mentor.records.toLocaleString('en-US')} records): usable (current records in) / all in`,
      '—',
      `${s(r.mentor.sync.currentInMs ?? r.mentor.sync.ms)} / ${s(r.mentor.sync.ms)}; pairs listed after ${s(r.mentor.sync.pairsShownMs ?? r.mentor.sync.ms)}`,
      '',
      'current first, history follows',
    ],
  ];
  console.log(
    `\nissue 11, N = ${r.n.toLocaleString('en-US')} meetings (+ people and pairs: ${r.app.records.toLocaleString('en-US')} records)${r.smoke ? ' — SMOKE RUN, figures mean nothing' : ''}`,
  );
  console.log('| figure | PouchDB | Nastavnik | floor | goal |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(
    `\nmachine: load average ${r.loadAverageAtStart.toFixed(2)} at start, ${r.loadAverageAtEnd.toFixed(2)} at end; cores used by other processes during each phase:`,
  );
  console.log(
    Object.entries(r.loads)
      .map(
        ([k, l]) =>
          `${k} ${l.othersCores.toFixed(2)} (machine ${l.machineCores.toFixed(2)}, ours ${l.oursCores.toFixed(2)})`,
      )
      .join('; '),
  );
  // Where the work of the first syncs and the floor went: Chromium's browser process runs IndexedDB.
  const split = (l: Load | undefined) =>
    l
      ? Object.entries(l.cpuSeconds ?? {})
          .filter(([, s]) => s >= 0.05)
          .sort((a, b) => b[1] - a[1])
          .map(([kind, s]) => `${kind} ${s.toFixed(1)}`)
          .join(', ')
      : '—';
  console.log(
    `CPU seconds by process: floor ${split(r.loads['floor-indexed'])}; app's first sync ${split(r.loads.appInitial)}; engine alone ${split(r.loads.engineInitial)}; PouchDB ${split(r.loads.pouchInitial)}`,
  );
}
