// `npm run bench:rows`: what one row costs IndexedDB in Debian's Chromium, by the row's shape — the
// question under issue 11's first-sync goal (the app's first sync is as fast as the Dexie floor, never
// faster). Rows are put with IndexedDB itself, 2,000 per transaction as a pulled page, into a fresh
// database each time, in one page with its profile on disk; for each shape, the wall time and the CPU
// time of the browser's processes: the renderer (the page: cloning each row) and the browser process
// (Chromium's IndexedDB: the request, LevelDB). Shapes, each run twice, alternating:
//   floor      the bench's meeting as the Dexie floor stores it (flat, text ids; indexes pairId, date)
//   meeting    a meeting as the app stores it (compact, ids as 16 bytes; indexes fields.pairId, recentDay)
//   no-index   the same without indexes
//   id-only    a row of just its id and pair id, the same indexes
//   packed-20  twenty of the app's meetings in one row (one pair's, under one key; index fields.pairId):
//              what writing a school's history in packs would cost, per meeting
//
//   npm run bench:rows                  # 20,000 rows a shape
//   npm run bench:rows -- --n 5000
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { openDevice } from '../bench-sync/browser';
import { pidsWith } from '../bench-sync/machine';

const { values: o } = parseArgs({ options: { n: { type: 'string', default: '20000' } } });
const N = Number(o.n);
const PAGE = 2_000;
const SHAPES = ['floor', 'meeting', 'no-index', 'id-only', 'packed-20'] as const;
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
const device = await openDevice();
try {
  await device.page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  const runs: Record<string, { wallMs: number; browserS: number; rendererS: number }[]> = {};
  for (let round = 0; round < 2; round++)
    for (const shape of round % 2 === 0 ? SHAPES : [...SHAPES].reverse()) {
      const before = cpuByType(device.dir);
      const wallMs = (await device.page.evaluate(
        `window.putRows(${JSON.stringify(shape)}, ${N}, ${PAGE}, ${JSON.stringify(`${shape}-${round}`)})`,
      )) as number;
      const after = cpuByType(device.dir);
      const spent = (type: string) => (after[type] ?? 0) - (before[type] ?? 0);
      runs[shape] = [
        ...(runs[shape] ?? []),
        { wallMs, browserS: spent('browser'), rendererS: spent('renderer') },
      ];
    }
  console.log(
    `${N} meetings a shape, ${PAGE} a transaction; µs a meeting (two runs, alternating; packed-20: ${N / PACK} rows of ${PACK}):`,
  );
  console.log('| shape | wall | browser process CPU | renderer CPU |\n| --- | --- | --- | --- |');
  const us = (values: number[]) => values.map((v) => Math.round(v / N)).join(' / ');
  for (const shape of SHAPES) {
    const r = runs[shape] ?? [];
    console.log(
      `| ${shape} | ${us(r.map((x) => x.wallMs * 1000))} | ${us(r.map((x) => x.browserS * 1e6))} | ${us(r.map((x) => x.rendererS * 1e6))} |`,
    );
  }
} finally {
  await device.close();
  server.close();
}
