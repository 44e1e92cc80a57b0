// `npm run bench:rows`: what one row costs IndexedDB in Debian's Chromium, by the row's shape — the
// question under issue 11's first-sync goal (the app's first sync is as fast as the Dexie floor, never
// faster). Rows are put with IndexedDB itself, 2,000 per transaction as a pulled page, into a fresh
// profile on disk each time; for each shape, the wall time, the CPU time of the browser's processes —
// the renderer (the page: cloning each row) and the browser process (Chromium's IndexedDB: the request,
// LevelDB) — and the storage: right after the writes (as a benchmark that measures at once sees it:
// LevelDB may be compacting, the store on disk twice) and settled. Shapes, each run twice, alternating:
//   floor      the bench's meeting as the Dexie floor stores it (flat, text ids; indexes pairId, date)
//   meeting    a meeting as the app stores it (compact, ids as 16 bytes; indexes fields.pairId, recentDay)
//   ordered    the same with ids in the order they are written (as rows keyed in the server's order):
//              random ids make every compaction rewrite the whole store
//   no-index   the app's meeting without indexes
//   id-only    a row of just its id and pair id, the same indexes
//   packed-20  twenty of the app's meetings in one row (one pair's, under one key; index fields.pairId):
//              what writing a school's history in packs would cost, per meeting
//
//   npm run bench:rows                  # 20,000 rows a shape
//   npm run bench:rows -- --n 50000     # a school: where a measure at once can catch LevelDB compacting
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { type Device, openDevice, storageUsage } from '../bench-sync/browser';
import { pidsWith } from '../bench-sync/machine';

const { values: o } = parseArgs({ options: { n: { type: 'string', default: '20000' } } });
const N = Number(o.n);
const PAGE = 2_000;
const SHAPES = ['floor', 'meeting', 'ordered', 'no-index', 'id-only', 'packed-20'] as const;
/** Meetings in one row of the packed shape. */
const PACK = 20;

/** CPU seconds (user + system) of the processes whose command line names `marker`, by Chromium type. */
function cpuByType(marker: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pid of pidsWith(marker)) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
      out[type] = (out[type] ?? 0) + (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      // The process ended meanwhile.
    }
  }
  return out;
}

// The page's code, as a script: what tsx compiles functions into does not run in the page.
const PAGE_SCRIPT = `
const hex = () => Math.floor(Math.random() * 16).toString(16);
const uuid = () => 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, hex);
const bytes = (id) => { const h = id.replace(/-/g, ''); const b = new Uint8Array(16);
  for (let i = 0; i < 16; i++) b[i] = parseInt(h.slice(i * 2, i * 2 + 2), 16); return b; };
const notes = 'обсудили план на неделю наставляемый рассказал о трудностях с домашними заданиями договорились';
const pairs = Array.from({ length: 2000 }, uuid);
const day = (i) => '2025-03-' + String((i % 28) + 1).padStart(2, '0');
const meeting = (i) => ({ id: bytes(uuid()), fields: { pairId: bytes(pairs[i % 2000]), date: day(i), kind: 'regular',
  durationMin: 45, notes, topics: ['учёба', 'проект'] }, stamp: '~m5abcdef_0000_0123456789ab' });
const shapes = {
  floor: [['pairId', 'date'], (i) => ({ id: uuid(), pairId: 'pair-' + (i % 2000), date: day(i), kind: 'regular',
    durationMin: 45, notes, topics: ['учёба', 'проект'] })],
  meeting: [['fields.pairId', 'recentDay'], meeting],
  ordered: [['fields.pairId', 'recentDay'], (i) => { const m = meeting(i); const id = new Uint8Array(16);
    id[0] = (i >>> 24) & 255; id[1] = (i >>> 16) & 255; id[2] = (i >>> 8) & 255; id[3] = i & 255;
    id.set(m.id.subarray(4), 4); return { ...m, id }; }],
  'no-index': [[], meeting],
  'id-only': [['fields.pairId', 'recentDay'], (i) => ({ id: bytes(uuid()), fields: { pairId: bytes(pairs[i % 2000]) } })],
  'packed-20': [['fields.pairId'], (i) => ({ id: bytes(uuid()), fields: { pairId: bytes(pairs[i % 2000]) },
    meetings: Array.from({ length: ${PACK} }, (_, k) => meeting(i * ${PACK} + k)) })],
};
/** Meetings a row of the shape holds. */
const perRow = (shape) => (shape === 'packed-20' ? ${PACK} : 1);
window.putRows = async (shape, n, page, name) => {
  const [indexes, row] = shapes[shape];
  const db = await new Promise((ok, fail) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => { const store = open.result.createObjectStore('rows', { keyPath: 'id' });
      for (const index of indexes) store.createIndex(index, index); };
    open.onsuccess = () => ok(open.result);
    open.onerror = () => fail(open.error);
  });
  const t0 = performance.now();
  n = n / perRow(shape);
  page = page / perRow(shape);
  for (let i = 0; i < n; i += page) {
    const tx = db.transaction('rows', 'readwrite');
    const store = tx.objectStore('rows');
    for (let j = i; j < Math.min(n, i + page); j++) store.put(row(j));
    await new Promise((ok, fail) => { tx.oncomplete = ok; tx.onabort = () => fail(tx.error); });
  }
  db.close();
  return performance.now() - t0;
};`;

const server = createServer((_request, response) => {
  response.setHeader('content-type', 'text/html; charset=utf-8');
  response.end(`<!doctype html><meta charset="utf-8"><script>${PAGE_SCRIPT}</script>`);
}).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
type Run = { wallMs: number; browserS: number; rendererS: number; atOnceMB: number; settledMB: number };
const runs: Record<string, Run[]> = {};

/** Puts the shape's rows into `device`: the wall time, the CPU before and after, the storage at once. */
async function putIn(device: Device, shape: (typeof SHAPES)[number]) {
  await device.page.goto(origin);
  const before = cpuByType(device.dir);
  const wallMs = (await device.page.evaluate(
    `window.putRows(${JSON.stringify(shape)}, ${N}, ${PAGE}, 'rows')`,
  )) as number;
  const after = cpuByType(device.dir);
  return { before, after, wallMs, atOnce: await storageUsage(device.page) };
}

try {
  for (let round = 0; round < 2; round++)
    for (const shape of round % 2 === 0 ? SHAPES : [...SHAPES].reverse()) {
      const device = await openDevice();
      // A failed run closes its browser: one left open kept the script from ending.
      const { before, after, wallMs, atOnce } = await putIn(device, shape).catch(async (error: unknown) => {
        await device.close();
        throw error;
      });
      const { settledBytes } = await device.close({ settle: { url: origin, database: 'rows', rounds: 3 } });
      const spent = (type: string) => (after[type] ?? 0) - (before[type] ?? 0);
      runs[shape] = [
        ...(runs[shape] ?? []),
        {
          wallMs,
          browserS: spent('browser'),
          rendererS: spent('renderer'),
          atOnceMB: atOnce / 1e6,
          settledMB: (settledBytes ?? 0) / 1e6,
        },
      ];
    }
  console.log(
    `${N} meetings a shape, ${PAGE} a transaction, a fresh profile a run; µs a meeting and MB in all (two runs, alternating; packed-20: ${N / PACK} rows of ${PACK}):`,
  );
  console.log(
    '| shape | wall | browser process CPU | renderer CPU | storage at once, MB | settled, MB |\n| --- | --- | --- | --- | --- | --- |',
  );
  const us = (values: number[]) => values.map((v) => Math.round(v / N)).join(' / ');
  const mb = (values: number[]) => values.map((v) => v.toFixed(1)).join(' / ');
  for (const shape of SHAPES) {
    const r = runs[shape] ?? [];
    console.log(
      `| ${shape} | ${us(r.map((x) => x.wallMs * 1000))} | ${us(r.map((x) => x.browserS * 1e6))} | ${us(r.map((x) => x.rendererS * 1e6))} | ${mb(r.map((x) => x.atOnceMB))} | ${mb(r.map((x) => x.settledMB))} |`,
    );
  }
} finally {
  server.close();
}
