// Builds everything the screens need, once, and hands it down by context (no module singletons).
import { signal } from '@preact/signals';
import { NastavnikDb } from '../db/database';
import { createDrafts } from '../db/drafts';
import { openDatabase, requestPersistence } from '../db/lifecycle';
import { updateSyncStatus } from '../db/meta';
import { createQueries } from '../db/queries';
import { createRepository } from '../db/repository';
import { createSearcher } from '../db/search';
import { startSearchIndexer } from '../db/search-indexer';
import { createPwaModel } from '../pwa/pwa-model';
import { maybeRemind } from '../pwa/reminders';
import { createSyncScheduler } from '../sync/scheduler';
import { createSyncEngine } from '../sync/sync-engine';
import { httpTransport } from '../sync/transport';

export type DbState = 'opening' | 'open' | 'versionchange' | 'blocked' | 'failed';

export function createAppModel() {
  const db = new NastavnikDb();
  const indexer = startSearchIndexer(db);
  const engine = createSyncEngine({ db, transport: httpTransport(), afterSync: () => indexer.poke() });
  const scheduler = createSyncScheduler({
    engine,
    onStatus: (nextRetryAt) =>
      updateSyncStatus(db, { nextRetryAt: nextRetryAt ? new Date(nextRetryAt).toISOString() : null }),
  });
  const repo = createRepository(db, {
    onWrite: () => {
      scheduler.afterWrite();
      indexer.poke();
    },
  });
  const dbState = signal<DbState>('opening');
  const isOnline = signal(globalThis.navigator?.onLine !== false);
  const isPersisted = signal<boolean | null>(null);
  const pwa = createPwaModel();
  const queries = createQueries(db);

  async function start(): Promise<void> {
    addEventListener('online', () => (isOnline.value = true));
    addEventListener('offline', () => (isOnline.value = false));
    void pwa.start().catch((error: unknown) => console.error('service worker registration failed', error));
    try {
      await openDatabase(db, {
        onVersionChange: () => (dbState.value = 'versionchange'),
        onBlocked: () => (dbState.value = 'blocked'),
      });
    } catch (error) {
      console.error('database failed to open', error);
      dbState.value = 'failed';
      return;
    }
    dbState.value = 'open';
    void requestPersistence().then((granted) => (isPersisted.value = granted));
    scheduler.start();
    indexer.poke();
    const remind = () =>
      void maybeRemind(db, queries).catch((error: unknown) => console.error('reminder failed', error));
    remind();
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') remind();
    });
  }

  return {
    db,
    repo,
    queries,
    searcher: createSearcher(db),
    drafts: createDrafts(db),
    scheduler,
    pwa,
    dbState,
    isOnline,
    isPersisted,
    start,
  };
}

export type AppModel = ReturnType<typeof createAppModel>;
