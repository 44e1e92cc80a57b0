// Field-by-field last-writer-wins merge. It is commutative, associative and idempotent (see
// merge.test.ts), which is what lets retries, duplicates and any order of arrival converge.
import { canonicalJson, jsonEqual } from './canonical-json';
import type { SyncedRecord } from './record';

/** Which of two stamped values wins; equal stamps with different values fall back to value order. */
function wins(stampA: string, valueA: unknown, stampB: string, valueB: unknown): boolean {
  if (stampA !== stampB) return stampA > stampB;
  return canonicalJson(valueA) >= canonicalJson(valueB);
}

export function mergeRecords(a: SyncedRecord, b: SyncedRecord): SyncedRecord {
  const fields: SyncedRecord['fields'] = {};
  const stamps: SyncedRecord['stamps'] = {};
  for (const name of new Set([...Object.keys(a.stamps), ...Object.keys(b.stamps)])) {
    const sa = a.stamps[name];
    const sb = b.stamps[name];
    const takeA = sb === undefined || (sa !== undefined && wins(sa, a.fields[name], sb, b.fields[name]));
    const from = takeA ? a : b;
    fields[name] = from.fields[name];
    stamps[name] = (takeA ? sa : sb) as string;
  }
  const merged: SyncedRecord = { id: a.id, type: a.type, fields, stamps };
  const deleted = maxStamp(a.deleted, b.deleted);
  if (deleted !== undefined) merged.deleted = deleted;
  return merged;
}

function maxStamp(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}

export function sameRecord(a: SyncedRecord, b: SyncedRecord): boolean {
  return a.deleted === b.deleted && jsonEqual(a.stamps, b.stamps) && jsonEqual(a.fields, b.fields);
}

/** The fields of `next` that differ from `prev`, as a change (what a device must send). */
export function diffRecords(prev: SyncedRecord, next: SyncedRecord): SyncedRecord | null {
  const change: SyncedRecord = { id: next.id, type: next.type, fields: {}, stamps: {} };
  let any = false;
  for (const [name, stamp] of Object.entries(next.stamps)) {
    if (prev.stamps[name] === stamp && jsonEqual(prev.fields[name], next.fields[name])) continue;
    change.fields[name] = next.fields[name];
    change.stamps[name] = stamp;
    any = true;
  }
  if (next.deleted !== undefined && next.deleted !== prev.deleted) {
    change.deleted = next.deleted;
    any = true;
  }
  return any ? change : null;
}

/**
 * A deleted record keeps only its id, type and delete stamp: what people wrote in it is erased on every
 * device and on the server. Merging stays convergent: any field that arrives later is stripped again.
 */
export function stripTombstone(record: SyncedRecord): SyncedRecord {
  if (record.deleted === undefined) return record;
  return { id: record.id, type: record.type, fields: {}, stamps: {}, deleted: record.deleted };
}
