// Opening the database, and what happens when another tab upgrades it or holds an old version open.
import type { NastavnikDb } from './database';

export type LifecycleHandlers = {
  /** Another tab (a newer app version) needs a newer schema: this tab has closed its connection. */
  onVersionChange(): void;
  /** This tab needs a newer schema but an older tab still holds the database open. */
  onBlocked(): void;
};

export async function openDatabase(db: NastavnikDb, handlers: LifecycleHandlers): Promise<void> {
  db.on('versionchange', () => {
    // Closing lets the other tab upgrade at once. Writes from here on fail until the handler has
    // reopened the database (see storage-guard.ts), and the screen takes no input meanwhile.
    db.close({ disableAutoOpen: true });
    handlers.onVersionChange();
    return false;
  });
  db.on('blocked', () => handlers.onBlocked());
  await db.open();
}

// What browsers throw when the connection under the page is gone: Dexie's DatabaseClosedError after a
// close, InvalidStateError when a transaction is asked of a closing connection, and iOS Safari's
// «UnknownError: Connection to Indexed Database server lost» after the app was in the background.
const CLOSED_ERROR_NAMES = new Set(['DatabaseClosedError', 'InvalidStateError', 'UnknownError']);

/** True when a database error means the connection is gone (reopening may cure it), not the data. */
export function isStorageClosedError(error: unknown): boolean {
  const e = error as { name?: string; inner?: { name?: string } } | null;
  return CLOSED_ERROR_NAMES.has(e?.name ?? '') || CLOSED_ERROR_NAMES.has(e?.inner?.name ?? '');
}

/** Asks the browser not to evict this origin's data under storage pressure. */
export async function requestPersistence(): Promise<boolean | null> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persist) return null;
  if (await storage.persisted()) return true;
  return storage.persist();
}

export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  const estimate = await globalThis.navigator?.storage?.estimate?.();
  return estimate ? { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0 } : null;
}
