// Drafts of forms, saved on every keystroke so that closing the tab, a locked phone or a crash loses
// nothing. A draft lives only on this device and never syncs. A save answers whether it landed (see
// storage-guard.ts for what the app does when it did not).
import type { DraftBase, NastavnikDb } from './database';
import { getCursor } from './meta';
import { type WriteFailure, writeFailure } from './write-failure';

export type DraftResult = { ok: true } | WriteFailure;

export function createDrafts(db: NastavnikDb, now: () => number = Date.now) {
  return {
    save: (key: string, value: Record<string, unknown>, base?: DraftBase | null): Promise<DraftResult> =>
      db.drafts
        .put({ key, value, updatedAt: new Date(now()).toISOString(), ...(base ? { base } : {}) })
        .then(() => ({ ok: true }) as const, writeFailure),
    /** The sync cursor the device holds now: what a form opened now is based on. */
    cursor: () => getCursor(db),
    get: (key: string) => db.drafts.get(key),
    drop: (key: string) => db.drafts.delete(key),
  };
}

export type Drafts = ReturnType<typeof createDrafts>;
