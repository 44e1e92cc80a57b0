// The end of a form's draft in the write that stores its input (see DraftEnd in drafts.ts), for the
// repository's two ways of writing: through Dexie and beneath it (direct-write.ts). Apart from drafts.ts,
// which every screen loads first, as the repository is.
import { jsonEqual } from '../../domain/canonical-json';
import type { Draft, NastavnikDb } from './database';
import { dropCopy } from './draft-mirror';
import type { DraftEnd } from './drafts';

/**
 * Whether the draft row found in the write's transaction (`existing`, or undefined) is to be deleted with
 * the write: not when there is none, nor when it was changed since (typed into while the write was on
 * its way: it stays, and the form keeps it — state/draft.ts `saved`). Saves made before the write's
 * transaction have landed by then (requests of overlapping transactions run in the order the
 * transactions were made). Drops the localStorage copy of a save holding `value` — a copy of a later
 * save, typed meanwhile, stays for its save.
 */
export function isDraftRowToDelete(end: DraftEnd, existing: Draft | undefined): boolean {
  if (existing && !jsonEqual(existing.value, end.value)) return false;
  dropCopy(end.copies, end.key, { value: end.value });
  return existing !== undefined;
}

/** Ends a draft in the write's Dexie transaction, which includes `db.drafts` (see DraftEnd). */
export async function endDraft(db: NastavnikDb, end: DraftEnd): Promise<void> {
  if (isDraftRowToDelete(end, await db.drafts.get(end.key))) await db.drafts.delete(end.key);
}
