// Nothing typed is discarded silently: when two devices edit the same long text without having seen
// each other's version, the text that loses the merge is kept as a `conflict` record for its author —
// the person whose authenticated write it was (never a device id read from a stamp, which anyone can
// forge), and only if that person may read the record and the field (`canRead`, `mayReadField`).
import { canRead, grantsFor, mayReadField, readKeys, type Viewer } from '../domain/access';
import { jsonEqual } from '../domain/canonical-json';
import { stampNode } from '../domain/hlc';
import type { Change, SyncedRecord } from '../domain/record';
import { RECORD_TYPES, type RecordType } from '../domain/record-types';
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

/**
 * A stored text the device had not seen when it typed (see SeenUpTo) and the device's text were
 * concurrent edits: the one that loses the merge is kept for its author.
 */
export async function keepLosingTexts(
  session: PushSession,
  existing: StoredRow | undefined,
  change: Change,
  seen: SeenUpTo,
): Promise<void> {
  if (!existing) return;
  const spec = RECORD_TYPES[change.type as RecordType];
  const longText: readonly string[] = 'longText' in spec ? spec.longText : [];
  const me = session.caller.personId;
  for (const field of longText) {
    if (!Object.hasOwn(change.fields, field)) continue;
    // Text typed into a record someone else deleted meanwhile: the delete wins, the text is kept.
    if (existing.record.deleted !== undefined && change.deleted === undefined) {
      const text = change.fields[field];
      if (typeof text === 'string' && text.trim() !== '') {
        await saveCopy(session, existing, field, text, change.stamps[field] as string, me);
      }
      continue;
    }
    const oldStamp = existing.record.stamps[field];
    const newStamp = change.stamps[field] as string;
    const oldText = existing.record.fields[field];
    const newText = change.fields[field];
    if (oldStamp === undefined || oldStamp === newStamp || jsonEqual(oldText, newText)) continue;
    const oldWriter = existing.writers?.[field];
    // One device editing its own text in sequence; a stamp's device id alone proves nothing.
    if (stampNode(oldStamp) === stampNode(newStamp) && oldWriter === me) continue;
    const wasSeen = seen.perField
      ? (existing.fieldRevs[field] ?? existing.rev) <= seen.rev
      : existing.rev <= seen.rev;
    if (wasSeen) continue;
    const isIncomingLoser = newStamp < oldStamp;
    const loser = isIncomingLoser ? { text: newText, stamp: newStamp } : { text: oldText, stamp: oldStamp };
    if (typeof loser.text !== 'string' || loser.text.trim() === '') continue;
    // The stored text's author is whoever wrote it (recorded with it); a value the server wrote, or one
    // stored before writers were recorded, has no author to give a copy to.
    const authorId = isIncomingLoser ? me : oldWriter;
    if (!authorId) continue;
    await saveCopy(session, existing, field, loser.text, loser.stamp, authorId);
  }
}

/**
 * Who receives a copy of the author's losing text, under which keys, or null for no copy. Whether the
 * author may read `field` of the record is the one read rule (the record under its keys — a mentor taken
 * off the pair reads it no more —, then the field), with the author's grants:
 * - as they are, or with the author's own consent there: the author (a minor whose consent lapsed holds
 *   no `author:` grant meanwhile, so it reaches them only with the pair again);
 * - only with every consent there: curators alone (a mentor whose only mentee's consent was withdrawn —
 *   nothing of that pair may reach the mentor meanwhile, and nothing typed is dropped);
 * - not even then (a mentee and private notes, a mentor taken off the pair): nobody.
 */
async function copyKeys(
  session: PushSession,
  row: StoredRow,
  record: SyncedRecord,
  field: string,
  authorId: string,
  copy: SyncedRecord,
): Promise<string[] | null> {
  const { tx, caller } = session;
  const ownKeys = readKeys(copy);
  if (authorId === caller.personId) {
    if ((await session.mayRead(row)) && mayReadField(caller, await session.grants(), record, field))
      return ownKeys;
  } else {
    const roles = await tx.personRoles(caller.schoolId, authorId);
    if (roles.includes('curator')) return ownKeys;
  }
  const viewer: Viewer = { personId: authorId, isCurator: false };
  const facts = await scopeFacts(tx, caller.schoolId, authorId);
  const keys = await session.keysOf(row);
  const readsWith = (consented: (personId: string) => boolean) => {
    const people = facts.people.map((p) => (consented(p.id) ? { ...p, hasConsent: true } : p));
    const grants = grantsFor(viewer, { ...facts, people });
    return canRead(viewer, grants, keys) && mayReadField(viewer, grants, record, field);
  };
  if (readsWith((id) => id === authorId)) return ownKeys;
  if (readsWith(() => true)) return [];
  return null;
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
  const stamp = clock.stamp();
  const fields = { recordId: record.id, recordType: record.type, field, text, authorId, lostStamp };
  const stamps = Object.fromEntries(Object.keys(fields).map((k) => [k, stamp]));
  const copy: SyncedRecord = { id, type: 'conflict', fields, stamps };
  // A copy never carries a field its recipient may not read (a mentee never gets private notes).
  const keys = await copyKeys(session, row, record, field, authorId, copy);
  if (keys === null) return;
  const fieldRevs = Object.fromEntries(Object.keys(fields).map((k) => [k, 0]));
  await tx.putRecord(schoolId, { record: copy, fieldRevs, parents: { authorId } }, keys, [
    authorId,
    record.id,
  ]);
}
