// Drafts of forms, saved on every keystroke so that closing the tab, a locked phone or a crash loses
// nothing. A draft lives only on this device and never syncs.
import type { NastavnikDb } from './database';

export function createDrafts(db: NastavnikDb, now: () => number = Date.now) {
  return {
    save: (key: string, value: Record<string, unknown>) =>
      db.drafts.put({ key, value, updatedAt: new Date(now()).toISOString() }),
    get: (key: string) => db.drafts.get(key),
    drop: (key: string) => db.drafts.delete(key),
  };
}

export type Drafts = ReturnType<typeof createDrafts>;
