// `npm run bench:sync`: the figures of issue 11 in one run, on the same generated records, through one
// byte-counting proxy, in Debian's Chromium with profiles on disk:
//   PouchDB (pouchdb-browser replicating from express-pouchdb): first sync, bytes, storage, next sync;
//   the Dexie floor: the same records written with bulkPut in 1,000-record chunks (pk + pairId,date;
//     pk only for storage);
//   Nastavnik, the shipped build through its UI: a curator enrols and the school syncs with the home
//     open; 100 records changed elsewhere, synced from the sync screen; the sync engine alone (no
//     screen); a mentor's phone with 1,000 pairs (when it is usable, its home, first-load JS); the
//     enrolment screen's first-load JS; one meeting write.
//
//   npm run bench:sync                  # 50,000 meetings
//   npm run bench:sync -- --n 10000     # quicker
//   npm run bench:sync -- --smoke       # a tiny school, only to prove that every step works (CI)
//
// It prints each figure with its goal and writes everything to .tmp/bench-sync-<n>.json. The machine
// is shared: each phase says how many cores other processes used meanwhile (`others`).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { measureMeetingWrite } from './bench/meeting-write-run';
import { median, readyAfter } from './bench-seed';
import { enrolAndSync, openApp, syncAgain, waitForSearchIndex } from './bench-sync/app';
import { openDevice, type Settle, storageUsage } from './bench-sync/browser';
import { firstLoad, libraryFloor } from './bench-sync/first-load';
import { type Load, measureLoad } from './bench-sync/machine';
import { startNastavnikServer } from './bench-sync/nastavnik';
import { buildPage } from './bench-sync/page';
import { startPouchServer } from './bench-sync/pouchdb';
import { startProxy, wireBetween } from './bench-sync/proxy';
import { changedIndexes } from './bench-sync/records';
import { printReport, type Report } from './bench-sync/report';

const { values: o } = parseArgs({
  options: {
    n: { type: 'string', default: '50000' },
    seed: { type: 'string', default: '1' },
    changes: { type: 'string', default: '100' },
    pairs: { type: 'string', default: '1000' },
    smoke: { type: 'boolean', default: false },
  },
});
const SMOKE = o.smoke;
const N = SMOKE ? 300 : Number(o.n);
const SEED = Number(o.seed);
const CHANGES = SMOKE ? 10 : Number(o.changes);
const PAIRS = SMOKE ? 12 : Number(o.pairs);
const MEETINGS_PER_PAIR = 20;
const DIST = 'dist';
const log = (...a: unknown[]) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

async function task<T>(page: Page, name: string, params: Record<string, unknown> = {}): Promise<T> {
  return (await page.evaluate(
    ([t, p]) => window.bench(t as string, p as Record<string, unknown>),
    [name, params],
  )) as T;
}

async function harness(origin: string) {
  const device = await openDevice();
  await device.page.goto(`${origin}/__bench/index.html`);
  await device.page.waitForFunction(() => window.benchReady === true);
  return device;
}

/**
 * Storage settled on `database`, measured on the harness page; the smoke run measures once without
 * idling (browser.ts `Settle`): it proves the step, and saves CI a minute.
 */
const settleOn = (database: string): Settle => ({
  url: `${proxy.origin}/__bench/index.html`,
  database,
  ...(SMOKE ? { rounds: 1, idleMs: 0 } : {}),
});

const workDir = mkdtempSync(join(tmpdir(), 'nastavnik-bench-sync-'));
const proxy = await startProxy(await buildPage());
const report: Report = {
  n: N,
  changes: CHANGES,
  pairs: PAIRS,
  smoke: SMOKE,
  date: new Date().toISOString(),
  loadAverageAtStart: loadavg()[0] ?? 0,
  loads: {},
} as Report;
const loads = report.loads as Record<string, Load>;

try {
  // PouchDB, the peer.
  log(`PouchDB: seeding ${N} records`);
  const pouch = await startPouchServer(workDir);
  proxy.setUpstream(pouch.url);
  await pouch.seed('bench', N, SEED);
  {
    const device = await harness(proxy.origin);
    let before = proxy.snapshot();
    let load = measureLoad(() => [...device.pids(), pouch.pid]);
    const initial = await task<{ ms: number; docs: number }>(device.page, 'pouchInitial', {
      url: `${proxy.origin}/bench`,
    });
    loads.pouchInitial = load.stop();
    const wire = wireBetween(before, proxy.snapshot());
    const storageBytes = await storageUsage(device.page);
    await pouch.mutate('bench', changedIndexes(SEED, N, CHANGES), SEED);
    before = proxy.snapshot();
    load = measureLoad(() => [...device.pids(), pouch.pid]);
    const next = await task<{ ms: number }>(device.page, 'pouchIncremental');
    loads.pouchNext = load.stop();
    const nextWire = wireBetween(before, proxy.snapshot());
    const disk = await device.close({
      settle: settleOn('_pouch_device'),
    });
    if (initial.docs !== N) throw new Error(`PouchDB holds ${initial.docs} of ${N}`);
    report.pouch = {
      initial: { ms: initial.ms, wire },
      storageBytes,
      disk: disk.idbDiskBytes,
      settled: disk.settledBytes ?? 0,
      next: { ms: next.ms, wire: nextWire },
    };
    log(`PouchDB: ${(initial.ms / 1000).toFixed(1)} s, ${(wire.bytes / 1e6).toFixed(2)} MB`);
  }
  await pouch.stop();

  // The Dexie floor, with the two indexes and with the primary key only.
  for (const [key, indexes] of [
    ['indexed', ['pairId', 'date']],
    ['pk', []],
  ] as const) {
    const device = await harness(proxy.origin);
    const load = measureLoad(() => device.pids());
    const floor = await task<{ ms: number }>(device.page, 'floor', { n: N, seed: SEED, indexes });
    loads[`floor-${key}`] = load.stop();
    const storageBytes = await storageUsage(device.page);
    const disk = await device.close({
      settle: settleOn('floor'),
    });
    report.floor = {
      ...report.floor,
      [key]: { ms: floor.ms, storageBytes, disk: disk.idbDiskBytes, settled: disk.settledBytes ?? 0 },
    };
    log(`floor (${key}): ${(floor.ms / 1000).toFixed(1)} s`);
  }

  // Nastavnik: the school, then the curator's PC through the app.
  log(`Nastavnik: seeding ${N} meetings`);
  const server = await startNastavnikServer(workDir, process.cwd());
  proxy.setUpstream(server.url);
  const school = await server.seedSchool(N, SEED);
  {
    const bench = settleOn('nastavnik');
    const device = await openApp(proxy);
    const first = await enrolAndSync(device, proxy, await server.invite('curator'), server.pid);
    loads.appInitial = first.load;
    const meetings = await device.page.evaluate(async () => {
      const db: IDBDatabase = await new Promise((ok, fail) => {
        const open = indexedDB.open('nastavnik');
        open.onsuccess = () => ok(open.result);
        open.onerror = () => fail(open.error);
      });
      const count = await new Promise<number>((ok) => {
        const request = db.transaction('meeting').objectStore('meeting').count();
        request.onsuccess = () => ok(request.result);
      });
      db.close();
      return count;
    });
    if (meetings !== N) throw new Error(`the app holds ${meetings} meetings of ${N}`);
    // Storage after the first sync: the browser closed at once (before the search index is built in
    // idle time), the profile reopened without the app so that LevelDB settles.
    const afterSync = await device.close({ keep: true, settle: bench });
    // The app again: it builds its search index in idle time, then syncs 100 records changed elsewhere.
    const again = await openApp(proxy, undefined, device.dir);
    const indexedAfterMs = await waitForSearchIndex(again.page);
    // The sync the app runs when it opens is over before the records change elsewhere: the next one is
    // the one measured, whole (a sync still in flight counted its answer but not its request).
    await syncAgain(again.page, proxy);
    await server.mutate(changedIndexes(SEED, N, CHANGES), SEED, 1);
    const load = measureLoad(() => [...again.pids(), server.pid]);
    const next = await syncAgain(again.page, proxy);
    loads.appNext = load.stop();
    const withIndex = await again.close({ settle: bench });
    report.app = {
      records: school.records,
      initial: first,
      settledAfterSync: afterSync.settledBytes ?? 0,
      indexedAfterMs,
      settledWithIndex: withIndex.settledBytes ?? 0,
      disk: withIndex.idbDiskBytes,
      next,
    };
    log(`Nastavnik app: ${(first.ms / 1000).toFixed(1)} s, ${(first.wire.bytes / 1e6).toFixed(2)} MB`);
  }
  // The sync engine alone, no screen.
  {
    const device = await harness(proxy.origin);
    const load = measureLoad(() => [...device.pids(), server.pid]);
    const before = proxy.snapshot();
    const initial = await task<{ ms: number; meetings: number }>(device.page, 'engineInitial', {
      code: await server.invite('curator'),
    });
    loads.engineInitial = load.stop();
    const wire = wireBetween(before, proxy.snapshot());
    const storageBytes = await storageUsage(device.page);
    await server.mutate(changedIndexes(SEED, N, CHANGES), SEED, 2);
    const beforeNext = proxy.snapshot();
    const next = await task<{ ms: number }>(device.page, 'engineIncremental');
    const nextWire = wireBetween(beforeNext, proxy.snapshot());
    const disk = await device.close();
    if (initial.meetings !== N) throw new Error(`the engine holds ${initial.meetings} meetings of ${N}`);
    report.engine = {
      initial: { ms: initial.ms, wire },
      storageBytes,
      disk: disk.idbDiskBytes,
      next: { ms: next.ms, wire: nextWire },
    };
    log(`Nastavnik engine: ${(initial.ms / 1000).toFixed(1)} s`);
  }

  // A mentor's phone: its pairs' current records first; then the home, and what it loads first.
  {
    const phone = { width: 390, height: 850 };
    const { mentorId, records } = await server.seedMentor(PAIRS, MEETINGS_PER_PAIR);
    const device = await openApp(proxy, phone);
    const sync = await enrolAndSync(device, proxy, await server.invite('mentor', mentorId), server.pid);
    loads.mentorInitial = sync.load;
    const load = await firstLoad(device.page, `${proxy.origin}/`, 'home', DIST);
    const home: number[] = [];
    for (let i = 0; i < (SMOKE ? 1 : 7); i++) {
      await readyAfter(device.page, 'pair', () =>
        device.page.locator('[data-testid="home-pairs"] .card__link').nth(i).click(),
      );
      home.push(
        await readyAfter(device.page, 'home', () =>
          device.page.getByRole('link', { name: 'Главная' }).click(),
        ),
      );
    }
    await device.close();
    report.mentor = { records, sync, firstLoad: load, homeMs: home, homeMedianMs: median(home) };
    log(
      `mentor: usable after ${((sync.currentInMs ?? 0) / 1000).toFixed(1)} s of ${(sync.ms / 1000).toFixed(1)} s`,
    );
  }
  await server.stop();

  // The enrolment screen on a new device, the libraries' floor, one meeting write.
  {
    const empty = await startNastavnikServer(join(workDir, 'empty'), process.cwd());
    proxy.setUpstream(empty.url);
    const device = await openDevice({ viewport: { width: 390, height: 850 } });
    report.enrolFirstLoad = await firstLoad(device.page, `${proxy.origin}/`, 'enrol', DIST);
    await device.close();
    await empty.stop();
  }
  report.libraryFloorGzip = await libraryFloor();
  report.meetingWrite = await measureMeetingWrite();
} finally {
  await proxy.stop();
  rmSync(workDir, { recursive: true, force: true });
}

report.loadAverageAtEnd = loadavg()[0] ?? 0;
mkdirSync('.tmp', { recursive: true });
const out = `.tmp/bench-sync-${SMOKE ? 'smoke' : N}.json`;
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
printReport(report);
console.log(`\nwrote ${out}`);
