// The one shape of the contract: a Change carries changed fields, a SyncedRecord the merged whole.
import type { Hlc } from './hlc';

export type Fields = Record<string, unknown>;
export type Stamps = Record<string, Hlc>;

export type SyncedRecord = {
  id: string;
  type: string;
  fields: Fields;
  stamps: Stamps;
  deleted?: Hlc;
};

/** A change has exactly the shape of a record; it just holds fewer fields. */
export type Change = SyncedRecord;

export type RejectionCode = 'forbidden' | 'invalid' | 'clock' | 'sent' | 'consent';

export type Rejection = { id: string; reason: string; code: RejectionCode };

export function isDeleted(record: SyncedRecord | undefined): boolean {
  return record?.deleted !== undefined;
}

export function emptyRecord(id: string, type: string): SyncedRecord {
  return { id, type, fields: {}, stamps: {} };
}
