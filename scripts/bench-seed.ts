// Shared by the benchmarks: fill the app's IndexedDB in a page with prepared records, fast.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { uuidv7 } from 'uuidv7';
import { createApp } from '../src/server/app';
import { openSqliteStorage } from '../src/server/storage/sqlite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

export async function seed(page: Page, table: string, rows: unknown[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2_000) {
    await page.evaluate(
      async ({ table, rows, pack }) => {
        const db: IDBDatabase = await new Promise((ok, fail) => {
          const open = indexedDB.open('nastavnik');
          open.onsuccess = () => ok(open.result);
          open.onerror = () => fail(open.error);
        });
        await new Promise<void>((ok, fail) => {
          const tx = db.transaction(table, 'readwrite');
          // Rows as the app keeps them: a record's UUID id, and every UUID among its fields, as 16 bytes
          // (src/client/db/key-codec.ts); with BENCH_NOPACK=1 as versions before schema 10 kept them
          // (to measure folding them in).
          const uuid = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/;
          const down = (value: unknown) => {
            if (typeof value !== 'string' || !uuid.test(value)) return value;
            const hex = value.replaceAll('-', '');
            const bytes = new Uint8Array(16);
            for (let b = 0; b < 16; b++) bytes[b] = Number.parseInt(hex.slice(b * 2, b * 2 + 2), 16);
            return bytes;
          };
          for (const row of rows as { id?: unknown; fields?: Record<string, unknown> }[]) {
            let atRest = row;
            if (pack) {
              const fields = Object.fromEntries(
                Object.entries(row.fields ?? {}).map(([k, v]) => [
                  k,
                  Array.isArray(v) ? v.map(down) : down(v),
                ]),
              );
              atRest = { ...row, id: down(row.id), ...(row.fields ? { fields } : {}) };
            }
            tx.objectStore(table).put(atRest);
          }
          tx.oncomplete = () => ok();
          tx.onerror = () => fail(tx.error);
        });
        db.close();
      },
      { table, rows: rows.slice(i, i + 2_000), pack: process.env.BENCH_NOPACK !== '1' },
    );
  }
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return ((s[Math.floor((s.length - 1) / 2)] ?? 0) + (s[Math.ceil((s.length - 1) / 2)] ?? 0)) / 2;
};

export function seededRandom(seed: number) {
  let a = seed;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 2 ** 32;
  };
}

/** Milliseconds from a tap to the screen's ready mark (`screen-ready:<name>`, see state/ready-mark.ts). */
export async function readyAfter(page: Page, screen: string, tap: () => Promise<void>): Promise<number> {
  await page.evaluate(() => performance.clearMarks());
  const start = await page.evaluate(() => performance.now());
  await tap();
  const handle = await page.waitForFunction(
    (name) => performance.getEntriesByName(`screen-ready:${name}`).at(-1)?.startTime,
    screen,
    { timeout: 30_000 },
  );
  return ((await handle.jsonValue()) as number) - start;
}

/**
 * The production build served by a throw-away server, and a browser with a profile on disk, opened on
 * the enrolment screen (so the app's database exists and can be filled).
 */
export async function openBenchApp(viewport: { width: number; height: number }) {
  const app = await createApp({
    storage: openSqliteStorage(join(mkdtempSync(join(tmpdir(), 'nastavnik-bench-')), 'db.sqlite')),
    staticDir: 'dist',
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const context = await chromium.launchPersistentContext(
    mkdtempSync(join(tmpdir(), 'nastavnik-bench-profile-')),
    {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      viewport,
      acceptDownloads: true,
    },
  );
  // tsx keeps functions' names with a helper, `__name`, that the functions handed to page.evaluate then
  // call in the page, where it does not exist.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(base);
  await page.getByLabel('Код приглашения').waitFor();
  // The service worker holds the app before anything is measured offline.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  return { app, base, context, page };
}

/** A record as a device stores it, every field stamped alike. */
export function benchRecord(type: string, fields: Record<string, unknown>, id = uuidv7()) {
  const stamp = '2026-09-01T08:00:00.000Z_0000_bench';
  return { id, type, fields, stamps: Object.fromEntries(Object.keys(fields).map((k) => [k, stamp])) };
}
