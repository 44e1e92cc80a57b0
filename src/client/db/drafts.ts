// Drafts of forms, saved on every keystroke so that closing the tab, a locked phone or a crash loses
// nothing. A draft lives only on this device and never syncs. A save answers whether it landed (see
// storage-guard.ts for what the app does when it did not).
import { changedKeys, jsonEqual } from '../../domain/canonical-json';
import type { Draft, DraftBase, NastavnikDb } from './database';
import { getCursor } from './meta';
import { type WriteFailure, writeFailure } from './write-failure';

export type DraftResult = { ok: true } | WriteFailure;

/** The open form a draft's save comes from (`writer`: one id per form on screen) and its base. */
export type DraftContext = { base: DraftBase | null; writer: string };

export function createDrafts(db: NastavnikDb, now: () => number = Date.now) {
  return {
    /**
     * Saves a form's draft. With a context, the fields another open form of the same record changed
     * from the same base stay as that form left them (two tabs on one meeting: each keeps its own).
     */
    save: (key: string, value: Record<string, unknown>, context?: DraftContext): Promise<DraftResult> =>
      db
        .transaction('rw', db.drafts, async () => {
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
        })
        .then(() => ({ ok: true }) as const, writeFailure),
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
