// One sync call: check the pushed changes, apply them in one transaction, then pull a page by cursor.
// What can be checked without storage (each change's schema and clock) is checked before the write
// transaction starts, so the transaction — which runs alone — holds only the work that needs it.
import {
  type AssignmentLink,
  assignmentLinkOf,
  canRead,
  checkSent,
  checkWrite,
  grantsFor,
  mayReceivePerson,
  mayWriteType,
  pairConsentProblem,
  readKeys,
  redactFor,
  type Viewer,
  type WriteContext,
} from '../domain/access';
import { jsonEqual } from '../domain/canonical-json';
import { latestOf, stampNode, stampTime } from '../domain/hlc';
import { mergeRecords, sameRecord, stripTombstone } from '../domain/merge';
import { expectedIdOf } from '../domain/one-of-a-kind';
import { type Change, emptyRecord, isOfType, type Rejection, type SyncedRecord } from '../domain/record';
import type { RecordType } from '../domain/record-types';
import { type AnyRole, isDistrictRole, LIMITS, type SyncResponse } from '../domain/sync-contract';
import { type Cursor, formatCursor, formatPullCursor, type PullCursor } from '../domain/sync-cursor';
import { changedParent, missingRequired, validateChange } from '../domain/validate';
import { keepLosingTexts } from './conflict-copies';
import { refreshFormStats, type StatsSubject, statsSubjectOf } from './form-stats';
import { type PulledPage, pullPage } from './pull-plan';
import { parentsOf, referenceIds } from './record-links';
import { ALL_SCOPE, personFacts, scopeFacts, scopeHash, toMembership, toPlanLink } from './scope';
import { derivedId } from './secrets';
import { SERVER_NODE, type ServerClock } from './server-clock';
import type { PulledRow, PulledText, Storage, StorageTx, StoredRow } from './storage/storage';

export type Caller = Viewer & { schoolId: string; deviceId: string; role: AnyRole };

export type SyncDeps = {
  storage: Storage;
  clock: ServerClock;
  pageSize?: number;
  /** Where a fault of the server itself is reported (the change it hit is rejected, the rest applies). */
  logError?: (error: unknown) => void;
};

/** A stored row's record as far as its parents go: its fields, or for a deleted record its kept parents. */
function withParents(row: StoredRow): SyncedRecord {
  const { record } = row;
  return record.deleted === undefined ? record : { ...record, fields: { ...row.parents } };
}

/** How contract v2 pulls (pull-plan.ts): current records first; it may ask how many are waiting. */
export type PullOptions = { countPending: boolean; pageSize: number };

/**
 * A record of a v2 pull: as this caller may read it, with the revisions its fields changed at — or,
 * where the caller reads every field of every record and the page sends records whole, the text of its
 * whole compact form as stored (storage/wire-text.ts).
 */
type V2Row = PulledRow | PulledText;

/** What a v2 answer needs beyond the v1 one, to send changed fields only (see sync-v2.ts). */
export type V2Pull = Omit<PulledPage<V2Row>, 'cursor'>;

/**
 * What one push needs besides storage: the caller, and their grants, computed once and again only after
 * a change that can alter them (a plan, a pair, a person, a consent, a template).
 */
export type PushSession = {
  tx: StorageTx;
  clock: ServerClock;
  caller: Caller;
  grants(): Promise<Set<string>>;
  /**
   * A record looked up as the parent of another (a pair, a plan, an assignment…), read once per push:
   * the twenty meetings of a push name the same pair. What a change writes is forgotten after it.
   */
  parent(id: string): Promise<StoredRow | undefined>;
  /** A response the push wrote: the statistics it counts in are recomputed once the push is applied. */
  statsDue(response: SyncedRecord<'formResponse'>): void;
  /** Keys under which `row` is read (the assignment of a response is looked up). */
  keysOf(row: StoredRow): Promise<string[]>;
  mayRead(row: StoredRow): Promise<boolean>;
};

const GRANT_TYPES = new Set(['pair', 'plan', 'person', 'consent', 'formTemplate']);

function createSession(
  tx: StorageTx,
  clock: ServerClock,
  caller: Caller,
): PushSession & {
  changed(type: string): void;
  forget(id: string): void;
  refreshStats(logError?: SyncDeps['logError']): Promise<void>;
} {
  let grants: Set<string> | null = null;
  const parents = new Map<string, StoredRow | undefined>();
  const statsDue = new Map<string, SyncedRecord<'formResponse'>>();
  const session = {
    tx,
    clock,
    caller,
    statsDue(response: SyncedRecord<'formResponse'>) {
      statsDue.set(response.id, response);
    },
    /**
     * The statistics the push's responses count in, each recomputed once. They are the server's own
     * figures: a fault in them is logged and leaves the changes applied (the next response redoes them).
     */
    async refreshStats(logError?: SyncDeps['logError']) {
      const responses = [...statsDue.values()];
      statsDue.clear();
      try {
        const subjects = new Map<string, StatsSubject>();
        for (const response of responses) {
          const subject = await statsSubjectOf(tx, caller.schoolId, response);
          if (subject) subjects.set(`${subject.template.id} ${subject.mentorId}`, subject);
        }
        for (const subject of subjects.values())
          await tx.atomically(() => refreshFormStats(tx, clock, caller.schoolId, subject));
      } catch (error) {
        logError?.(error);
      }
    },
    async parent(id: string) {
      if (!parents.has(id)) parents.set(id, await tx.getRecord(caller.schoolId, id));
      return parents.get(id);
    },
    forget(id: string) {
      parents.delete(id);
    },
    async grants() {
      grants ??= grantsFor(caller, await scopeFacts(tx, caller.schoolId, caller.personId));
      return grants;
    },
    changed(type: string) {
      if (GRANT_TYPES.has(type)) grants = null;
    },
    async keysOf(row: StoredRow): Promise<string[]> {
      const record = withParents(row);
      const assignment =
        record.type === 'formResponse'
          ? await assignmentLink(session, record.fields.assignmentId)
          : undefined;
      return readKeys(record, assignment);
    },
    async mayRead(row: StoredRow): Promise<boolean> {
      return caller.isCurator || canRead(caller, await session.grants(), await session.keysOf(row));
    },
  };
  return session;
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
  const horizon = deps.clock.now() + LIMITS.maxClockSkewMs;
  // The district's namespace is written by the server alone (its schools' summaries).
  const isDistrict = isDistrictRole(caller.role);
  const districtRefusal = "the district's figures are made by the server";
  const checked = changes.map((change) => ({
    change,
    rejection: isDistrict
      ? ({ id: change.id, code: 'forbidden', reason: districtRefusal } as Rejection)
      : checkAlone(change, horizon),
  }));
  const toApply = checked.filter((c) => c.rejection === null).map((c) => c.change);
  const apply = (isolated: boolean) =>
    deps.storage.transaction(async (tx) => {
      const session = createSession(tx, deps.clock, caller);
      const rejected: Rejection[] = [];
      // Writers of one school go one at a time, from their first read (see StorageTx.lockSchool).
      if (toApply.length > 0) {
        await tx.lockSchool(caller.schoolId);
        await tx.preload(caller.schoolId, idsToRead(toApply));
      }
      for (const { change, rejection } of checked) {
        const result =
          rejection ??
          (isolated
            ? await applyIsolated(session, change, seenRev, deps.logError)
            : await applyChange(session, change, seenRev));
        session.forget(change.id);
        if (result) rejected.push(result);
        else session.changed(change.type);
      }
      await session.refreshStats(deps.logError);
      return rejected;
    });
  const push = async (): Promise<Rejection[]> => {
    if (toApply.length === 0) return checked.flatMap((c) => (c.rejection ? [c.rejection] : []));
    try {
      return await apply(false);
    } catch (error) {
      // A fault of the server in one change: the push is applied again, each change in a savepoint, so
      // that the failing one is rejected and the others stand (a savepoint a change costs too much to be
      // the rule).
      deps.logError?.(error);
      return apply(true);
    }
  };
  const rejected = await push();
  // The pull reads after the push has committed, in a transaction of its own that locks nothing: the
  // school's writers wait only for each other's writes, never for a page to be read and sent. It sees
  // the push (committed) and, since a school's revisions commit in order, never a later revision
  // without an earlier one.
  const now = deps.clock.now();
  const pageSize = v2?.pageSize ?? deps.pageSize ?? LIMITS.pageSize;
  const page = await deps.storage.transaction((tx) =>
    pull(createSession(tx, deps.clock, caller), cursor, pageSize, v2 && { ...v2, nowMs: now }),
  );
  return { ...page, rejected, serverTime: new Date(now).toISOString() };
}

/** The records a push will read: the changed ones and the parents their fields name. */
function idsToRead(changes: readonly Change[]): string[] {
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

const sentRejection = (change: Change): Rejection => ({
  id: change.id,
  code: 'sent',
  reason: 'this response was sent already; only a curator can reopen it',
});

/** Said to a non-curator about a record outside their scope, whatever it is, exists or not. */
const NOT_YOURS = 'you may not write this record';

/** The checks that need no storage: the change against its type's schema, and its stamps' clock. */
function checkAlone(change: Change, horizon: number): Rejection | null {
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
async function applyIsolated(
  session: PushSession,
  change: Change,
  seenRev: number,
  logError: SyncDeps['logError'],
): Promise<Rejection | null> {
  try {
    return await session.tx.atomically(() => applyChange(session, change, seenRev));
  } catch (error) {
    logError?.(error);
    return invalid(change, 'the server could not apply this change; it is kept on the device');
  }
}

async function assignmentLink(session: PushSession, id: unknown): Promise<AssignmentLink | undefined> {
  const row = typeof id === 'string' ? await session.parent(id) : undefined;
  const assignment = row && withParents(row);
  return assignment && isOfType(assignment, 'formAssignment') ? assignmentLinkOf(assignment) : undefined;
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
        // The IDP of a minor whose parents' consent is missing or withdrawn is the curator's alone.
        const mentee = session.caller.isCurator
          ? undefined
          : await personFacts(session.tx, session.caller.schoolId, menteeId);
        if (mentee && !mayReceivePerson(mentee))
          return {
            problem: `person ${menteeId} is a minor without a valid parental consent`,
            code: 'consent',
          };
      }
      if (isOfType(record, 'fitAnswer')) {
        const { personId = '' } = record.fields;
        if (![members.mentorId, ...members.menteeIds].includes(personId))
          return { problem: `person ${personId} is not in pair ${pair.id}`, code: 'invalid' };
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

async function applyChange(session: PushSession, change: Change, seenRev: number): Promise<Rejection | null> {
  const { tx, caller } = session;
  const school = caller.schoolId;
  // Role first: a type this caller never writes is refused without looking anything up.
  if (!mayWriteType(caller, change.type)) {
    return checkWrite(caller, change, undefined, {}) ?? forbidden(change, NOT_YOURS);
  }
  const existing = await tx.getRecord(school, change.id);
  const mayRead = existing === undefined || (await session.mayRead(existing));
  // A sent response is final for everyone but curators, whatever else they may write: code `sent` (the
  // contract's rule, so told even to someone outside its scope). Re-sending the very values it holds is
  // no change — but only for someone who may read them: for anyone else it would be an oracle.
  if (existing?.record.type === change.type && existing.record.deleted === undefined) {
    const sent = checkSent(caller, change, existing.record, jsonEqual);
    if (sent === 'no-op') return mayRead ? null : sentRejection(change);
    if (sent !== 'ok') return sent;
  }
  // Any other record outside the caller's scope is refused alike whatever it is: its type stays unsaid.
  if (!mayRead) return forbidden(change, NOT_YOURS);
  if (existing && existing.record.type !== change.type)
    return invalid(change, `id ${change.id} belongs to a ${existing.record.type}`);
  if (existing?.record.deleted !== undefined) return applyToDeleted(session, existing, change, seenRev);
  const parentChange = changedParent(existing?.record, change);
  if (parentChange) return invalid(change, parentChange);
  const merged = mergeRecords(existing?.record ?? emptyRecord(change.id, change.type), change);
  const missing = missingRequired(merged);
  if (missing) return invalid(change, missing);

  const ctx =
    merged.deleted !== undefined && Object.keys(merged.fields).length === 0
      ? {}
      : await writeContext(session, merged);
  if (isProblem(ctx)) return { id: change.id, code: ctx.code, reason: ctx.problem };
  const denied = checkWrite(caller, change, existing?.record, ctx);
  if (denied) return denied;
  if (existing === undefined) {
    const twin = await twinOf(tx, school, merged);
    if (twin) return invalid(change, `there is one ${change.type} of its kind: its id is ${twin}`);
  }
  if (
    isOfType(merged, 'pair') &&
    merged.deleted === undefined &&
    ('mentorId' in change.fields || 'menteeIds' in change.fields)
  ) {
    const problem = await pairMembersProblem(tx, school, merged);
    if (problem) return { id: change.id, ...problem };
  }
  session.clock.observe(latestStamp(change));
  // Before the no-change exit: a change that loses every field may still carry text to keep.
  await keepLosingTexts(session, existing, change, seenRev);
  // A deleted record is stored without its fields (erased); it keeps its parents and the keys it had.
  const stored = stripTombstone(merged);
  if (existing && sameRecord(stored, existing.record)) return null;
  const fieldRevs = { ...existing?.fieldRevs };
  const writers = { ...existing?.writers };
  for (const name of Object.keys(stored.stamps)) {
    if (stored.stamps[name] === existing?.record.stamps[name]) continue;
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
  if (isOfType(merged, 'formResponse')) session.statsDue(merged);
  return null;
}

/**
 * The record a new IDP or response would be the second of (one plan per mentee of a pair, one response
 * per assignment: domain/one-of-a-kind.ts), or null. Refused: a new one while a live one is there under
 * another id; and one under an id other than the derived one while any is there, deleted or not — so
 * that besides the derived record at most one other (a plan an older app made offline under an id of
 * its own) ever exists, and copies made deleted cannot pile up.
 */
async function twinOf(tx: StorageTx, school: string, record: SyncedRecord): Promise<string | null> {
  const f = record.fields;
  const siblings = (
    isOfType(record, 'plan') && typeof f.pairId === 'string'
      ? // A deleted plan is kept without its fields: whose it was is unknown, so it counts for any mentee.
        (await tx.findByRef(school, 'plan', f.pairId)).filter(
          (p) => p.deleted !== undefined || p.fields.menteeId === f.menteeId,
        )
      : isOfType(record, 'formResponse') && typeof f.assignmentId === 'string'
        ? await tx.findByRef(school, 'formResponse', f.assignmentId)
        : []
  ).filter((x) => x.id !== record.id);
  const isDerived = expectedIdOf(record, derivedId) === record.id;
  return (siblings.find((x) => x.deleted === undefined) ?? (isDerived ? undefined : siblings[0]))?.id ?? null;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function latestStamp(change: Change): string {
  return latestOf([...Object.values(change.stamps), change.deleted ?? '']);
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
  seenRev: number,
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
  session.clock.observe(latestStamp(change));
  await keepLosingTexts(session, existing, change, seenRev);
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

/**
 * Keeps the scope with the highest revision issued under it: the cursor just issued, which repeats what
 * the incoming cursor claimed (its position when nothing newer came), so no more than the school's
 * latest revision — a device cannot hold what does not exist yet, and a forged cursor must not raise
 * the cap that later bounds its purges.
 */
async function saveIssued(tx: StorageTx, schoolId: string, scope: string, grants: Set<string>, upTo: number) {
  await tx.saveScope(schoolId, scope, [...grants], Math.min(upTo, await tx.latestRev(schoolId)));
}

/** The highest revision a cursor says its device may hold: its position, its `top`, its part's end. */
function claimedTop(cursor: Cursor | PullCursor): number {
  return Math.max(cursor.rev, cursor.top ?? 0, 'part' in cursor ? (cursor.part?.upTo ?? 0) : 0);
}

async function pull(
  session: PushSession,
  cursor: Cursor | PullCursor | null,
  pageSize: number,
  v2?: PullOptions & { nowMs: number },
) {
  const { tx, caller } = session;
  let grants: Set<string> | null = null;
  let scope = ALL_SCOPE;
  let fromRev = cursor?.rev ?? 0;
  let purge: string[] = [];
  let isRestart = false;
  // The highest revision the device may hold (see Cursor's `top`): what a purge must reach.
  let top = 0;
  // Curators read their whole school; the district's people their whole namespace (summaries only).
  if (!caller.isCurator && !isDistrictRole(caller.role)) {
    grants = await session.grants();
    scope = scopeHash(grants);
    // The cursor's scope counts only if it is the caller's own (every scope holds its person's `author:`
    // grant): a cursor naming someone else's, computed from grants anyone can guess, would turn the
    // purge into a list of their records; it is taken as unknown (pull again, purge nothing). And the
    // device holds nothing beyond what was ever issued under that scope, whatever its cursor claims.
    const known = cursor ? await tx.getScope(caller.schoolId, cursor.scope) : undefined;
    const earlier = known?.grants.includes(`author:${caller.personId}`) ? known : undefined;
    // (0: a row an older server process made, which kept no revision: bounded by the school's latest.)
    if (cursor && earlier)
      top = Math.min(claimedTop(cursor), earlier.issuedUpTo || (await tx.latestRev(caller.schoolId)));
    if (cursor && cursor.scope !== scope) {
      const before = earlier?.grants;
      const now = grants;
      const removed = (before ?? []).filter((g) => !now.has(g));
      const isGrown = before === undefined || [...now].some((g) => !before.includes(g));
      // A grown scope pulls again from the start: the new pair's whole history comes with it.
      if (isGrown) {
        fromRev = 0;
        isRestart = true;
      }
      if (removed.length) {
        // Only records the device could hold: created by the time of its cursor — or of what it held
        // before its pull started over (the scope grew): a v1 cursor's `top`, a v2 first pull's part end.
        const held = await tx.idsUnderKeys(caller.schoolId, removed, top);
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
    } = await pullPage<V2Row>(tx, { schoolId: caller.schoolId, keys }, from, pageSize, v2.nowMs, {
      countPending: v2.countPending,
      // Whole records to someone who reads every field (a curator, the district): as stored, as text.
      fetch: (c, limit, heldUpTo) =>
        grants === null && heldUpTo === 0
          ? tx.pullTextSince(caller.schoolId, c.rev, keys, limit, c.part)
          : tx.pullSince(caller.schoolId, c.rev, keys, limit, c.part),
    });
    const readable = rows.map((r) =>
      'wire' in r || grants === null ? r : { ...r, record: redactFor(r.record, caller, grants) },
    );
    if (grants) await saveIssued(tx, caller.schoolId, scope, grants, Math.max(claimedTop(next), top));
    // A v2 answer is made of `v2.rows` (sync-v2.ts); `changes` is v1's.
    return {
      cursor: formatPullCursor(next),
      changes: [],
      hasMore: rest.hasMore,
      purge,
      v2: { rows: readable, ...rest },
    };
  }
  const rows = await tx.pullSince(caller.schoolId, fromRev, grants ? [...grants] : null, pageSize + 1);
  const page = rows.slice(0, pageSize);
  const changes = page.map((row) => (grants === null ? row.record : redactFor(row.record, caller, grants)));
  const lastRev = page.at(-1)?.rev ?? fromRev;
  if (grants) await saveIssued(tx, caller.schoolId, scope, grants, Math.max(lastRev, top));
  return {
    cursor: formatCursor({ rev: lastRev, scope, top }),
    changes,
    hasMore: rows.length > pageSize,
    purge,
  };
}
