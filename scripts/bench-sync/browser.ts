// Debian's Chromium with a profile on disk (IndexedDB as a device keeps it), one per measurement.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { pidsWith } from './machine';

function dirBytes(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((sum, f) => sum + dirBytes(join(path, f)), 0);
}

export type Device = {
  context: BrowserContext;
  page: Page;
  /** The profile folder, which `close({ keep: true })` leaves for `openDevice({ dir })`. */
  dir: string;
  /** The browser's processes (for CPU accounting). */
  pids(): number[];
  /**
   * Closes the browser; answers the size of its IndexedDB folder on disk, and deletes the profile.
   * With `settle`, first opens the profile once more on `url`, opens `database` and waits a few
   * seconds: the storage then measured is what the data takes once the browser's LevelDB has
   * compacted what the sync wrote (right after a sync, logs and uncompacted files count too).
   */
  close(options?: {
    settle?: Settle;
    keep?: boolean;
  }): Promise<{ idbDiskBytes: number; settledBytes?: number }>;
};

/**
 * Where and how to measure settled storage: `rounds` openings at most (default 4), each idle `idleMs`
 * (default 5,000). The smoke run takes one opening without idling: it proves the step, not the figure.
 */
export type Settle = { url: string; database: string; rounds?: number; idleMs?: number };

/**
 * Opens a closed profile on `url` with its service worker kept out (so that no app starts and writes),
 * opens `database`, waits a few seconds and answers the storage used: what the data takes once the
 * browser's LevelDB has compacted it (right after a sync, logs and uncompacted files count too).
 */
async function settledStorage(dir: string, settle: Settle): Promise<number> {
  // LevelDB compacts in the background, across sessions: the least of a few is what the data takes.
  let least = Number.POSITIVE_INFINITY;
  for (let round = 0; round < (settle.rounds ?? 4); round++) {
    const usage = await storageAfterIdle(dir, settle.url, settle.database, settle.idleMs ?? 5_000);
    if (usage > least * 0.98) return Math.min(least, usage);
    least = Math.min(least, usage);
  }
  return least;
}

async function storageAfterIdle(dir: string, url: string, database: string, idleMs: number): Promise<number> {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    serviceWorkers: 'block',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  const usage = await page.evaluate(
    async ([name, idle]) => {
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => ok(open.result);
        open.onerror = () => fail(open.error);
      });
      await new Promise((resolve) => setTimeout(resolve, idle));
      db.close();
      return (await navigator.storage.estimate()).usage ?? 0;
    },
    [database, idleMs] as const,
  );
  await context.close();
  return usage;
}

export async function openDevice(
  options: { viewport?: { width: number; height: number }; dir?: string } = {},
): Promise<Device> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'nastavnik-bench-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    locale: 'ru-RU',
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  return {
    context,
    page,
    dir,
    pids: () => pidsWith(dir),
    async close({ settle, keep } = {}) {
      await context.close();
      const idbDiskBytes = dirBytes(join(dir, 'Default', 'IndexedDB'));
      const settledBytes = settle ? await settledStorage(dir, settle) : undefined;
      if (!keep) rmSync(dir, { recursive: true, force: true });
      return { idbDiskBytes, settledBytes };
    },
  };
}

export async function storageUsage(page: Page): Promise<number> {
  return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}
