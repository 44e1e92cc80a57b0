// A record's whole compact form (domain/compact-record.ts) as JSON text, kept beside the record by every
// storage engine: a first pull of contract v2 — a school's whole history, to a curator who reads every
// field — sends it as it is, rather than reading each record back, compacting and writing it again
// (measured on a 54,000-record school: the server's work for the pages, five times less). Engines keep
// the revision the text was made at and use it only at that revision. Should the compact form change,
// a migration clears the texts kept.
import { compactRecord } from '../../domain/compact-record';
import type { SyncedRecord } from '../../domain/record';

/** The JSON text of `record`'s compact form, type included: what contract v2 sends of a whole record. */
export function wireText(record: SyncedRecord): string {
  return JSON.stringify(compactRecord(record));
}
