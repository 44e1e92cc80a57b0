// Small persistent state of the device, kept in the `meta` table so that every tab sees the same.
import { liveQuery } from 'dexie';
import type { AnyRole } from '../../domain/sync-contract';
import type { NastavnikDb } from './database';

export type Session = { token: string; personId: string; role: AnyRole; schoolId: string; deviceId: string };

export type SyncStatus = {
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  /** Why the last attempt failed, as an i18n key: null after a success. */
  /** `storage`: this device's database failed (the outbox is untouched); `archived`: the school ended this
   * person's participation; the rest come from the network. */
  error:
    | 'offline'
    | 'server'
    | 'storage'
    | 'upgrade-required'
    | 'unauthorized'
    | 'archived'
    | 'refused'
    | null;
  nextRetryAt: string | null;
  /**
   * The sync under way, for a progress bar: records sent and received, how many the server said were
   * waiting (`total`, null until it said), and whether the current records are all in (`isCurrentIn`:
   * a first pull sends them before the history, and the device is usable from then on).
   */
  progress: { sent: number; received: number; total?: number | null; isCurrentIn?: boolean } | null;
};

export const EMPTY_STATUS: SyncStatus = {
  lastSuccessAt: null,
  lastAttemptAt: null,
  error: null,
  nextRetryAt: null,
  progress: null,
};

/** Returns Dexie's own promise, so that a live query reading it keeps tracking what it reads next. */
export function getMeta<T>(db: NastavnikDb, key: string): Promise<T | undefined> {
  return db.meta.get(key).then((row) => row?.value as T | undefined);
}

/**
 * Calls `onValue` with the value under `key` now and after each change of it, in this tab or another;
 * the returned function stops it.
 */
export function watchMeta<T>(
  db: NastavnikDb,
  key: string,
  onValue: (value: T | undefined) => void,
): () => void {
  const subscription = liveQuery(() => getMeta<T>(db, key)).subscribe({ next: onValue });
  return () => subscription.unsubscribe();
}

export async function setMeta(db: NastavnikDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

/**
 * Where the device's session (its token) is kept. Each schema that changes the form of records at rest
 * moves it (database.ts), from any of the keys before (`OLD_SESSION_KEYS`): a tab still running a
 * version from before, which would write records in the old form, finds none and stops syncing.
 */
export const SESSION_KEY = 'enrolment:11';
export const OLD_SESSION_KEYS = ['session', 'enrolment'] as const;

export const getSession = (db: NastavnikDb) => getMeta<Session>(db, SESSION_KEY);
export const getCursor = (db: NastavnikDb) => getMeta<string>(db, 'cursor').then((c) => c ?? null);

/**
 * The next pull starts from nothing, so that everything this user may read comes again whole (after a
 * restore, a new enrolment, a record given up or dropped). Records on the device stay until replaced.
 */
export const startPullOver = (db: NastavnikDb) => setMeta(db, 'cursor', null);

/** The meta key under which the time a sent form reached the school is kept. */
export function deliveredKey(recordId: string): string {
  return `delivered:${recordId}`;
}
export const getSyncStatus = async (db: NastavnikDb) => ({
  ...EMPTY_STATUS,
  ...(await getMeta<SyncStatus>(db, 'syncStatus')),
});

export async function updateSyncStatus(db: NastavnikDb, patch: Partial<SyncStatus>): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await setMeta(db, 'syncStatus', { ...(await getSyncStatus(db)), ...patch });
  });
}

// Whether this page's sync engine is writing a pull: while it does, screens' costly live queries wait
// for the pull to end (at most a few seconds at a time) rather than re-run after every page (live.ts).
// One page (one JavaScript realm) has one such fact, like its visibility; tests see it idle.
let pulls = 0;
let quiet: { promise: Promise<void>; resolve: () => void } | null = null;

export const pullActivity = {
  begin(): void {
    pulls += 1;
  },
  end(): void {
    pulls = Math.max(0, pulls - 1);
    if (pulls === 0 && quiet) {
      quiet.resolve();
      quiet = null;
    }
  },
  isActive: (): boolean => pulls > 0,
  /** Resolves when no pull is being written. */
  whenQuiet(): Promise<void> {
    if (pulls === 0) return Promise.resolve();
    if (!quiet) {
      let resolve = () => {};
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      quiet = { promise, resolve };
    }
    return quiet.promise;
  },
};
