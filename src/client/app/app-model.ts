// Builds everything the screens need, once, and hands it down by context (no module singletons).

import { NastavnikDb } from '../db/database';
import { createDrafts, type Drafts } from '../db/drafts';
import { createHomeQueries } from '../db/home-queries';
import { openDatabase, requestPersistence } from '../db/lifecycle';
import { getMeta, watchMeta } from '../db/meta';
import type { createQueries, Queries } from '../db/queries';
import type { Repository } from '../db/repository';
import type { Searcher, SearchResults } from '../db/search';
import type { StorageGuard } from '../db/storage-guard';
import type { StorageState } from '../db/storage-state';
import { createDeviceModel } from '../models/device-model';
import { createPwaModel } from '../pwa/pwa-model';
import { clockMeasuredAt, clockOffset } from '../state/school-clock';
import { store } from '../state/store';
import { createBackground } from './background';

/** Opening the database; once open, what its writes meet is `storage` (see db/storage-guard.ts). */
export type DbState = 'opening' | 'open' | 'blocked' | 'failed';

/**
 * `load` (code loaded on demand, and what is built from it) at most once: its promise is kept while
 * pending or fulfilled and forgotten when it fails, so that the next call tries again (a phone that
 * was offline before the service worker stored the app is not stuck with the failure).
 */
function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}

export function createAppModel() {
  const db = new NastavnikDb();
  const pwa = createPwaModel();
  const queries = createHomeQueries(db);
  let allQueries: Queries | undefined;
  /**
   * Every query, for the screens past the first ones (app/use-queries.ts): their chunks bring the code,
   * the model the database it reads.
   */
  const queriesWith = (create: typeof createQueries) => (allQueries ??= create(db, queries));
  // Behind the first screen, the storage guard's code comes too, so that a tab that has not written yet
  // holds it before another tab asks for a newer schema.
  const background = createBackground(db, queries, () => {
    void guardModule().catch(() => undefined);
    return pwa.start();
  });
  const { scheduler, indexer } = background;
  const storage = store<StorageState>('open');
  // The storage guard (db/storage-guard.ts) is part of the write path: its code loads with the first
  // write, or when another tab needs a newer schema — not before the first screen. Every write goes
  // through it: a write the closed database refused is written again once it reopens, or the screen
  // stops taking input. Should its code fail to load, writes still run and report, unguarded.
  const guardModule = loadOnce(() => import('../db/storage-guard'));
  const loadGuard = loadOnce(() =>
    guardModule().then((m) => m.createStorageGuard(db, (state) => (storage.value = state))),
  );
  const guard: StorageGuard = {
    run: (key, write) =>
      loadGuard().then(
        (g) => g.run(key, write),
        () => write(),
      ),
    versionChanged: () => {
      // Input stops now, not once the guard's code is here: the connection is already closed.
      storage.value = 'upgrading';
      void loadGuard().then(
        (g) => g.versionChanged(),
        (error: unknown) => {
          // Without the guard nothing reopens the database: say so (the banner offers a reload).
          console.error('storage guard failed to load', error);
          storage.value = 'lost';
        },
      );
    },
    retry: () =>
      loadGuard().then(
        (g) => g.retry(),
        () => false,
      ),
    state: () => storage.value,
  };
  // The write path (schemas, ids, stamps) loads with the first write, not before the first screen.
  const loadWriter = loadOnce(() =>
    Promise.all([import('../db/repository'), guardModule().catch(() => null)]).then(([r, g]) => {
      const plain = r.createRepository(db, {
        onWrite: () => {
          scheduler.afterWrite();
          indexer.poke();
        },
      });
      // Without the guard's code, writes still run and report, unguarded.
      return g ? g.guardRepository(plain, guard) : plain;
    }),
  );
  // Writes under way: «Синхронизировать» first waits for them, so that what was typed just before the
  // tap (a field saves on every keystroke) goes with that sync rather than with the next one.
  const writing = new Set<Promise<unknown>>();
  const write = <K extends keyof Repository>(method: K) =>
    ((...args: unknown[]) => {
      const running = loadWriter().then(
        (r) => (r[method] as (...a: unknown[]) => Promise<unknown>)(...args),
        (error: unknown) => ({ ok: false, code: 'failed', reason: String(error) }),
      );
      writing.add(running);
      void running.finally(() => writing.delete(running)).catch(() => undefined);
      return running;
    }) as Repository[K];
  const repo: Repository = {
    create: write('create'),
    createMany: write('createMany'),
    update: write('update'),
    remove: write('remove'),
  };
  const syncNow = async () => {
    await Promise.allSettled([...writing]);
    return scheduler.syncNow();
  };
  // Drafts are autosaves of their forms: each save runs through the guard too (guardDrafts) once its
  // code is here. Until then a save is written at once, not after the guard's code loads: the first
  // keystrokes after opening a screen, followed at once by another screen or a closed tab, were lost
  // while that load kept their save from starting.
  const plainDrafts = createDrafts(db);
  let loadedGuardDrafts: Drafts | undefined;
  const guardedDrafts = loadOnce(() =>
    guardModule().then((m) => (loadedGuardDrafts = m.guardDrafts(plainDrafts, guard))),
  );
  const drafts: Drafts = {
    ...plainDrafts,
    save: (key, value, context) => {
      if (loadedGuardDrafts) return loadedGuardDrafts.save(key, value, context);
      void guardedDrafts().catch(() => undefined);
      return plainDrafts.save(key, value, context);
    },
  };
  const dbState = store<DbState>('opening');
  const isOnline = store(globalThis.navigator?.onLine !== false);
  const isPersisted = store<boolean | null>(null);
  let searcher: Promise<Searcher> | undefined;
  /** Offline search; its code loads with the first search. */
  const search = (query: string): Promise<SearchResults> => {
    searcher ??= import('../db/search').then((m) => m.createSearcher(db));
    return searcher.then((s) => s.search(query));
  };

  async function start(): Promise<void> {
    addEventListener('online', () => (isOnline.value = true));
    addEventListener('offline', () => (isOnline.value = false));
    try {
      await openDatabase(db, {
        onVersionChange: () => guard.versionChanged(),
        onBlocked: () => (dbState.value = 'blocked'),
      });
    } catch (error) {
      console.error('database failed to open', error);
      dbState.value = 'failed';
      return;
    }
    // Drafts whose save a reload or a closed tab cut off, before any screen reads a draft.
    await plainDrafts.recoverCutOff().catch(() => undefined);
    // The school's clock before the first screen: its forms' default dates come from it.
    clockOffset.value = (await getMeta<number>(db, 'serverOffset').catch(() => undefined)) ?? 0;
    clockMeasuredAt.value = (await getMeta<number>(db, 'serverTime').catch(() => undefined)) ?? null;
    watchMeta<number>(db, 'serverOffset', (offset) => (clockOffset.value = offset ?? 0));
    watchMeta<number>(db, 'serverTime', (at) => (clockMeasuredAt.value = at ?? null));
    dbState.value = 'open';
    void requestPersistence().then((granted) => (isPersisted.value = granted));
    background.start();
  }

  return {
    repo,
    /** The queries of the shell and the homes; other screens read every query through useQueries(). */
    queries,
    queriesWith,
    search,
    drafts,
    device: createDeviceModel(db, queries, guard),
    scheduler: { ...scheduler, syncNow },
    pwa,
    /** True once the first screen is shown: the shell's secondary parts load then (app/after-first-screen.tsx). */
    shellStarted: background.started,
    dbState,
    storage,
    guard,
    isOnline,
    isPersisted,
    start,
  };
}

export type AppModel = ReturnType<typeof createAppModel>;
