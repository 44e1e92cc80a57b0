// Nothing typed is discarded silently: when two devices edit the same long text without having seen
// each other's version, the text that loses the merge is kept as a `conflict` record for its author.

import { readKeys } from '../domain/access';
import { jsonEqual } from '../domain/canonical-json';
import { stampNode } from '../domain/hlc';
import type { Change, SyncedRecord } from '../domain/record';
import { RECORD_TYPES, type RecordType } from '../domain/record-types';
import { derivedId } from './secrets';
import type { ServerClock } from './server-clock';
import type { StorageTx, StoredRow } from './storage/storage';

type Author = { schoolId: string; personId: string };

/**
 * `seenRev` is the revision the device had pulled up to (its cursor): a stored text written at a later
 * revision was unknown to the device when it typed, so the two edits were concurrent.
 */
export async function keepLosingTexts(
  tx: StorageTx,
  clock: ServerClock,
  caller: Author,
  existing: StoredRow | undefined,
  change: Change,
  seenRev: number,
): Promise<void> {
  if (!existing) return;
  const spec = RECORD_TYPES[change.type as RecordType];
  const longText: readonly string[] = 'longText' in spec ? spec.longText : [];
  for (const field of longText) {
    if (!Object.hasOwn(change.fields, field)) continue;
    // Text typed into a record someone else deleted meanwhile: the delete wins, the text is kept.
    if (existing.record.deleted !== undefined && change.deleted === undefined) {
      const text = change.fields[field];
      if (typeof text === 'string' && text.trim() !== '') {
        await saveCopy(
          tx,
          clock,
          caller.schoolId,
          existing.record,
          field,
          text,
          change.stamps[field] as string,
          caller.personId,
        );
      }
      continue;
    }
    const oldStamp = existing.record.stamps[field];
    const newStamp = change.stamps[field] as string;
    const oldText = existing.record.fields[field];
    const newText = change.fields[field];
    if (oldStamp === undefined || oldStamp === newStamp || jsonEqual(oldText, newText)) continue;
    if (stampNode(oldStamp) === stampNode(newStamp)) continue;
    if ((existing.fieldRevs[field] ?? existing.rev) <= seenRev) continue;
    const isIncomingLoser = newStamp < oldStamp;
    const loser = isIncomingLoser ? { text: newText, stamp: newStamp } : { text: oldText, stamp: oldStamp };
    if (typeof loser.text !== 'string' || loser.text.trim() === '') continue;
    const authorId = isIncomingLoser
      ? caller.personId
      : await tx.personOfNode(caller.schoolId, stampNode(oldStamp));
    if (!authorId) continue;
    await saveCopy(tx, clock, caller.schoolId, existing.record, field, loser.text, loser.stamp, authorId);
  }
}

async function saveCopy(
  tx: StorageTx,
  clock: ServerClock,
  schoolId: string,
  record: SyncedRecord,
  field: string,
  text: string,
  lostStamp: string,
  authorId: string,
): Promise<void> {
  // Derived from what was lost, so a retried push finds the copy it already made.
  const id = derivedId('conflict', record.id, field, lostStamp);
  if (await tx.getRecord(schoolId, id)) return;
  const stamp = clock.stamp();
  const fields = { recordId: record.id, recordType: record.type, field, text, authorId, lostStamp };
  const stamps = Object.fromEntries(Object.keys(fields).map((k) => [k, stamp]));
  const copy: SyncedRecord = { id, type: 'conflict', fields, stamps };
  const fieldRevs = Object.fromEntries(Object.keys(fields).map((k) => [k, 0]));
  await tx.putRecord(schoolId, { record: copy, fieldRevs }, readKeys(copy), [authorId, record.id]);
}
