// Validation of one change against its type's schema, and of a merged record's required fields.
// Reasons are plain English sentences naming the field: they reach the person who typed it.
import * as v from 'valibot';
import type { Change, SyncedRecord } from './record';
import { isRecordType, RECORD_TYPES, type RecordType } from './record-types';

export type Invalid = { ok: false; reason: string };
export type Valid<T> = { ok: true; type: T };

export function validateChange(change: Change): Valid<RecordType> | Invalid {
  if (!isRecordType(change.type)) return { ok: false, reason: `unknown record type '${change.type}'` };
  const spec = RECORD_TYPES[change.type];
  const schemas: Record<string, v.GenericSchema> = spec.fields;
  for (const [name, value] of Object.entries(change.fields)) {
    const schema = schemas[name];
    if (!schema || !Object.hasOwn(schemas, name)) {
      return { ok: false, reason: `unknown field '${name}' for type '${change.type}'` };
    }
    const result = v.safeParse(schema, value);
    if (!result.success) {
      const message = result.issues[0]?.message ?? 'invalid value';
      return { ok: false, reason: `field '${name}' of ${change.type}: ${message}` };
    }
  }
  return { ok: true, type: change.type };
}

/** A record that exists (is not deleted) must hold every required field of its type. */
export function missingRequired(record: SyncedRecord): string | null {
  if (record.deleted !== undefined || !isRecordType(record.type)) return null;
  const missing = RECORD_TYPES[record.type].required.filter((name) => !Object.hasOwn(record.fields, name));
  return missing.length
    ? `missing required field${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`
    : null;
}

/** Reference fields are fixed at creation: who may read a record is derived from them. */
export function changedParent(existing: SyncedRecord | undefined, change: Change): string | null {
  if (!existing || !isRecordType(change.type)) return null;
  const parents: readonly string[] =
    'parents' in RECORD_TYPES[change.type]
      ? (RECORD_TYPES[change.type] as { parents: readonly string[] }).parents
      : [];
  for (const name of parents) {
    if (
      Object.hasOwn(change.fields, name) &&
      Object.hasOwn(existing.fields, name) &&
      existing.fields[name] !== change.fields[name]
    ) {
      return `field '${name}' cannot change once set`;
    }
  }
  return null;
}
