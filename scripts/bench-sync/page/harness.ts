// The benchmark's page (bundled by page.ts, served by the proxy): PouchDB replicating from its
// server, the Dexie floor, and Nastavnik's own sync engine with no screen. The runner calls
// `window.bench(task, params)` and waits for its answer.
import Dexie from 'dexie';
import PouchDB from 'pouchdb-browser';
import { NastavnikDb } from '../../../src/client/db/database';
import { openDatabase } from '../../../src/client/db/lifecycle';
import { getSyncStatus } from '../../../src/client/db/meta';
import { saveEnrolment } from '../../../src/client/db/session-store';
import { enrolWithCode } from '../../../src/client/models/enrol-model';
import { createSyncEngine, type SyncEngine } from '../../../src/client/sync/sync-engine';
import { httpTransport } from '../../../src/client/sync/transport';
import { makeRecord } from '../records';

type Tasks = Record<string, (params: Record<string, unknown>) => Promise<unknown>>;

let pouch: {
  replicate: { from(remote: unknown): Promise<{ ok: boolean; docs_written: number }> };
  info(): Promise<{ doc_count: number }>;
};
let remote: unknown;
let db: NastavnikDb;
let engine: SyncEngine;

async function pull() {
  const t0 = performance.now();
  const info = await pouch.replicate.from(remote);
  const ms = performance.now() - t0;
  if (!info.ok) throw new Error('PouchDB replication failed');
  return { ms, docs: (await pouch.info()).doc_count };
}

async function engineSync() {
  const t0 = performance.now();
  let currentInMs: number | null = null;
  let isDone = false;
  const watch = (async () => {
    while (!isDone && currentInMs === null) {
      if ((await getSyncStatus(db)).progress?.isCurrentIn) currentInMs = performance.now() - t0;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  const outcome = await engine.syncOnce({ wait: true });
  const ms = performance.now() - t0;
  isDone = true;
  await watch;
  if (outcome !== 'ok') throw new Error(`the sync ended with '${outcome}'`);
  return { ms, currentInMs: currentInMs ?? ms, meetings: await db.records('meeting').count() };
}

const tasks: Tasks = {
  async pouchInitial({ url }) {
    pouch = new PouchDB('device');
    remote = new PouchDB(String(url), { skip_setup: true });
    return pull();
  },
  pouchIncremental: () => pull(),
  async floor({ n, seed, indexes }) {
    const records = Array.from({ length: Number(n) }, (_, i) => makeRecord(Number(seed), i));
    const floor = new Dexie('floor');
    floor.version(1).stores({ meetings: ['id', ...(indexes as string[])].join(',') });
    await floor.open();
    const t0 = performance.now();
    for (let i = 0; i < records.length; i += 1000)
      await floor.table('meetings').bulkPut(records.slice(i, i + 1000));
    const ms = performance.now() - t0;
    const count = await floor.table('meetings').count();
    floor.close();
    if (count !== records.length) throw new Error(`the floor wrote ${count} of ${records.length}`);
    return { ms };
  },
  async engineInitial({ code }) {
    db = new NastavnikDb();
    await openDatabase(db, { onVersionChange() {}, onBlocked() {} });
    engine = createSyncEngine({ db, transport: httpTransport() });
    const t0 = performance.now();
    const enrolled = await enrolWithCode(String(code), 'bench');
    if (!enrolled.ok) throw new Error(enrolled.message);
    await saveEnrolment(db, enrolled.enrolment);
    const sync = await engineSync();
    return { ...sync, ms: performance.now() - t0 };
  },
  engineIncremental: () => engineSync(),
  estimate: async () => (await navigator.storage.estimate()).usage ?? 0,
};

declare global {
  // Augmenting Window needs an interface.
  // biome-ignore lint/style/useConsistentTypeDefinitions: global augmentation
  interface Window {
    bench(task: string, params: Record<string, unknown>): Promise<unknown>;
    benchReady: boolean;
  }
}

window.bench = (task, params) => {
  const run = tasks[task];
  if (!run) throw new Error(`no task ${task}`);
  return run(params);
};
window.benchReady = true;
