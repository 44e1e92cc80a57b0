// One sync call: apply the pushed changes in one transaction, then pull a page by cursor.
import {
  type AssignmentLink,
  checkSent,
  checkWrite,
  grantsFor,
  pairConsentProblem,
  readKeys,
  redactFor,
  type Viewer,
  type WriteContext,
} from '../domain/access';
import { jsonEqual } from '../domain/canonical-json';
import { stampNode, stampTime } from '../domain/hlc';
import { mergeRecords, sameRecord, stripTombstone } from '../domain/merge';
import { type Change, emptyRecord, type Rejection, type SyncedRecord } from '../domain/record';
import { LIMITS, type SyncResponse } from '../domain/sync-contract';
import { changedParent, missingRequired, validateChange } from '../domain/validate';
import { keepLosingTexts } from './conflict-copies';
import { refreshFormStats } from './form-stats';
import { formatPullCursor, type PullCursor, type PulledPage, pullPage } from './pull-plan';
import {
  ALL_SCOPE,
  type Cursor,
  formatCursor,
  personFacts,
  scopeFacts,
  scopeHash,
  toMembership,
  toPlanLink,
} from './scope';
import type { ServerClock } from './server-clock';
import type { Storage, StorageTx, StoredRow } from './storage/storage';

export type Caller = Viewer & { schoolId: string; deviceId: string };

export type SyncDeps = { storage: Storage; clock: ServerClock; pageSize?: number };

/** How contract v2 pulls (pull-plan.ts): current records first; it may ask how many are waiting. */
export type PullOptions = { countPending: boolean; pageSize: number };

/** What a v2 answer needs beyond the v1 one, to send changed fields only (see sync-v2.ts). */
export type V2Pull = Omit<PulledPage<{ rev: number; fieldRevs?: Record<string, number> }>, 'cursor'>;

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

/** One sync call; with `v2`, the pull goes as contract v2 orders it and the answer carries `v2`. */
export async function runSync(
  deps: SyncDeps,
  caller: Caller,
  cursor: Cursor | PullCursor | null,
  changes: Change[],
  seenRev: number = cursor?.rev ?? 0,
  v2?: PullOptions,
): Promise<SyncResponse & { v2?: V2Pull }> {
  return deps.storage.transaction(async (tx) => {
    const rejected: Rejection[] = [];
    for (const change of changes) {
      const rejection = await applyChange(tx, deps.clock, caller, change, seenRev);
      if (rejection) rejected.push(rejection);
    }
    const now = deps.clock.now();
    const pageSize = v2?.pageSize ?? deps.pageSize ?? LIMITS.pageSize;
    const page = await pull(tx, caller, cursor, pageSize, v2 && { ...v2, nowMs: now });
    return { ...page, rejected, serverTime: new Date(now).toISOString() };
  });
}

const invalid = (change: Change, reason: string): Rejection => ({ id: change.id, code: 'invalid', reason });

async function live(
  tx: StorageTx,
  schoolId: string,
  id: unknown,
  type: string,
): Promise<SyncedRecord | string> {
  const row = typeof id === 'string' ? await tx.getRecord(schoolId, id) : undefined;
  if (!row || row.record.type !== type) return `${type} ${String(id)} does not exist`;
  if (row.record.deleted !== undefined) return `${type} ${String(id)} was deleted`;
  return row.record;
}

/** Looks up the parents that decide who may write `record`; a string names a missing parent. */
async function writeContext(
  tx: StorageTx,
  schoolId: string,
  record: SyncedRecord,
): Promise<WriteContext | string> {
  const f = record.fields;
  switch (record.type) {
    case 'meeting':
    case 'plan':
    case 'fitAnswer': {
      const pair = await live(tx, schoolId, f.pairId, 'pair');
      if (typeof pair === 'string') return pair;
      const members = toMembership(pair);
      if (record.type === 'plan' && !members.menteeIds.includes(String(f.menteeId))) {
        return `person ${String(f.menteeId)} is not a mentee of pair ${pair.id}`;
      }
      if (
        record.type === 'fitAnswer' &&
        ![members.mentorId, ...members.menteeIds].includes(String(f.personId))
      ) {
        return `person ${String(f.personId)} is not in pair ${pair.id}`;
      }
      return { pair: members };
    }
    case 'task':
    case 'goal': {
      const plan = await live(tx, schoolId, f.planId, 'plan');
      if (typeof plan === 'string') return plan;
      const pair = await live(tx, schoolId, plan.fields.pairId, 'pair');
      if (typeof pair === 'string') return pair;
      return { plan: toPlanLink(plan), pair: toMembership(pair) };
    }
    case 'formResponse': {
      const assignment = await live(tx, schoolId, f.assignmentId, 'formAssignment');
      if (typeof assignment === 'string') return assignment;
      return { assignment: toAssignmentLink(assignment) };
    }
    case 'formAssignment': {
      for (const [field, type] of [
        ['templateId', 'formTemplate'],
        ['personId', 'person'],
        ['pairId', 'pair'],
      ] as const) {
        if (field === 'pairId' && f.pairId === null) continue;
        const parent = await live(tx, schoolId, f[field], type);
        if (typeof parent === 'string') return parent;
      }
      return {};
    }
    case 'consent': {
      const person = await live(tx, schoolId, f.personId, 'person');
      return typeof person === 'string' ? person : {};
    }
    default:
      return {};
  }
}

function toAssignmentLink(a: SyncedRecord): AssignmentLink {
  const pairId = a.fields.pairId;
  return {
    personId: String(a.fields.personId),
    pairId: typeof pairId === 'string' ? pairId : null,
    templateId: String(a.fields.templateId),
  };
}

function stampsOf(change: Change): string[] {
  return [...Object.values(change.stamps), ...(change.deleted ? [change.deleted] : [])];
}

async function applyChange(
  tx: StorageTx,
  clock: ServerClock,
  caller: Caller,
  change: Change,
  seenRev: number,
): Promise<Rejection | null> {
  const school = caller.schoolId;
  const valid = validateChange(change);
  if (!valid.ok) return invalid(change, valid.reason);
  const horizon = clock.now() + LIMITS.maxClockSkewMs;
  if (stampsOf(change).some((s) => stampTime(s) > horizon)) {
    return {
      id: change.id,
      code: 'clock',
      reason:
        'a stamp is more than 24 hours ahead of the server clock: check the date and time of the device',
    };
  }
  const existing = await tx.getRecord(school, change.id);
  if (existing && existing.record.type !== change.type)
    return invalid(change, `id ${change.id} belongs to a ${existing.record.type}`);
  if (existing?.record.deleted !== undefined)
    return applyToDeleted(tx, clock, caller, existing, change, seenRev);
  const parentChange = changedParent(existing?.record, change);
  if (parentChange) return invalid(change, parentChange);
  const merged = mergeRecords(existing?.record ?? emptyRecord(change.id, change.type), change);
  const missing = missingRequired(merged);
  if (missing) return invalid(change, missing);

  const ctx =
    merged.deleted !== undefined && Object.keys(merged.fields).length === 0
      ? {}
      : await writeContext(tx, school, merged);
  if (typeof ctx === 'string') return invalid(change, ctx);
  // A sent response is final for everyone but curators, whatever else they may write: code `sent`.
  const sent = checkSent(caller, change, existing?.record, jsonEqual);
  if (sent === 'no-op') return null;
  if (sent !== 'ok') return sent;
  const denied = checkWrite(caller, change, existing?.record, ctx);
  if (denied) return denied;
  if (
    change.type === 'pair' &&
    merged.deleted === undefined &&
    ('mentorId' in change.fields || 'menteeIds' in change.fields)
  ) {
    const problem = await pairMembersProblem(tx, school, merged);
    if (problem) return { id: change.id, ...problem };
  }
  await acceptStamps(tx, clock, caller, change);
  // Before the no-change exit: a change that loses every field may still carry text to keep.
  await keepLosingTexts(tx, clock, caller, existing, change, seenRev);
  // A deleted record is stored without its fields (erased), but is still read under the keys of its
  // fields; once its fields are gone, it keeps the keys it had.
  const stored = stripTombstone(merged);
  if (existing && sameRecord(stored, existing.record)) return null;
  const fieldRevs = { ...existing?.fieldRevs };
  for (const name of Object.keys(stored.stamps))
    if (stored.stamps[name] !== existing?.record.stamps[name]) fieldRevs[name] = 0;
  if (stored.deleted !== existing?.record.deleted) fieldRevs.deleted = 0;
  const assignment = 'assignment' in ctx ? ctx.assignment : undefined;
  const hasFields = Object.keys(merged.fields).length > 0;
  await tx.putRecord(
    school,
    { record: stored, fieldRevs },
    hasFields ? readKeys(merged, assignment) : null,
    hasFields ? referenceIds(merged) : null,
  );
  if (merged.type === 'formResponse') await refreshFormStats(tx, clock, school, merged);
  return null;
}

/** An accepted change's stamps: the server clock follows them, and their devices are known by person. */
async function acceptStamps(
  tx: StorageTx,
  clock: ServerClock,
  caller: Caller,
  change: Change,
): Promise<void> {
  for (const stamp of stampsOf(change)) {
    await tx.noteNode(caller.schoolId, stampNode(stamp), caller.personId);
    clock.observe(stamp);
  }
}

/**
 * A deleted record is erased and stays deleted: no write brings it back, so none is refused either. A
 * later delete stamp merges like a field; text typed into the record meanwhile is kept as a conflict
 * copy for its author; anything else is absorbed.
 */
async function applyToDeleted(
  tx: StorageTx,
  clock: ServerClock,
  caller: Caller,
  existing: StoredRow,
  change: Change,
  seenRev: number,
): Promise<null> {
  await acceptStamps(tx, clock, caller, change);
  await keepLosingTexts(tx, clock, caller, existing, change, seenRev);
  const deleted = existing.record.deleted as string;
  if (change.deleted !== undefined && change.deleted > deleted) {
    await tx.putRecord(
      caller.schoolId,
      {
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
  pair: SyncedRecord,
): Promise<Omit<Rejection, 'id'> | null> {
  const people = new Map();
  const members = [pair.fields.mentorId, ...(pair.fields.menteeIds as string[])] as string[];
  for (const id of members) {
    const facts = await personFacts(tx, schoolId, id);
    if (!facts) return { code: 'invalid', reason: `person ${id} does not exist` };
    people.set(id, facts);
  }
  if ((pair.fields.menteeIds as string[]).includes(pair.fields.mentorId as string)) {
    return { code: 'invalid', reason: 'a mentor cannot be their own mentee' };
  }
  const problem = pairConsentProblem(pair, people);
  return problem ? { code: 'consent', reason: problem } : null;
}

async function pull(
  tx: StorageTx,
  caller: Caller,
  cursor: Cursor | PullCursor | null,
  pageSize: number,
  v2?: PullOptions & { nowMs: number },
) {
  let grants: Set<string> | null = null;
  let scope = ALL_SCOPE;
  let fromRev = cursor?.rev ?? 0;
  let purge: string[] = [];
  let isRestart = false;
  if (!caller.isCurator) {
    grants = grantsFor(caller, await scopeFacts(tx, caller.schoolId, caller.personId));
    scope = scopeHash(grants);
    await tx.saveScope(caller.schoolId, scope, [...grants]);
    if (cursor && cursor.scope !== scope) {
      const before = await tx.getScope(caller.schoolId, cursor.scope);
      const now = grants;
      const removed = (before ?? []).filter((g) => !now.has(g));
      const isGrown = before === undefined || [...now].some((g) => !before.includes(g));
      // A grown scope pulls again from the start: the new pair's whole history comes with it.
      if (isGrown) {
        fromRev = 0;
        isRestart = true;
      }
      if (removed.length) {
        const held = await tx.idsUnderKeys(caller.schoolId, removed);
        purge = held.filter((h) => !h.keys.some((k) => now.has(k))).map((h) => h.id);
      }
    }
  } else if (cursor && cursor.scope !== ALL_SCOPE) {
    fromRev = 0;
    isRestart = true;
  }
  if (v2) {
    const keys = grants ? [...grants] : null;
    const from: PullCursor =
      isRestart || !cursor ? { rev: 0, scope, held: 0 } : { held: 0, ...cursor, scope };
    const {
      cursor: next,
      rows,
      ...rest
    } = await pullPage(tx, { schoolId: caller.schoolId, keys }, from, pageSize, v2.nowMs, {
      countPending: v2.countPending,
      fetch: (c, limit) => tx.pullSince(caller.schoolId, c.rev, keys, limit, c.part),
    });
    const changes = rows.map((r) => (grants === null ? r.record : redactFor(r.record, caller, grants)));
    return { cursor: formatPullCursor(next), changes, hasMore: rest.hasMore, purge, v2: { rows, ...rest } };
  }
  const rows = await tx.pullSince(caller.schoolId, fromRev, grants ? [...grants] : null, pageSize + 1);
  const page = rows.slice(0, pageSize);
  const changes = page.map((row) => (grants === null ? row.record : redactFor(row.record, caller, grants)));
  const lastRev = page.at(-1)?.rev ?? fromRev;
  return { cursor: formatCursor({ rev: lastRev, scope }), changes, hasMore: rows.length > pageSize, purge };
}
