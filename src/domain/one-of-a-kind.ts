// Records there must be one of: an IDP per mentee of a pair, a response per form assignment. Their ids
// are derived from what they are about, on every device (client: idp-writes-model.ts, response-id.ts),
// so that two devices that make one offline make the same record and their writes merge. A second one
// under another id is refused by the server (sync-push.ts, twinOf): a second IDP or response that
// screens never show — and, sent by the hundred, unbounded work for every later push (a mentor's grants
// read every plan of their pairs; statistics read every response).
import { responseIdFor } from './questionnaires/response-id';
import type { Change } from './record';
import { PROGRAMME_ID } from './record-type-names';

/** SHA-256 of the parts joined by NUL, as a version 8 UUID (server: secrets.ts; client: derived-id.ts). */
export type DeriveId = (...parts: string[]) => string;

/**
 * The id a new record of `change`'s type must have, or null where any id will do (other types, or
 * fields that name nothing to derive from: the schema refuses those). Shape: a lower-case UUID.
 */
export function expectedIdOf(change: Pick<Change, 'type' | 'fields'>, derive: DeriveId): string | null {
  const f = change.fields;
  if (change.type === 'plan' && typeof f.pairId === 'string' && typeof f.menteeId === 'string')
    return derive('plan', f.pairId, f.menteeId);
  if (change.type === 'formResponse' && typeof f.assignmentId === 'string')
    return responseIdFor(f.assignmentId);
  return null;
}

/** A UUID of version 8: the shape of every id derived from others (derivedId, responseIdFor, PROGRAMME_ID). */
const DERIVED_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-8/i;

/** Whether `id` has the shape of an id derived from other records (anyone who reads those can make it). */
export const isDerivedShape = (id: string): boolean => DERIVED_SHAPE.test(id);

/**
 * Why a new record may not have its id, or null. Derived ids are kept for the records they are derived
 * for: a record of another kind under one would take the place of the IDP, the response, the programme
 * or the server's conflict copy that must have it, for good (a record never changes its type). So a new
 * record a mentor or a mentee makes under a version 8 UUID must be the very record that id is derived
 * for (curators, who may write anything in their school, give their records any id they like).
 */
export function reservedIdProblem(
  change: Pick<Change, 'id' | 'type' | 'fields'>,
  derive: DeriveId,
): string | null {
  if (!isDerivedShape(change.id)) return null;
  if (change.type === 'programme' && change.id === PROGRAMME_ID) return null;
  if (expectedIdOf(change, derive) === change.id) return null;
  return `id ${change.id} is of the kind derived from other records (a UUID of version 8): give this ${change.type} an id of its own`;
}
