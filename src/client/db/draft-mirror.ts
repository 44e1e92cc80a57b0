// A draft's save in flight, copied to localStorage until IndexedDB has it. A save is an IndexedDB
// transaction of a few milliseconds; a reload, a navigation or a closed tab in that time aborted it, and
// the keystrokes it carried were lost (the end-to-end suite, run without its tracing slowing each step,
// lost a field filled just before a reload two runs of four). localStorage is written at once, in the
// keystroke's own event: what a cut-off save carried is put into IndexedDB when the app starts again.
import { jsonEqual } from '../../domain/canonical-json';
import type { DraftContext } from './drafts';

/** The part of the Web Storage API the copies need (localStorage in the app, a Map in tests). */
export type MirrorStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/** A save on its way: its draft's value and context, and a token telling it from later saves. */
export type MirroredSave = {
  key: string;
  value: Record<string, unknown>;
  context: DraftContext | null;
  token: string;
};

const PREFIX = 'nastavnik.draft-in-flight:';

/** The storage of this browser, or null where there is none or it refuses (private modes, tests). */
export function browserStorage(): MirrorStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * Keeps a copy of a save about to start. A full or missing localStorage only means no copy: the save
 * itself goes on and says whether it landed.
 */
export function keepCopy(storage: MirrorStorage | null, save: MirroredSave): void {
  try {
    storage?.setItem(PREFIX + save.key, JSON.stringify(save));
  } catch {
    // No room for the copy: the save to IndexedDB is the draft's one way, as before.
  }
}

/**
 * Drops the copy of `key`: the one of save `token` once it landed (not a later save's, this tab's or
 * another's), or the one `writer`'s form left (a form done with its draft), or the one holding `value`
 * (a draft stored for good), or whichever is there.
 */
export function dropCopy(
  storage: MirrorStorage | null,
  key: string,
  of: { token?: string; writer?: string; value?: Record<string, unknown> } = {},
): void {
  try {
    const raw = storage?.getItem(PREFIX + key);
    if (!raw) return;
    const copy = JSON.parse(raw) as MirroredSave;
    if (of.token !== undefined && copy.token !== of.token) return;
    if (of.writer !== undefined && copy.context?.writer !== of.writer) return;
    if (of.value !== undefined && !jsonEqual(copy.value, of.value)) return;
    storage?.removeItem(PREFIX + key);
  } catch {
    // A copy that cannot be read or removed is put into IndexedDB again at the next start: harmless.
  }
}

/** Every copy left, oldest key first: saves cut off before IndexedDB had them. */
export function leftCopies(storage: MirrorStorage | null): MirroredSave[] {
  if (!storage) return [];
  const copies: MirroredSave[] = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const name = storage.key(i);
      if (!name?.startsWith(PREFIX)) continue;
      try {
        copies.push(JSON.parse(storage.getItem(name) ?? '') as MirroredSave);
      } catch {
        storage.removeItem(name);
        i--;
      }
    }
  } catch {
    return copies;
  }
  return copies;
}

/**
 * Drops the copies of every draft whose key starts with one of `prefixes`: the texts a field could not
 * save into records erased since (drafts.ts dropDraftsOfErased), which the next start would otherwise put
 * back.
 */
export function dropCopiesStartingWith(storage: MirrorStorage | null, prefixes: readonly string[]): void {
  if (prefixes.length === 0) return;
  for (const copy of leftCopies(storage))
    if (prefixes.some((p) => copy.key.startsWith(p))) dropCopy(storage, copy.key);
}

/** Drops every copy: a device handed to another person keeps nothing of the one before. */
export function dropAllCopies(storage: MirrorStorage | null): void {
  dropCopiesStartingWith(storage, ['']);
}
