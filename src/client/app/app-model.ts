// Builds everything the screens need, once, and hands it down by context (no module singletons).
import { signal } from '@preact/signals';
import { NastavnikDb } from '../db/database';
import { createDrafts } from '../db/drafts';
import { openDatabase, requestPersistence } from '../db/lifecycle';
import { createQueries } from '../db/queries';
import type { Repository } from '../db/repository';
import type { Searcher, SearchResults } from '../db/search';
import { createStorageGuard, guardDrafts, guardRepository, type StorageState } from '../db/storage-guard';
import { createDeviceModel } from '../models/device-model';
import { createPwaModel } from '../pwa/pwa-model';
import { createBackground } from './background';

/** Opening the database; once open, what its writes meet is `storage` (see db/storage-guard.ts). */
export type DbState = 'opening' | 'open' | 'blocked' | 'failed';

export function createAppModel() {
  const db = new NastavnikDb();
  const pwa = createPwaModel();
  const queries = createQueries(db);
  const background = createBackground(db, queries, () => pwa.start());
  const { scheduler, indexer } = background;
  // The write path (schemas, ids, stamps) loads with the first write, not before the first screen.
  let writer: Promise<Repository> | undefined;
  const write = <K extends keyof Repository>(method: K) =>
    ((...args: unknown[]) => {
      writer ??= import('../db/repository').then((m) =>
        m.createRepository(db, {
          onWrite: () => {
            scheduler.afterWrite();
            indexer.poke();
          },
        }),
      );
      return writer.then(
        (r) => (r[method] as (...a: unknown[]) => Promise<unknown>)(...args),
        (error: unknown) => ({ ok: false, code: 'failed', reason: String(error) }),
      );
    }) as Repository[K];
  const storage = signal<StorageState>('open');
  const guard = createStorageGuard(db, (state) => (storage.value = state));
  // Every write goes through the guard: a write the closed database refused is written again once it
  // reopens, or the screen stops taking input (see db/storage-guard.ts).
  const repo: Repository = guardRepository(
    {
      create: write('create'),
      createMany: write('createMany'),
      update: write('update'),
      remove: write('remove'),
    },
    guard,
  );
  const dbState = signal<DbState>('opening');
  const isOnline = signal(globalThis.navigator?.onLine !== false);
  const isPersisted = signal<boolean | null>(null);
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
    dbState.value = 'open';
    void requestPersistence().then((granted) => (isPersisted.value = granted));
    background.start();
  }

  return {
    repo,
    queries,
    search,
    drafts: guardDrafts(createDrafts(db), guard),
    device: createDeviceModel(db, queries, guard),
    scheduler,
    pwa,
    dbState,
    storage,
    guard,
    isOnline,
    isPersisted,
    start,
  };
}

export type AppModel = ReturnType<typeof createAppModel>;
