// Nothing typed is discarded silently: when two devices edit the same long text without having seen
// each other's version, the text that loses the merge is kept as a `conflict` record for its author —
// the person whose authenticated write it was (never a device id read from a stamp, which anyone can
// forge), and only if that person may read the record and the field (`canRead`, `mayReadField`).
import { canRead, copyKeys, grantsFor, mayReadField, type Viewer } from '../domain/access';
import { jsonEqual } from '../domain/canonical-json';
import { stampNode } from '../domain/hlc';
import type { Change, SyncedRecord } from '../domain/record';
import { droppedTexts, type TypedText, typedFields, typedTexts } from '../domain/typed-texts';
import { ownerLink } from './record-links';
import { scopeFacts } from './scope';
import { derivedId } from './secrets';
import type { StoredRow } from './storage/storage';
import { type PushSession, withParents } from './sync-session';

/**
 * What the device had pulled when it typed (its base). `perField` (contract v2's `held`): it holds every
 * field changed up to `rev`. Else (a v1 cursor): it holds the records whose revision is `rev` or before,
 * as they are — v1 sends by revision, so a record that changed after `rev` may have reached the device
 * at any earlier version, or (moved past a page it was on) not at all.
 */
export type SeenUpTo = { rev: number; perField: boolean };

/** A typed text a change would drop, and whose it is (the authenticated writer of it). */
export type LostText = { field: string; text: string; stamp: string; authorId: string };

/**
 * The typed text that applying `change` would drop (pure): a stored text and the device's were
 * concurrent edits (the device had not seen the stored one when it typed, see SeenUpTo) and one loses;
 * text typed into a record deleted meanwhile; and a stored text that a delete erases, when the device
 * that deletes had not seen it. Long texts and texts inside structures alike (domain/typed-texts.ts).
 * `me`: the caller. A value the server wrote, or one stored before writers were recorded, has no author
 * to give it to and is not listed.
 */
export function losingTexts(
  existing: StoredRow | undefined,
  change: Change,
  seen: SeenUpTo,
  me: string,
): LostText[] {
  if (!existing) return [];
  const type = change.type;
  const lost: LostText[] = [];
  const wasSeen = (field: string) =>
    seen.perField ? (existing.fieldRevs[field] ?? existing.rev) <= seen.rev : existing.rev <= seen.rev;
  // Whether the stored value was written by this very device (in sequence with this change): a stamp's
  // device id alone proves nothing, the writer recorded with the value must be the caller too.
  const isOwnDevice = (field: string, stamp: string) =>
    stampNode(existing.record.stamps[field] ?? '') === stampNode(stamp) && existing.writers?.[field] === me;
  const add = (texts: TypedText[], stamp: string, authorId: string | undefined) => {
    if (authorId) for (const t of texts) lost.push({ ...t, stamp, authorId });
  };
  for (const field of typedFields(type)) {
    // Text typed into a record someone else deleted meanwhile: the delete wins, the text is kept.
    if (existing.record.deleted !== undefined) {
      if (change.deleted === undefined && Object.hasOwn(change.fields, field))
        add(typedTexts(type, field, change.fields[field]), change.stamps[field] as string, me);
      continue;
    }
    const oldStamp = existing.record.stamps[field];
    // A delete erases what is stored: what its sender had not seen goes to whoever wrote it. (What the
    // change itself carries goes with the delete, by its author's own hand.)
    if (change.deleted !== undefined) {
      if (oldStamp === undefined || wasSeen(field) || isOwnDevice(field, change.deleted)) continue;
      add(typedTexts(type, field, existing.record.fields[field]), oldStamp, existing.writers?.[field]);
      continue;
    }
    if (!Object.hasOwn(change.fields, field)) continue;
    const newStamp = change.stamps[field] as string;
    const oldValue = existing.record.fields[field];
    const newValue = change.fields[field];
    if (oldStamp === undefined || oldStamp === newStamp || jsonEqual(oldValue, newValue)) continue;
    if (isOwnDevice(field, newStamp) || wasSeen(field)) continue;
    if (newStamp < oldStamp) add(droppedTexts(type, field, newValue, oldValue), newStamp, me);
    else add(droppedTexts(type, field, oldValue, newValue), oldStamp, existing.writers?.[field]);
  }
  return lost;
}

/**
 * Keeps each lost text as a conflict copy (see copyKeys for who receives it) — but not for an author
 * who was erased (their texts go with them), nor beyond the bound on the caller's own copies
 * (OWN_COPIES_PER_SYNC, sync-session.ts).
 */
export async function keepTexts(session: PushSession, existing: StoredRow, lost: LostText[]): Promise<void> {
  if (lost.length === 0) return;
  // Text typed into a record of a person erased meanwhile (their person record, consents, IDP, forms
  // and answers, fit answers) goes with them, as their erasure took the copies made before.
  const owner = await ownerOf(session, existing);
  if (owner !== undefined && (await isErased(session, owner))) return;
  for (const { field, text, stamp, authorId } of lost) {
    if (authorId === session.caller.personId ? !session.keepsOwnCopy() : await isErased(session, authorId))
      continue;
    await saveCopy(session, existing, field, text, stamp, authorId);
  }
}

/** The person whose record `row` is, for the records an erasure takes along (record-links.ts ownerLink). */
async function ownerOf(session: PushSession, row: StoredRow): Promise<string | undefined> {
  const link = ownerLink(withParents(row));
  if (link === undefined || 'personId' in link) return link?.personId;
  const above = await session.parent(link.via);
  const owner = above && withParents(above).fields[link.field];
  return typeof owner === 'string' ? owner : undefined;
}

async function isErased(session: PushSession, personId: string): Promise<boolean> {
  const person = await session.parent(personId);
  return person === undefined || person.record.type !== 'person' || person.record.deleted !== undefined;
}

/**
 * The keys a copy of the author's losing text is read under ([] for curators alone). A copy is read by
 * its author under the keys of the record it was typed into, as theirs (domain/access.ts copyKeys): it
 * follows their access — a mentor taken off the pair, or whose only mentee's consent is withdrawn, reads
 * it no more and their device drops it; a minor whose own consent lapsed gets it back with the consent.
 * When the author may not read that field of the record even with their own consent there (a mentor
 * taken off the pair already), it is kept for curators alone: nothing typed is dropped. Curators read
 * every copy whatever its keys.
 */
async function keysOfCopy(
  session: PushSession,
  row: StoredRow,
  record: SyncedRecord,
  copyField: string,
  authorId: string,
): Promise<string[]> {
  const { tx, caller } = session;
  const keys = await session.keysOf(row);
  // A text inside a structure (`answers.<question>`) is read as the field that holds it.
  const field = copyField.split('.')[0] as string;
  const asAuthor = copyKeys(authorId, record, field, keys);
  if (authorId === caller.personId) {
    if ((await session.mayRead(row)) && mayReadField(caller, await session.grants(), record, field))
      return asAuthor;
  } else if ((await tx.personRoles(caller.schoolId, authorId)).includes('curator')) return asAuthor;
  const viewer: Viewer = { personId: authorId, isCurator: false };
  const facts = await scopeFacts(tx, caller.schoolId, authorId);
  // The author's own consent counts as there: it is theirs, and reaches them once it is again.
  const people = facts.people.map((p) => (p.id === authorId ? { ...p, hasConsent: true } : p));
  const grants = grantsFor(viewer, { ...facts, people });
  return canRead(viewer, grants, keys) && mayReadField(viewer, grants, record, field) ? asAuthor : [];
}

async function saveCopy(
  session: PushSession,
  row: StoredRow,
  field: string,
  text: string,
  lostStamp: string,
  authorId: string,
): Promise<void> {
  const { tx, clock, caller } = session;
  const schoolId = caller.schoolId;
  const record = withParents(row);
  // Derived from what was lost, so a retried push finds the copy it already made.
  const id = derivedId('conflict', record.id, field, lostStamp);
  if (await tx.getRecord(schoolId, id)) return;
  const lost = { recordId: record.id, recordType: record.type, field, text, authorId, lostStamp };
  // A copy never carries a field its recipient may not read (a mentee never gets private notes).
  const keys = await keysOfCopy(session, row, record, field, authorId);
  // Said on the copy, so that a curator's device tells the copies kept for curators from the copies of
  // others, and a restore keeps them for curators.
  const fields = { ...lost, keptFor: keys.length === 0 ? 'curators' : 'author' };
  const stamp = clock.stamp();
  const stamps = Object.fromEntries(Object.keys(fields).map((k) => [k, stamp]));
  const copy: SyncedRecord = { id, type: 'conflict', fields, stamps };
  const fieldRevs = Object.fromEntries(Object.keys(fields).map((k) => [k, 0]));
  await tx.putRecord(schoolId, { record: copy, fieldRevs, parents: { authorId } }, keys, [
    authorId,
    record.id,
  ]);
}
