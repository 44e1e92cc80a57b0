// The one shape of the contract: a Change carries changed fields, a SyncedRecord the merged whole.
import type { Hlc } from './hlc';
// Type-only: the field types come from the schemas, which load only where records are validated.
import type { FieldsByType, RecordType } from './record-types';

export type Fields = Record<string, unknown>;
export type Stamps = Record<string, Hlc>;

type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;
/** True for one record type named; false for `string` or several types (code that handles any record). */
type IsOneType<T> = true extends IsUnion<T> ? false : [T] extends [RecordType] ? true : false;

/** A record of any type: its fields untyped. */
type AnyRecord = { id: string; type: string; fields: Fields; stamps: Stamps; deleted?: Hlc };

/**
 * A record of type `T`: its fields as the type's schema (record-types.ts) declares them, each optional —
 * a change holds only the fields it changed, and a record may come from an older or newer app.
 */
type TypedRecord<T extends RecordType> = {
  id: string;
  type: T;
  fields: Partial<FieldsByType[T]>;
  stamps: Stamps;
  deleted?: Hlc;
};

/**
 * A record. `SyncedRecord<'meeting'>` carries a meeting's fields, typed by its schema; without one type
 * named (or with several), the fields are untyped, for code that handles any record.
 */
export type SyncedRecord<T extends string = string> =
  IsOneType<T> extends true ? TypedRecord<T & RecordType> : AnyRecord;

/** A change has exactly the shape of a record; it just holds fewer fields. */
export type Change = SyncedRecord;

export type RejectionCode = 'forbidden' | 'invalid' | 'clock' | 'sent' | 'consent';

export type Rejection = { id: string; reason: string; code: RejectionCode };

/** Whether `record` is of type `type`: then its fields are that type's (as validated where it was written). */
export function isOfType<T extends RecordType>(record: SyncedRecord, type: T): record is SyncedRecord<T> {
  return record.type === type;
}

export function emptyRecord(id: string, type: string): SyncedRecord {
  return { id, type, fields: {}, stamps: {} };
}
