// A push: each change checked alone (its schema, its clock) before the write transaction, then applied
// in it against what is stored — who may write it, its parents, a deleted record, one of a kind.
import {
  assignmentLinkOf,
  checkSent,
  checkWrite,
  mayReceivePerson,
  mayWriteType,
  pairConsentProblem,
  readKeys,
  type WriteContext,
} from '../domain/access';
import { jsonEqual } from '../domain/canonical-json';
import { isDefaultStamp } from '../domain/defaults';
import { latestOf, stampNode, stampTime } from '../domain/hlc';
import { mergeRecords, sameRecord, stripTombstone } from '../domain/merge';
import { expectedIdOf, isDerivedShape, reservedIdProblem } from '../domain/one-of-a-kind';
import { type Change, emptyRecord, isOfType, type Rejection, type SyncedRecord } from '../domain/record';
import type { RecordType } from '../domain/record-types';
import { changedParent, missingRequired, validateChange } from '../domain/validate';
import { keepTexts, losingTexts, type SeenUpTo } from './conflict-copies';
import { eraseWithPair, eraseWithPerson, forgetAnswerInSummary, pruneAttendance } from './erasure';
import { parentsOf, referenceIds } from './record-links';
import { personFacts, toMembership, toPlanLink } from './scope';
import { derivedId } from './secrets';
import { SERVER_NODE } from './server-clock';
import { type StorageTx, type StoredRow, TransactionLostError } from './storage/storage';
import { type PushSession, type SyncDeps, withParents } from './sync-session';

/** The records a push will read: the changed ones and the parents their fields name. */
export function idsToRead(changes: readonly Change[]): string[] {
  const ids = new Set<string>();
  for (const change of changes) {
    ids.add(change.id);
    for (const id of referenceIds(change)) ids.add(id);
  }
  return [...ids];
}

const invalid = (change: Change, reason: string): Rejection => ({ id: change.id, code: 'invalid', reason });
const forbidden = (change: Change, reason: string): Rejection => ({
  id: change.id,
  code: 'forbidden',
  reason,
});

/** Said to a non-curator about a record outside their scope, whatever it is, exists or not. */
const NOT_YOURS = 'you may not write this record';

/** The checks that need no storage: the change against its type's schema, and its stamps' clock. */
export function checkAlone(change: Change, horizon: number): Rejection | null {
  const valid = validateChange(change);
  if (!valid.ok) return invalid(change, valid.reason);
  const stamps = [...Object.values(change.stamps), ...(change.deleted ? [change.deleted] : [])];
  // The server's own device id marks what the server wrote (its first curator, built-in forms, conflict
  // copies); a device that signs with it could pass its records off as the server's (a school of such
  // records counts as empty to a restore, which then wipes it).
  if (stamps.some((s) => stampNode(s) === SERVER_NODE))
    return invalid(
      change,
      `a stamp names the server's own device id (${SERVER_NODE}); a device signs with its own`,
    );
  if (stamps.some((s) => stampTime(s) > horizon)) {
    return {
      id: change.id,
      code: 'clock',
      reason:
        'a stamp is more than 24 hours ahead of the server clock: check the date and time of the device',
    };
  }
  return null;
}

/** Applies one change so that whatever it throws undoes only its own writes: it is rejected, the rest stands. */
export async function applyIsolated(
  session: PushSession,
  change: Change,
  seen: SeenUpTo,
  logError: SyncDeps['logError'],
): Promise<Rejection | null> {
  try {
    return await session.tx.atomically(() => applyChange(session, change, seen));
  } catch (error) {
    if (error instanceof TransactionLostError) throw error;
    logError?.(error);
    return invalid(change, 'the server could not apply this change; it is kept on the device');
  }
}

/**
 * A live parent of `type`, or why there is none. A curator is told exactly; anyone else hears the same
 * about a parent that does not exist, was deleted or is outside their scope, so that a rejection never
 * tells them what lies outside it.
 */
async function live<T extends RecordType>(
  session: PushSession,
  id: unknown,
  type: T,
): Promise<SyncedRecord<T> | { problem: string; code: 'invalid' | 'forbidden' }> {
  const row = typeof id === 'string' ? await session.parent(id) : undefined;
  const record = row?.record;
  if (record && isOfType(record, type) && record.deleted === undefined && (await session.mayRead(row)))
    return record;
  if (!session.caller.isCurator)
    return { problem: `no ${type} ${String(id)} that you may write in`, code: 'forbidden' };
  if (!row || row.record.type !== type)
    return { problem: `${type} ${String(id)} does not exist`, code: 'invalid' };
  return { problem: `${type} ${String(id)} was deleted`, code: 'invalid' };
}

type Problem = { problem: string; code: 'invalid' | 'forbidden' | 'consent' };
const isProblem = (x: unknown): x is Problem => typeof x === 'object' && x !== null && 'problem' in x;

/** Looks up the parents that decide who may write `record`. */
async function writeContext(session: PushSession, record: SyncedRecord): Promise<WriteContext | Problem> {
  const f = record.fields;
  switch (record.type) {
    case 'meeting':
    case 'plan':
    case 'fitAnswer': {
      const pair = await live(session, f.pairId, 'pair');
      if (isProblem(pair)) return pair;
      const members = toMembership(pair);
      if (isOfType(record, 'plan')) {
        const { menteeId = '' } = record.fields;
        if (!members.menteeIds.includes(menteeId))
          return { problem: `person ${menteeId} is not a mentee of pair ${pair.id}`, code: 'invalid' };
        // The IDP of a minor whose parents' consent is missing or withdrawn — or of someone whose record
        // was deleted (access.ts fails closed alike) — is the curator's alone.
        const mentee = session.caller.isCurator
          ? undefined
          : await personFacts(session.tx, session.caller.schoolId, menteeId);
        if (!session.caller.isCurator && (!mentee || !mayReceivePerson(mentee)))
          return {
            problem: `person ${menteeId} is a minor without a valid parental consent`,
            code: 'consent',
          };
        // A pair keeps an erased mentee's id until a curator's device takes it out: nothing new of theirs.
        const person = await live(session, menteeId, 'person');
        if (isProblem(person)) return person;
      }
      if (isOfType(record, 'fitAnswer')) {
        const { personId = '' } = record.fields;
        if (![members.mentorId, ...members.menteeIds].includes(personId))
          return { problem: `person ${personId} is not in pair ${pair.id}`, code: 'invalid' };
        const person = await live(session, personId, 'person');
        if (isProblem(person)) return person;
      }
      return { pair: members };
    }
    case 'task':
    case 'goal': {
      const plan = await live(session, f.planId, 'plan');
      if (isProblem(plan)) return plan;
      const pair = await live(session, plan.fields.pairId, 'pair');
      if (isProblem(pair)) return pair;
      return { plan: toPlanLink(plan), pair: toMembership(pair) };
    }
    case 'formResponse': {
      const assignment = await live(session, f.assignmentId, 'formAssignment');
      if (isProblem(assignment)) return assignment;
      return { assignment: assignmentLinkOf(assignment) };
    }
    case 'formAssignment': {
      for (const [field, type] of [
        ['templateId', 'formTemplate'],
        ['personId', 'person'],
        ['pairId', 'pair'],
      ] as const) {
        if (field === 'pairId' && f.pairId === null) continue;
        const parent = await live(session, f[field], type);
        if (isProblem(parent)) return parent;
      }
      return {};
    }
    case 'consent': {
      const person = await live(session, f.personId, 'person');
      return isProblem(person) ? person : {};
    }
    default:
      return {};
  }
}

export async function applyChange(
  session: PushSession,
  change: Change,
  seen: SeenUpTo,
): Promise<Rejection | null> {
  const { tx, caller } = session;
  const school = caller.schoolId;
  // Role first: a type this caller never writes is refused without looking anything up.
  if (!mayWriteType(caller, change.type)) {
    return checkWrite(caller, change, undefined, {}) ?? forbidden(change, NOT_YOURS);
  }
  const existing = await tx.getRecord(school, change.id);
  // A record outside the caller's scope is refused alike whatever it is and whatever state it is in:
  // its type stays unsaid, and so does a response's being sent (code `sent` told a mentor which mentees
  // had sent a form closed to them; the contract's `sent` is for those who may read the response).
  if (existing && !(await session.mayRead(existing))) return forbidden(change, NOT_YOURS);
  // A sent response is final for everyone but curators, whatever else they may write: code `sent`.
  // Re-sending the very values it holds is no change.
  if (existing?.record.type === change.type && existing.record.deleted === undefined) {
    const sent = checkSent(caller, change, existing.record, jsonEqual);
    if (sent === 'no-op') return null;
    if (sent !== 'ok') return sent;
  }
  if (existing && existing.record.type !== change.type)
    return invalid(change, `id ${change.id} belongs to a ${existing.record.type}`);
  if (existing?.record.deleted !== undefined) return applyToDeleted(session, existing, change, seen);
  const parentChange = changedParent(existing?.record, change);
  if (parentChange) return invalid(change, parentChange);
  const base = existing?.record ?? emptyRecord(change.id, change.type);
  const checked = await writeChecks(session, change, existing, base);
  if ('refused' in checked) return checked.refused;
  const { ctx, merged } = checked;
  // No one shuts themselves out: with their own person deleted (erased, their devices revoked) or
  // archived, a push was applied and then answered 401 (or 403), its change left in the outbox — and a
  // school's only curator had no way back but the administrator's `npm run curator-code`. Another curator
  // does it.
  if (
    isOfType(merged, 'person') &&
    merged.id === caller.personId &&
    (merged.deleted !== undefined || merged.fields.archived === true)
  )
    return forbidden(change, 'you may not erase or archive yourself: another curator does it');
  if (existing === undefined) {
    const twin = await twinOf(tx, school, merged);
    // Its id only to someone who may read it (no one but curators reads a deleted plan).
    if (twin)
      return invalid(
        change,
        (await session.mayRead(twin))
          ? `there is one ${change.type} of its kind: its id is ${twin.record.id}`
          : `there is one ${change.type} of its kind${twin.record.deleted === undefined ? '' : ', deleted: no other is taken under another id'}`,
      );
  }
  if (
    isOfType(merged, 'pair') &&
    merged.deleted === undefined &&
    ('mentorId' in change.fields || 'menteeIds' in change.fields)
  ) {
    const problem = await pairMembersProblem(tx, school, merged);
    if (problem) return { id: change.id, ...problem };
  }
  // Before the no-change exit: a change that loses every field may still carry text to keep.
  session.clock.observe(latestStamp(change));
  if (existing) await keepTexts(session, existing, losingTexts(existing, change, seen, caller.personId));
  // A deleted record is stored without its fields (erased); it keeps its parents and the keys it had.
  const stored = stripTombstone(merged);
  if (existing && sameRecord(stored, existing.record)) return null;
  const fieldRevs = { ...existing?.fieldRevs };
  const writers = { ...existing?.writers };
  for (const name of Object.keys(stored.stamps)) {
    // A default's stamp stays when its value changes (a tie between defaults goes by value): the value
    // decides too, or a device that holds the field would never be sent the new one.
    if (
      stored.stamps[name] === existing?.record.stamps[name] &&
      jsonEqual(stored.fields[name], existing?.record.fields[name])
    )
      continue;
    fieldRevs[name] = 0;
    // The value now stored came from this change (the merge took its stamp): its writer is the caller.
    if (stored.stamps[name] === change.stamps[name]) writers[name] = caller.personId;
  }
  if (stored.deleted !== existing?.record.deleted) fieldRevs.deleted = 0;
  if (stored.deleted !== undefined) for (const name of Object.keys(writers)) delete writers[name];
  const assignment = 'assignment' in ctx ? ctx.assignment : undefined;
  const refs = referenceIds(merged);
  const isNew = existing === undefined;
  const hasFields = Object.keys(merged.fields).length > 0;
  await tx.putRecord(
    school,
    { record: stored, fieldRevs, writers, parents: parentsOf(merged) ?? existing?.parents },
    // Keys follow from fields fixed at creation: written once, kept for good (a tombstone included).
    isNew && hasFields ? readKeys(merged, assignment) : null,
    hasFields && (isNew || !sameSet(refs, referenceIds(existing.record))) ? refs : null,
  );
  session.wrote(existing?.record, stored);
  if (isOfType(merged, 'formResponse')) session.statsDue(merged);
  if (existing?.record.type === 'formResponse' && existing.record.deleted === undefined && stored.deleted)
    await forgetAnswerInSummary(session, existing);
  const isNewlyDeleted = stored.deleted !== undefined && existing?.record.deleted === undefined;
  if (merged.type === 'person' && isNewlyDeleted) await eraseWithPerson(session, merged.id);
  if (merged.type === 'pair' && isNewlyDeleted) await eraseWithPair(session, merged.id);
  if (isOfType(merged, 'meeting') && stored.deleted === undefined && 'attendance' in change.fields) {
    // Who came: the pair's mentees of today, and those the list named before (a mentee who left since).
    const before = existing?.record.fields.attendance;
    const named = new Set([...(ctx.pair?.menteeIds ?? []), ...(Array.isArray(before) ? before : [])]);
    await pruneAttendance(session, stored, (id) => named.has(id));
  }
  return null;
}

/**
 * The checks of `change` written over `base` (the stored record, or an empty one when `existing` is
 * undefined): its required fields, its parents, the caller's right to write it, its stamps, and a new
 * record's id. Answers the refusal, or what the write goes on with: the merged record and its context.
 * A new record refused to someone who is not a curator is refused as one outside their scope: «only the
 * person a form is assigned to may answer it» for a response not yet begun, beside «you may not write
 * this record» for a draft, told a mentor which mentees had begun a closed form. Under an id derived
 * from other records (an IDP's, a response's: anyone in the pair can make it) so is a change that lacks
 * a new record's required fields: «missing required fields: assignmentId, submittedAt» told the same.
 * (A refusal after the caller may write such a record — its id, a twin — concerns their own scope.)
 */
async function writeChecks(
  session: PushSession,
  change: Change,
  existing: StoredRow | undefined,
  base: SyncedRecord,
): Promise<{ refused: Rejection } | { ctx: WriteContext; merged: SyncedRecord }> {
  const { caller } = session;
  const isNewToNonCurator = existing === undefined && !caller.isCurator;
  const asOutside = (r: Rejection) => ({
    refused:
      isNewToNonCurator && (r.code === 'forbidden' || (r.code !== 'clock' && isDerivedShape(change.id)))
        ? forbidden(change, NOT_YOURS)
        : r,
  });
  const merged = mergeRecords(base, change);
  const missing = missingRequired(merged);
  if (missing) return asOutside(invalid(change, missing));
  const ctx =
    merged.deleted !== undefined && Object.keys(merged.fields).length === 0
      ? {}
      : await writeContext(session, merged);
  if (isProblem(ctx)) return asOutside({ id: change.id, code: ctx.code, reason: ctx.problem });
  const denied = checkWrite(caller, change, existing?.record, ctx);
  if (denied) return asOutside(denied);
  // Only once the caller may write the record: before, the answer would tell a guess at a field they
  // may not read (a mentor's private notes) from the value stored under the stamp they see.
  const reused = existing && reusedStamp(existing.record, change);
  if (reused) return { refused: invalid(change, reused) };
  // Curators' records take any id: a school's roster made elsewhere may come with ids of version 8.
  // Anyone else's under an id derived from other records is refused as one outside their scope: the
  // id may be another person's response or IDP, whose absence an `invalid` would tell.
  const reserved = existing || caller.isCurator ? null : reservedIdProblem(merged, derivedId);
  if (reserved) return asOutside(invalid(change, reserved));
  return { ctx, merged };
}

/**
 * The record a new IDP or response would be the second of (one plan per mentee of a pair, one response
 * per assignment: domain/one-of-a-kind.ts), or undefined. Refused: a new one while a live one is there
 * under another id; and one under an id other than the derived one while any is there, deleted or not —
 * so that besides the derived record at most one other (a plan an older app made offline under an id of
 * its own) ever exists, and copies made deleted cannot pile up.
 */
async function twinOf(tx: StorageTx, school: string, record: SyncedRecord): Promise<StoredRow | undefined> {
  const f = record.fields;
  const ownId = expectedIdOf(record, derivedId);
  const siblings = (
    isOfType(record, 'plan') && typeof f.pairId === 'string'
      ? await tx.findByRef(school, 'plan', f.pairId)
      : isOfType(record, 'formResponse') && typeof f.assignmentId === 'string'
        ? await tx.findByRef(school, 'formResponse', f.assignmentId)
        : []
  ).filter((x) => x.id !== record.id);
  const rows: StoredRow[] = [];
  for (const sibling of siblings) {
    const row = await tx.getRecord(school, sibling.id);
    if (!row) continue;
    // A deleted plan is kept without its fields: whose it was follows from its kept parents. One deleted
    // before parents were kept (an older server; a restore) is of no one known: under the derived id of
    // this pair and mentee it is theirs; under another id it counts for any mentee of the pair.
    const menteeId = withParents(row).fields.menteeId;
    if (
      isOfType(record, 'plan') &&
      (menteeId === undefined
        ? isDerivedShape(row.record.id) && row.record.id !== ownId
        : menteeId !== f.menteeId)
    )
      continue;
    rows.push(row);
  }
  return rows.find((x) => x.record.deleted === undefined) ?? (ownId === record.id ? undefined : rows[0]);
}

/**
 * A stamp names one write: the same stamp with another value is a stamp taken from someone else's write
 * (stamps travel in every pull). Merged, the tie would be settled by the values and the stored value
 * change without its revision moving, so that no device would ever be sent it. Null when none is reused.
 */
function reusedStamp(stored: SyncedRecord, change: Change): string | null {
  // A default's stamp is the same each time a device writes it (defaults.ts), its value may not be:
  // defaults merge by value like a replay, and a value someone typed wins over either.
  for (const [name, stamp] of Object.entries(change.stamps))
    if (
      stamp === stored.stamps[name] &&
      !isDefaultStamp(stamp) &&
      !jsonEqual(change.fields[name], stored.fields[name])
    )
      return `${name}: its stamp is the stored value's own, with another value; a stamp names one write`;
  return null;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function latestStamp(change: Change): string {
  return latestOf([...Object.values(change.stamps), change.deleted ?? '']);
}

/** Whether the caller is the person the response's form was given to (by its kept `assignmentId`). */
async function isRespondent(session: PushSession, response: StoredRow): Promise<boolean> {
  const assignmentId = withParents(response).fields.assignmentId;
  if (typeof assignmentId !== 'string') return false;
  const assignment = await session.parent(assignmentId);
  return assignment !== undefined && withParents(assignment).fields.personId === session.caller.personId;
}

/**
 * A deleted record is erased and stays deleted: no write brings it back. A write into it is absorbed —
 * a later delete stamp merges like a field, text typed meanwhile is kept as a conflict copy for its
 * author — but only from someone who could have written the record (judged by its kept parents);
 * anyone else is refused `forbidden`.
 */
async function applyToDeleted(
  session: PushSession,
  existing: StoredRow,
  change: Change,
  seen: SeenUpTo,
): Promise<Rejection | null> {
  const { tx, caller } = session;
  if (!caller.isCurator) {
    // Types without parents (person, pair, …) are curators' own: checkWrite refuses them below. A row
    // deleted before parents were kept has none: its parent lookup fails and it is refused too.
    const record = withParents(existing);
    const ctx = await writeContext(session, record);
    if (isProblem(ctx)) return forbidden(change, NOT_YOURS);
    const denied = checkWrite(caller, change, record, ctx);
    if (denied) return denied;
  }
  // Answers into a response a curator deleted would be absorbed and lost, and no other response to the
  // form may be made (one of a kind): refused to its respondent — a curator answering a form given to
  // them included — so that they stay on the device with the reason. A change that deletes it too (an
  // edit and a delete merged in an outbox) loses nothing, and another curator's edit is absorbed.
  if (
    existing.record.type === 'formResponse' &&
    change.deleted === undefined &&
    (await isRespondent(session, existing))
  )
    return invalid(change, 'this response was deleted by a curator: ask them to give you the form again');
  session.clock.observe(latestStamp(change));
  await keepTexts(session, existing, losingTexts(existing, change, seen, caller.personId));
  const deleted = existing.record.deleted as string;
  if (change.deleted !== undefined && change.deleted > deleted) {
    await tx.putRecord(
      caller.schoolId,
      {
        ...existing,
        record: { ...existing.record, deleted: change.deleted },
        fieldRevs: { ...existing.fieldRevs, deleted: 0 },
      },
      null,
      null,
    );
  }
  return null;
}

async function pairMembersProblem(
  tx: StorageTx,
  schoolId: string,
  pair: SyncedRecord<'pair'>,
): Promise<Omit<Rejection, 'id'> | null> {
  const people = new Map();
  // Both are required: a live pair holds them (missingRequired).
  const { mentorId = '', menteeIds = [] } = pair.fields;
  for (const id of [mentorId, ...menteeIds]) {
    const facts = await personFacts(tx, schoolId, id);
    if (!facts) return { code: 'invalid', reason: `person ${id} does not exist` };
    people.set(id, facts);
  }
  if (menteeIds.includes(mentorId)) {
    return { code: 'invalid', reason: 'a mentor cannot be their own mentee' };
  }
  const problem = pairConsentProblem(pair, people);
  return problem ? { code: 'consent', reason: problem } : null;
}
