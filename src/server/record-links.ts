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

/**
 * Whose a record is, for what an erasure takes along (sync-push.ts eraseCopiesOf): the person's id; or
 * the record above it whose `field` names them (a goal's or task's plan, a response's assignment);
 * undefined for a record of no one person. Read from `record`'s fields fixed at creation, which a deleted
 * record keeps (give it those: sync-session.ts withParents).
 */
export function ownerLink(
  record: SyncedRecord,
): { personId: string } | { via: string; field: 'menteeId' | 'personId' } | undefined {
  const f = record.fields;
  const id = (x: unknown) => (typeof x === 'string' ? x : undefined);
  const person = (x: unknown) => (id(x) === undefined ? undefined : { personId: x as string });
  switch (record.type) {
    case 'person':
      return { personId: record.id };
    case 'consent':
    case 'formAssignment':
    case 'fitAnswer':
      return person(f.personId);
    case 'plan':
      return person(f.menteeId);
    case 'goal':
    case 'task':
      return id(f.planId) === undefined ? undefined : { via: f.planId as string, field: 'menteeId' };
    case 'formResponse':
      return id(f.assignmentId) === undefined
        ? undefined
        : { via: f.assignmentId as string, field: 'personId' };
    default:
      return undefined;
  }
}
