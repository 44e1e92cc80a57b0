// Restoring a backup (the curator's export) into a school that holds nothing yet. The file is checked
// in full first: one broken record refuses the whole file, and nothing changes.
import * as v from 'valibot';
import { assignmentLinkOf, copyKeys, readKeys } from '../domain/access';
import { latestOf, stampNode, stampTime } from '../domain/hlc';
import { isPlainObject, isStorableText, NOT_TEXT_ANYWHERE } from '../domain/json-bounds';
import { stripTombstone } from '../domain/merge';
import { isDerivedShape } from '../domain/one-of-a-kind';
import { isOfType, type SyncedRecord } from '../domain/record';
import { ChangeSchema, CONTRACT_VERSION, describeIssue, LIMITS } from '../domain/sync-contract';
import { missingRequired, validateChange } from '../domain/validate';
import { SEEDED_IDS } from './enrol-service';
import { SERVER_STAMPED_FIELDS } from './erasure';
import { ownerLink, parentsOf, referenceIds } from './record-links';
import { SERVER_NODE } from './server-clock';
import type { Storage, StorageTx } from './storage/storage';

export const MAX_BACKUP_BYTES = 64 * 1024 * 1024;

// The envelope only: each record is checked on its own (backupProblem), so that the first broken one
// ends the check, and a file of up to 64 MB never holds the other requests up for long.
const BackupSchema = v.object(
  {
    schemaVersion: v.literal(CONTRACT_VERSION, `schemaVersion must be ${CONTRACT_VERSION}`),
    records: v.array(v.unknown(), 'records must be an array'),
  },
  'this is not a Nastavnik backup: expected { schemaVersion, records }',
);

/** Records checked between two turns of the event loop: other requests are answered in between. */
const RECORDS_PER_TURN = 500;

export type RestoreResult = { ok: true; restored: number } | { ok: false; status: 400 | 409; reason: string };

/** Values and keys a record's mending visits at most: a record of the largest legitimate size has some thousands. */
const MEND_VISITS = 50_000;

/**
 * `value` with every string and key that is not storable text (json-bounds.ts) mended: each U+0000 and
 * half of a character becomes U+FFFD, the replacement character. Walked without recursion and stopped
 * after MEND_VISITS values (what is left unmended, the checks then refuse), so a record of millions of
 * values costs no more than a real one.
 */
export function mendText(value: unknown): unknown {
  const mend = (s: string) => (isStorableText(s) ? s : s.replace(NOT_TEXT_ANYWHERE, '\uFFFD'));
  const root: Record<string, unknown> = { value };
  const stack: [Record<string, unknown>, string][] = [[root, 'value']];
  for (let visits = 0; stack.length > 0 && visits < MEND_VISITS; visits++) {
    const [holder, key] = stack.pop() as [Record<string, unknown>, string];
    const item = holder[key];
    if (typeof item === 'string') holder[key] = mend(item);
    else if (Array.isArray(item)) {
      // Counted as they are taken on, not only as they are visited: arrays nested in arrays would
      // otherwise take on millions before the bound is reached.
      if (stack.length + item.length > MEND_VISITS) return root.value;
      for (let i = 0; i < item.length; i++)
        stack.push([item as unknown as Record<string, unknown>, String(i)]);
    } else if (isPlainObject(item)) {
      const container = item;
      // Keys taken one by one up to the bound: Object.keys would make millions of them first.
      const keys: string[] = [];
      for (const k in container) if (keys.push(k) + stack.length > MEND_VISITS) return root.value;
      for (const k of keys) {
        let at = k;
        const fixed = mend(k);
        // (A mended key that another key already holds stays as it was, for the checks to refuse.)
        if (fixed !== k && !Object.hasOwn(container, fixed)) {
          container[fixed] = container[k];
          delete container[k];
          at = fixed;
        }
        stack.push([container, at]);
        if (stack.length > MEND_VISITS) return root.value;
      }
    }
  }
  return root.value;
}

/**
 * Checks every record as a sync checks a change (its shape, its type's schema, its required fields,
 * stamps at most 24 hours ahead of the server's clock: a stamp from the far future would win every later
 * edit for good), stopping at the first broken one: the records, or what is wrong with the file. Yields to
 * other requests every RECORDS_PER_TURN records.
 */
export async function checkedRecords(
  records: readonly unknown[],
  nowMs: number,
): Promise<{ records: SyncedRecord[] } | { problem: string }> {
  const seen = new Set<string>();
  const horizon = nowMs + LIMITS.maxClockSkewMs;
  const checked: SyncedRecord[] = [];
  for (const [i, item] of records.entries()) {
    if (i > 0 && i % RECORDS_PER_TURN === 0) await new Promise((next) => setImmediate(next));
    // Text stored before such characters were refused (U+0000, half of a character) is mended rather
    // than refused: a school's own backup stays restorable.
    const shape = v.safeParse(ChangeSchema, mendText(item), { abortEarly: true });
    if (!shape.success) return { problem: describeIssue(shape.issues, 'invalid record', `records.${i}`) };
    const record = shape.output as SyncedRecord;
    if (seen.has(record.id)) return { problem: `record ${i} (${record.id}) appears twice` };
    seen.add(record.id);
    const valid = validateChange(record);
    if (!valid.ok) return { problem: `record ${i} (${record.id}): ${valid.reason}` };
    const missing = missingRequired(record);
    if (missing) return { problem: `record ${i} (${record.id}): ${missing}` };
    const stamps = [...Object.values(record.stamps), ...(record.deleted ? [record.deleted] : [])];
    // What the server makes has an id derived from what it is for; anything else stamped as the server's
    // would pass a curator's records off as the server's own (as a sync refuses, sync-push.ts checkAlone)
    // — but for what a person's erasure writes into records of others (erasure.ts): their deletes, and a
    // meeting's attendance.
    const serverStamped = Object.entries(record.stamps).filter(
      ([name, s]) =>
        stampNode(s) === SERVER_NODE && !SERVER_STAMPED_FIELDS.includes(`${record.type}.${name}`),
    );
    if (!isDerivedShape(record.id) && serverStamped.length > 0)
      return {
        problem: `record ${i} (${record.id}): a stamp names the server's own device id, which only the server's own records carry`,
      };
    if (stamps.some((s) => stampTime(s) > horizon))
      return {
        problem: `record ${i} (${record.id}): a stamp is more than 24 hours ahead of the server clock`,
      };
    checked.push(record);
  }
  return { records: checked };
}

/**
 * Whether the school holds nothing but what the server made itself in every school (its first curator,
 * the built-in questionnaires), untouched: by id and by stamp both — a backup restored before may have
 * brought records stamped as the server's under other ids.
 */
async function isSchoolEmpty(tx: StorageTx, schoolId: string): Promise<boolean> {
  // A page at a time, stopping at the first record a device made: a large school is never read whole.
  for (let after = 0; ; ) {
    const rows = await tx.pullSince(schoolId, after, null, 200);
    const isServerMade = rows.every(
      ({ record }) =>
        SEEDED_IDS.has(record.id) &&
        [...Object.values(record.stamps), record.deleted].every(
          (s) => s === undefined || stampNode(s) === SERVER_NODE,
        ),
    );
    if (!isServerMade) return false;
    if (rows.length < 200) return true;
    after = (rows.at(-1) as { rev: number }).rev;
  }
}

const NOT_EMPTY = 'a backup can only be restored into a school that holds no data yet';

/**
 * Why a restore into the caller's school is refused before its file is even read (409), or null. Asked
 * first, so that a file of up to 64 MB is not read and checked in vain.
 */
export async function restoreRefusal(storage: Storage, schoolId: string): Promise<string | null> {
  return (await storage.read((tx) => isSchoolEmpty(tx, schoolId))) ? null : NOT_EMPTY;
}

/**
 * Null when the restoring curator keeps access afterwards: the backup must hold their own person record,
 * not deleted and not archived. Devices outlive a restore but records do not; without that record every
 * device of the school would be refused, no curator could sign in, and no bootstrap code would be printed.
 */
function lockoutProblem(records: readonly SyncedRecord[], curatorPersonId: string): string | null {
  const own = records.find((r) => r.id === curatorPersonId);
  const why =
    own === undefined || own.type !== 'person'
      ? 'does not hold your own participant record'
      : own.deleted !== undefined
        ? 'holds your own participant record as deleted'
        : own.fields.archived === true
          ? 'holds your own participant record as archived'
          : null;
  return why
    ? `this backup ${why} (${curatorPersonId}): after restoring it no curator could sign in. Restore it from the device of a curator it holds, or add your record to it`
    : null;
}

/** The person whose record `record` is (record-links.ts ownerLink), found in the backup. */
function ownerInBackup(record: SyncedRecord, byId: Map<string, SyncedRecord>): SyncedRecord | undefined {
  const link = ownerLink(record);
  if (link === undefined || 'personId' in link) return link && byId.get(link.personId);
  const owner = byId.get(link.via)?.fields[link.field];
  return typeof owner === 'string' ? byId.get(owner) : undefined;
}

/** The keys `record` is read under, its assignment (for a response) looked up in the backup. */
function keysInBackup(record: SyncedRecord, byId: Map<string, SyncedRecord>): string[] {
  const assignment = isOfType(record, 'formResponse')
    ? byId.get(record.fields.assignmentId ?? '')
    : undefined;
  return readKeys(
    record,
    assignment && isOfType(assignment, 'formAssignment') ? assignmentLinkOf(assignment) : undefined,
  );
}

/**
 * The keys a conflict copy is restored under, or null to leave it out. Its author's, under the keys of the
 * record it was typed into (domain/access.ts copyKeys), when it says it was kept for its author and that
 * record is in the backup, live; else curators' alone — a copy from a backup made before copies said whom
 * they were kept for included. Left out: a copy whose author is erased (deleted) in the backup, or of
 * text typed into an erased person's records (their person record, consents, IDP, forms and answers,
 * fit answers) — their texts went with them. (A deleted plan or assignment in a backup keeps no fields:
 * the owner of what hangs below it is then unknown, and its copies are kept for curators.)
 */
function copyKeysOnRestore(copy: SyncedRecord<'conflict'>, byId: Map<string, SyncedRecord>): string[] | null {
  if (copy.deleted !== undefined) return [];
  const { authorId = '', recordId = '', field = '', keptFor } = copy.fields;
  const author = byId.get(authorId);
  const original = byId.get(recordId);
  if (author?.type === 'person' && author.deleted !== undefined) return null;
  const owner = original && ownerInBackup(original, byId);
  if (owner?.type === 'person' && owner.deleted !== undefined) return null;
  if (keptFor !== 'author' || !original || original.deleted !== undefined) return [];
  return copyKeys(authorId, original, field.split('.')[0] as string, keysInBackup(original, byId));
}

/**
 * `record`, deleted if it is a live record of a person the backup holds erased (deleted): a backup
 * made by a server before erasure took everything along (server/erasure.ts) may hold their fit
 * answers, IDP or forms live beside their deleted person record.
 */
function erasedWithOwner(record: SyncedRecord, byId: Map<string, SyncedRecord>): SyncedRecord {
  if (record.deleted !== undefined || record.type === 'person') return record;
  const owner = ownerInBackup(record, byId);
  if (owner?.type !== 'person' || owner.deleted === undefined) return record;
  return { ...record, deleted: latestOf([...Object.values(record.stamps), owner.deleted]) };
}

/** `nowMs`: the server's clock. A deleted record is stored without its fields, as a sync stores it. */
export async function restoreBackup(
  storage: Storage,
  caller: { schoolId: string; personId: string },
  body: unknown,
  nowMs: number,
): Promise<RestoreResult> {
  const schoolId = caller.schoolId;
  const parsed = v.safeParse(BackupSchema, body, { abortEarly: true });
  if (!parsed.success)
    return { ok: false, status: 400, reason: describeIssue(parsed.issues, 'invalid backup') };
  const checked = await checkedRecords(parsed.output.records, nowMs);
  if ('problem' in checked) return { ok: false, status: 400, reason: checked.problem };
  const { records } = checked;
  const problem = lockoutProblem(records, caller.personId);
  if (problem) return { ok: false, status: 400, reason: problem };
  return storage.transaction(async (tx) => {
    await tx.lockSchool(schoolId);
    if (!(await isSchoolEmpty(tx, schoolId))) return { ok: false, status: 409, reason: NOT_EMPTY };
    await tx.wipeRecords(schoolId);
    const byId = new Map(records.map((r) => [r.id, r]));
    let restored = 0;
    for (const backedUp of records) {
      const keys = isOfType(backedUp, 'conflict')
        ? copyKeysOnRestore(backedUp, byId)
        : keysInBackup(backedUp, byId);
      if (keys === null) continue;
      const record = erasedWithOwner(backedUp, byId);
      const fieldRevs = Object.fromEntries(
        [...Object.keys(record.stamps), ...(record.deleted ? ['deleted'] : [])].map((k) => [k, 0]),
      );
      await tx.putRecord(
        schoolId,
        { record: stripTombstone(record), fieldRevs, parents: parentsOf(record) },
        keys,
        referenceIds(record),
      );
      restored += 1;
    }
    return { ok: true, restored };
  });
}
