// Builds everything the screens need, once, and hands it down by context (no module singletons).
import { signal } from '@preact/signals';
import { NastavnikDb } from '../db/database';
import { createDrafts } from '../db/drafts';
import { openDatabase, requestPersistence } from '../db/lifecycle';
import { updateSyncStatus } from '../db/meta';
import { createQueries } from '../db/queries';
import { createRepository } from '../db/repository';
import { createStorageGuard, guardDrafts, guardRepository, type StorageState } from '../db/storage-guard';
import { createPwaModel } from '../pwa/pwa-model';
import { maybeRemind } from '../pwa/reminders';
import { createSyncScheduler } from '../sync/scheduler';
import { createSyncEngine } from '../sync/sync-engine';
import { httpTransport } from '../sync/transport';

/** Opening the database; once open, what its writes meet is `storage` (see db/storage-guard.ts). */
export type DbState = 'opening' | 'open' | 'blocked' | 'failed';

export function createAppModel() {
  const db = new NastavnikDb();
  const engine = createSyncEngine({ db, transport: httpTransport() });
  const scheduler = createSyncScheduler({
    engine,
    onStatus: (nextRetryAt) =>
      updateSyncStatus(db, { nextRetryAt: nextRetryAt ? new Date(nextRetryAt).toISOString() : null }),
  });
  const storage = signal<StorageState>('open');
  const guard = createStorageGuard(db, (state) => (storage.value = state));
  const repo = guardRepository(createRepository(db, { onWrite: () => scheduler.afterWrite() }), guard);
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
    scheduler.start();
    // The mark tells tests and benchmarks that the check has run (whether it reminded or not).
    const remind = () =>
      void maybeRemind(db, queries)
        .catch((error: unknown) => console.error('reminder failed', error))
        .finally(() => performance.mark('reminders-checked'));
    remind();
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') remind();
    });
  }

  return {
    db,
    repo,
    queries,
    drafts: guardDrafts(createDrafts(db), guard),
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
