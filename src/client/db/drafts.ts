// Drafts of forms, saved on every keystroke so that closing the tab, a locked phone or a crash loses
// nothing. A draft lives only on this device and never syncs. A save answers whether it landed (see
// storage-guard.ts for what the app does when it did not); while it is on its way, a copy of it waits in
// localStorage (draft-mirror.ts), for a reload or a closed tab that cuts it off.
import { changedKeys, jsonEqual } from '../../domain/canonical-json';
import { unsavedPrefix } from '../state/unsaved-key';
import type { Draft, DraftBase, NastavnikDb } from './database';
import {
  browserStorage,
  dropAllCopies,
  dropCopiesStartingWith,
  dropCopy,
  keepCopy,
  leftCopies,
  type MirrorStorage,
} from './draft-mirror';
import { getCursor } from './meta';
import { type WriteFailure, writeFailure } from './write-failure';

export type DraftResult = { ok: true } | WriteFailure;

/**
 * A form's draft ended by the write that stores its input, in that write's own transaction (run by the
 * repository: see `WriteOptions.endsDraft`). Dropped after the write, in a transaction of its own, the
 * draft outlived a reload between the two, and the form showed again what was already stored (a
 * participant offered to be added twice).
 */
export type DraftEnd = {
  key: string;
  /** What the write stores: the draft goes if it holds this still. */
  value: Record<string, unknown>;
  /** Where the draft's saves wait until IndexedDB has them (createDrafts' `copies`). */
  copies: MirrorStorage | null;
};

/** The open form a draft's save comes from (`writer`: one id per form on screen) and its base. */
export type DraftContext = { base: DraftBase | null; writer: string };

/**
 * The drafts of `db`. `copies`: where a save's copy waits until IndexedDB has it (localStorage; null for
 * none).
 */
export function createDrafts(
  db: NastavnikDb,
  now: () => number = Date.now,
  copies: MirrorStorage | null = browserStorage(),
) {
  let saves = 0;
  const write = (key: string, value: Record<string, unknown>, context?: DraftContext) =>
    db.transaction('rw', db.drafts, async () => {
      const base = context?.base ?? null;
      const row: Draft = { key, value, updatedAt: new Date(now()).toISOString() };
      if (context && base) {
        row.base = base;
        const mine = changedKeys(value, base.value);
        row.changedBy = Object.fromEntries(mine.map((k) => [k, context.writer]));
        const existing = await db.drafts.get(key);
        if (existing?.base && jsonEqual(existing.base.value, base.value)) {
          const merged = { ...value };
          for (const [k, writer] of Object.entries(existing.changedBy ?? {})) {
            if (writer === context.writer || mine.includes(k)) continue;
            merged[k] = existing.value[k];
            row.changedBy[k] = writer;
          }
          row.value = merged;
        }
      }
      await db.drafts.put(row);
    });
  return {
    /**
     * Saves a form's draft. With a context, the fields another open form of the same record changed
     * from the same base stay as that form left them (two tabs on one meeting: each keeps its own).
     */
    save: (key: string, value: Record<string, unknown>, context?: DraftContext): Promise<DraftResult> => {
      saves += 1;
      const token = `${now()}.${saves}.${Math.random().toString(36).slice(2)}`;
      keepCopy(copies, { key, value, context: context ?? null, token });
      return write(key, value, context).then(() => {
        dropCopy(copies, key, { token });
        return { ok: true } as const;
      }, writeFailure);
    },
    /**
     * Puts into IndexedDB the saves a reload, a navigation or a closed tab cut off (their copies in
     * localStorage), as they would have been written. Run when the app starts, before any screen reads a
     * draft. A copy IndexedDB refuses (a full disk) stays for the next start.
     */
    recoverCutOff: async (): Promise<void> => {
      for (const copy of leftCopies(copies)) {
        await write(copy.key, copy.value, copy.context ?? undefined).then(
          () => dropCopy(copies, copy.key, { token: copy.token }),
          () => undefined,
        );
      }
    },
    /**
     * The end of draft `key` holding `value`, for the write that stores `value` to run in its transaction
     * (which must include `db.drafts`): the draft goes if it holds `value` still. A draft changed since —
     * typed into while the write was on its way — stays: the form keeps it (state/draft.ts `saved`).
     */
    ending: (key: string, value: Record<string, unknown>): DraftEnd => ({ key, value, copies }),
    /** A form that restored the draft shows every change in it: from now on they are its own. */
    adopt: (key: string, writer: string) =>
      db.transaction('rw', db.drafts, async () => {
        const existing = await db.drafts.get(key);
        if (!existing?.changedBy) return;
        const changedBy = Object.fromEntries(Object.keys(existing.changedBy).map((k) => [k, writer]));
        await db.drafts.put({ ...existing, changedBy });
      }),
    /** The sync cursor the device holds now: what a form opened now is based on. */
    cursor: () => getCursor(db),
    get: (key: string) => db.drafts.get(key),
    /**
     * Drops a draft; with `writer`, only what that form changed: another open form's changes stay, over
     * the base, until it drops them in turn.
     */
    drop: (key: string, writer?: string) =>
      db.transaction('rw', db.drafts, async () => {
        // Dropped after its last save landed (state/draft.ts): a copy still here is one IndexedDB refused.
        dropCopy(copies, key, { writer });
        const existing = await db.drafts.get(key);
        const others = Object.entries(existing?.changedBy ?? {}).filter(([, w]) => w !== writer);
        if (!writer || !existing?.base || others.length === 0) return db.drafts.delete(key);
        const value = { ...existing.base.value };
        for (const [k] of others) value[k] = existing.value[k];
        await db.drafts.put({ ...existing, value, changedBy: Object.fromEntries(others) });
      }),
  };
}

export type Drafts = ReturnType<typeof createDrafts>;

/**
 * Drops every copy of a draft's save that a reload cut off (draft-mirror.ts), which the next start would
 * put back: a device handed to another person keeps nothing of the one before (session-store.ts).
 */
export function dropEveryDraftCopy(copies: MirrorStorage | null = browserStorage()): void {
  dropAllCopies(copies);
}

/**
 * Drops what this device keeps of the texts a field could not save into `erased` records (a person
 * erased, and what was about them, came deleted from a pull): their drafts, and the copies of such drafts'
 * saves that a reload cut off, which the next start would otherwise put back (`recoverCutOff`). Nothing of
 * an erased pupil stays on the device. Runs in the caller's transaction, which must include `db.drafts`;
 * `copies` as in createDrafts.
 */
export async function dropDraftsOfErased(
  db: NastavnikDb,
  erased: readonly { type: string; id: string }[],
  copies: MirrorStorage | null = browserStorage(),
): Promise<void> {
  const prefixes = erased.map((r) => unsavedPrefix(r.type, r.id));
  dropCopiesStartingWith(copies, prefixes);
  for (const prefix of prefixes) await db.drafts.where('key').startsWith(prefix).delete();
}
