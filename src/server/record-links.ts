// How a stored record points at others: the ids storage indexes it by, and the fields fixed at creation
// that the server keeps when a delete erases the rest.
import type { SyncedRecord } from '../domain/record';
import { isRecordType, RECORD_TYPES } from '../domain/record-types';

const REFERENCE_FIELDS = [
  'personId',
  'pairId',
  'planId',
  'templateId',
  'assignmentId',
  'mentorId',
  'menteeId',
  'authorId',
  'recordId',
];

/** Ids a record points at, so that storage can find e.g. the pairs of a person. */
export function referenceIds(record: SyncedRecord): string[] {
  const ids = REFERENCE_FIELDS.map((f) => record.fields[f]).filter((x): x is string => typeof x === 'string');
  const mentees = record.fields.menteeIds;
  if (Array.isArray(mentees)) ids.push(...mentees.filter((x): x is string => typeof x === 'string'));
  return [...new Set(ids)];
}

/** The fields of a record fixed at creation (its type's `parents`), kept when a delete erases the rest. */
export function parentsOf(record: SyncedRecord): Record<string, unknown> | undefined {
  if (!isRecordType(record.type)) return undefined;
  const spec = RECORD_TYPES[record.type];
  const names: readonly string[] = 'parents' in spec ? spec.parents : [];
  const parents: Record<string, unknown> = {};
  for (const name of names) if (Object.hasOwn(record.fields, name)) parents[name] = record.fields[name];
  return Object.keys(parents).length ? parents : undefined;
}
