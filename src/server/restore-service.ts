// Restoring a backup (the curator's export) into a school that holds nothing yet. The file is checked
// in full first: one broken record refuses the whole file, and nothing changes.
import * as v from 'valibot';
import { assignmentLinkOf, readKeys } from '../domain/access';
import { stampNode } from '../domain/hlc';
import { isOfType, type SyncedRecord } from '../domain/record';
import { ChangeSchema, CONTRACT_VERSION, describeIssue } from '../domain/sync-contract';
import { missingRequired, validateChange } from '../domain/validate';
import { parentsOf, referenceIds } from './record-links';
import { SERVER_NODE } from './server-clock';
import type { Storage } from './storage/storage';

export const MAX_BACKUP_BYTES = 64 * 1024 * 1024;

const BackupSchema = v.object(
  {
    schemaVersion: v.literal(CONTRACT_VERSION, `schemaVersion must be ${CONTRACT_VERSION}`),
    records: v.array(ChangeSchema, 'records must be an array'),
  },
  'this is not a Nastavnik backup: expected { schemaVersion, records }',
);

export type RestoreResult = { ok: true; restored: number } | { ok: false; status: 400 | 409; reason: string };

/** Checks every record; null when the whole file is sound. */
function backupProblem(records: SyncedRecord[]): string | null {
  const seen = new Set<string>();
  for (const [i, record] of records.entries()) {
    if (seen.has(record.id)) return `record ${i} (${record.id}) appears twice`;
    seen.add(record.id);
    const valid = validateChange(record);
    if (!valid.ok) return `record ${i} (${record.id}): ${valid.reason}`;
    const missing = missingRequired(record);
    if (missing) return `record ${i} (${record.id}): ${missing}`;
  }
  return null;
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

export async function restoreBackup(
  storage: Storage,
  caller: { schoolId: string; personId: string },
  body: unknown,
): Promise<RestoreResult> {
  const schoolId = caller.schoolId;
  const parsed = v.safeParse(BackupSchema, body);
  if (!parsed.success)
    return { ok: false, status: 400, reason: describeIssue(parsed.issues, 'invalid backup') };
  const records = parsed.output.records as SyncedRecord[];
  const problem = backupProblem(records) ?? lockoutProblem(records, caller.personId);
  if (problem) return { ok: false, status: 400, reason: problem };
  return storage.transaction(async (tx) => {
    await tx.lockSchool(schoolId);
    const present = await tx.exportAll(schoolId);
    const isEmpty = present.every(({ record }) =>
      [...Object.values(record.stamps), record.deleted].every(
        (s) => s === undefined || stampNode(s) === SERVER_NODE,
      ),
    );
    if (!isEmpty)
      return {
        ok: false,
        status: 409,
        reason: 'a backup can only be restored into a school that holds no data yet',
      };
    await tx.wipeRecords(schoolId);
    const byId = new Map(records.map((r) => [r.id, r]));
    for (const record of records) {
      const assignment = isOfType(record, 'formResponse')
        ? byId.get(record.fields.assignmentId ?? '')
        : undefined;
      const link =
        assignment && isOfType(assignment, 'formAssignment') ? assignmentLinkOf(assignment) : undefined;
      const fieldRevs = Object.fromEntries(
        [...Object.keys(record.stamps), ...(record.deleted ? ['deleted'] : [])].map((k) => [k, 0]),
      );
      await tx.putRecord(
        schoolId,
        { record, fieldRevs, parents: parentsOf(record) },
        readKeys(record, link),
        referenceIds(record),
      );
    }
    return { ok: true, restored: records.length };
  });
}
