// Shared by the benchmarks: fill the app's IndexedDB in a page with prepared records, fast.
import type { Page } from '@playwright/test';

export async function seed(page: Page, table: string, rows: unknown[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2_000) {
    await page.evaluate(
      async ({ table, rows }) => {
        const db: IDBDatabase = await new Promise((ok, fail) => {
          const open = indexedDB.open('nastavnik');
          open.onsuccess = () => ok(open.result);
          open.onerror = () => fail(open.error);
        });
        await new Promise<void>((ok, fail) => {
          const tx = db.transaction(table, 'readwrite');
          for (const row of rows) tx.objectStore(table).put(row);
          tx.oncomplete = () => ok();
          tx.onerror = () => fail(tx.error);
        });
        db.close();
      },
      { table, rows: rows.slice(i, i + 2_000) },
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
