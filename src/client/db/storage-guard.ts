// Every write of the app (records with their outbox changes, drafts) runs through this guard, so that a
// write either lands or the user is told, and no input is taken that cannot be stored:
// - the connection under the page is gone (iOS Safari drops it after the app was in the background;
//   another tab closes it to upgrade the schema): the guard reopens the database and writes again —
//   an IndexedDB transaction that failed wrote nothing, so writing again is safe;
// - another tab opened a newer version of the app: the connection is closed at once so that it can
//   upgrade, the screen stops taking input, and once the upgrade is done the guard reopens the database,
//   saves what was being typed and only then says so;
// - the disk is full, or the database cannot be reopened: the screen stops taking input and says that the
//   last changes are NOT saved; «Повторить» writes the failed autosaves again.
import type { NastavnikDb } from './database';
import type { Drafts } from './drafts';
import type { Repository } from './repository';
import type { StorageState } from './storage-state';

/** The shape every guarded write answers with (WriteResult, DraftResult). */
type Outcome = { ok: true } | { ok: false; code: string; reason: string };

export type StorageGuard = {
  /**
   * Runs a write; when its connection is gone, reopens the database and runs it once more. `key` names an
   * autosave (a draft, some fields of a record): it is written again by `retry` when it failed, and a
   * failed autosave stops input until then. Writes without a key (a button's action) only report.
   */
  run<R extends Outcome>(key: string | null, write: () => Promise<R>): Promise<R>;
  /** Another tab needs a newer schema: this tab has closed its connection (see lifecycle.ts). */
  versionChanged(): void;
  /** Writes the failed autosaves again (after the user freed space); true when all of them landed. */
  retry(): Promise<boolean>;
  state(): StorageState;
};

export function createStorageGuard(
  db: NastavnikDb,
  onState: (state: StorageState) => void = () => undefined,
): StorageGuard {
  let state: StorageState = 'open';
  let reopening: Promise<boolean> | null = null;
  let isUpgrading = false;
  let wasUpgraded = false;
  let isLost = false;
  const inFlight = new Set<Promise<unknown>>();
  /** The failed autosaves, oldest first, the latest write of each key, with why they failed. */
  const failed = new Map<string, { write: () => Promise<Outcome>; code: string }>();

  /** The state follows from the facts: the worst one shows. */
  function settle(): void {
    const codes = [...failed.values()].map((f) => f.code);
    const next: StorageState = isLost
      ? 'lost'
      : codes.includes('quota')
        ? 'full'
        : codes.length > 0
          ? 'failed'
          : isUpgrading
            ? 'upgrading'
            : wasUpgraded
              ? 'upgraded'
              : reopening
                ? 'reopening'
                : 'open';
    if (next === state) return;
    state = next;
    onState(next);
  }

  /** One reopening at a time; writes that meet a lost connection meanwhile wait for it. */
  function reopen(): Promise<boolean> {
    reopening ??= (async () => {
      try {
        // A connection the browser dropped can still look open to Dexie: close it for real first.
        if (db.isOpen()) db.close({ disableAutoOpen: false });
        await db.open();
        isLost = false;
        return true;
      } catch (error) {
        console.error('the database could not be reopened', error);
        isLost = true;
        return false;
      }
    })().finally(() => {
      reopening = null;
    });
    settle();
    return reopening;
  }

  function note(key: string | null, write: () => Promise<Outcome>, result: Outcome): void {
    if (key === null) return;
    failed.delete(key);
    // An invalid value is the field's to show (see LiveTextField); the device itself is fine.
    if (!result.ok && result.code !== 'invalid') failed.set(key, { write, code: result.code });
  }

  async function attempt<R extends Outcome>(key: string | null, write: () => Promise<R>): Promise<R> {
    if (reopening) await reopening;
    let result = await write();
    if (!result.ok && result.code === 'closed' && (await reopen())) result = await write();
    note(key, write, result);
    settle();
    return result;
  }

  return {
    run(key, write) {
      const running = attempt(key, write);
      inFlight.add(running);
      void running.finally(() => inFlight.delete(running)).catch(() => undefined);
      return running;
    },
    versionChanged() {
      isUpgrading = true;
      settle();
      void (async () => {
        await reopen();
        // Writes that met the closed connection are written again now: wait for every one of them.
        while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
        isUpgrading = false;
        wasUpgraded = true;
        settle();
      })();
    },
    async retry() {
      if (isLost) isLost = !(await reopen());
      for (const [key, { write }] of [...failed]) {
        const result = await write();
        note(key, write, result);
        if (!result.ok) break;
      }
      settle();
      return failed.size === 0 && !isLost;
    },
    state: () => state,
  };
}

/**
 * The repository with every write run through the guard. Field writes are autosaves (keyed by record and
 * fields); creating, deleting and importing are actions whose callers show the result.
 */
export function guardRepository(repo: Repository, guard: StorageGuard): Repository {
  let updaterCount = 0;
  return {
    // The id is chosen once, so that the write run again after a reopen makes the same record. (Its
    // generator loads with the first write, as the write path does: app-model.ts.)
    create: async (type, fields, id, options) => {
      const chosen = id ?? (await import('uuidv7')).uuidv7();
      return guard.run(null, () => repo.create(type, fields, chosen, options));
    },
    createMany: (type, rows, updates) => guard.run(null, () => repo.createMany(type, rows, updates)),
    update: (type, id, fields, options) => {
      // A function of the stored record is its own autosave: each one is written again in order.
      const key =
        typeof fields === 'function'
          ? `${type}:${id}:updater:${++updaterCount}`
          : `${type}:${id}:${Object.keys(fields).sort().join(',')}`;
      return guard.run(key, () => repo.update(type, id, fields, options));
    },
    remove: (type, id) => guard.run(null, () => repo.remove(type, id)),
  };
}

/** Drafts with every save run through the guard: a draft is an autosave of its form. */
export function guardDrafts(drafts: Drafts, guard: StorageGuard): Drafts {
  return {
    ...drafts,
    save: (key, value, context) => guard.run(`draft:${key}`, () => drafts.save(key, value, context)),
  };
}
