// Opening the database, and what happens when another tab upgrades it or holds an old version open.
import Dexie from 'dexie';
import type { NastavnikDb } from './database';

export type LifecycleHandlers = {
  /** Another tab (a newer app version) needs a newer schema: this tab closed its connection. */
  onVersionChange(): void;
  /** This tab needs a newer schema but an older tab still holds the database open. */
  onBlocked(): void;
};

export async function openDatabase(db: NastavnikDb, handlers: LifecycleHandlers): Promise<void> {
  db.on('versionchange', () => {
    // Closing lets the other tab upgrade at once; every keystroke here was already saved.
    db.close({ disableAutoOpen: true });
    handlers.onVersionChange();
    return false;
  });
  db.on('blocked', () => handlers.onBlocked());
  await db.open();
}

export function isDatabaseClosedError(error: unknown): boolean {
  return error instanceof Dexie.DatabaseClosedError;
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
