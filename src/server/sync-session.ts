// What one sync call knows of its caller while it runs: who they are, their grants (computed once, again
// only after a change that can alter them) and the parent records a push looks up, read once each.
import {
  type AssignmentLink,
  assignmentLinkOf,
  canRead,
  grantsFor,
  readKeys,
  type Viewer,
} from '../domain/access';
import { jsonEqual } from '../domain/canonical-json';
import { isOfType, type SyncedRecord } from '../domain/record';
import type { AnyRole } from '../domain/sync-contract';
import { refreshFormStats, type StatsSubject, statsSubjectOf } from './form-stats';
import { scopeFacts } from './scope';
import type { ServerClock } from './server-clock';
import { type Storage, type StorageTx, type StoredRow, TransactionLostError } from './storage/storage';

export type Caller = Viewer & { schoolId: string; deviceId: string; role: AnyRole };

export type SyncDeps = {
  storage: Storage;
  clock: ServerClock;
  pageSize?: number;
  /** Where a fault of the server itself is reported (the change it hit is rejected, the rest applies). */
  logError?: (error: unknown) => void;
};

/** A stored row's record as far as its parents go: its fields, or for a deleted record its kept parents. */
export function withParents(row: StoredRow): SyncedRecord {
  const { record } = row;
  return record.deleted === undefined ? record : { ...record, fields: { ...row.parents } };
}

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
  /** Drops `id` from the parents read once: the push wrote it. */
  forget(id: string): void;
  /** A response the push wrote: the statistics it counts in are recomputed once the push is applied. */
  statsDue(response: SyncedRecord<'formResponse'>): void;
  /** Keys under which `row` is read (the assignment of a response is looked up). */
  keysOf(row: StoredRow): Promise<string[]>;
  mayRead(row: StoredRow): Promise<boolean>;
  /** Whether this push may make one more copy of the caller's own text (OWN_COPIES_PER_SYNC); counted. */
  keepsOwnCopy(): boolean;
  /**
   * A record was written (`before`: as it was, undefined when new): the caller's grants are worked out
   * again before the next change's checks if the write can have changed them.
   */
  wrote(before: SyncedRecord | undefined, after: SyncedRecord): void;
};

/**
 * Copies of the caller's own texts one sync makes at most. Copies of others' texts are bounded by what
 * others wrote (each text is set aside once, when it loses); one's own texts lose to one's own other
 * devices, whose ids a device can forge in its stamps — without a bound, a push of a few megabytes made
 * hundreds of thousands of copies. One change needs at most 500 (a response's answers); a second device's
 * drafts beyond that in one sync are not kept (docs/sync-protocol.md).
 */
const OWN_COPIES_PER_SYNC = 500;

/**
 * The records a caller's grants are made of (scope.ts, scopeFacts), and which of their fields count: a
 * write that changes none of these, nor creates or deletes the record, leaves the grants as they were.
 * A plan's pair and mentee and a consent's person are fixed at creation (sync-push.ts, changedParent).
 * Worked out again on every write instead, a mentor's push of 500 edits of one IDP (each carrying its
 * unchanged `pairId`) over a hundred pairs held the server for nine seconds.
 */
const GRANT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  pair: ['mentorId', 'menteeIds'],
  plan: [],
  person: ['minor', 'birthDate'],
  consent: ['withdrawn'],
  formTemplate: ['visibleToMentor'],
};

/** Whether writing `after` over `before` can change anyone's grants (GRANT_FIELDS). */
function changesGrants(before: SyncedRecord | undefined, after: SyncedRecord): boolean {
  const fields = GRANT_FIELDS[after.type];
  if (!fields) return false;
  if (!before || before.deleted !== after.deleted) return true;
  return fields.some((name) => !jsonEqual(before.fields[name], after.fields[name]));
}

export function createSession(
  tx: StorageTx,
  clock: ServerClock,
  caller: Caller,
): PushSession & {
  refreshStats(logError?: SyncDeps['logError']): Promise<void>;
} {
  let grants: Set<string> | null = null;
  let ownCopiesLeft = OWN_COPIES_PER_SYNC;
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
        if (error instanceof TransactionLostError) throw error;
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
    wrote(before: SyncedRecord | undefined, after: SyncedRecord) {
      if (changesGrants(before, after)) grants = null;
    },
    async keysOf(row: StoredRow): Promise<string[]> {
      const record = withParents(row);
      const assignment =
        record.type === 'formResponse'
          ? await assignmentLink(session, record.fields.assignmentId)
          : undefined;
      return readKeys(record, assignment);
    },
    keepsOwnCopy(): boolean {
      ownCopiesLeft -= 1;
      return ownCopiesLeft >= 0;
    },
    async mayRead(row: StoredRow): Promise<boolean> {
      return caller.isCurator || canRead(caller, await session.grants(), await session.keysOf(row));
    },
  };
  return session;
}

async function assignmentLink(session: PushSession, id: unknown): Promise<AssignmentLink | undefined> {
  const row = typeof id === 'string' ? await session.parent(id) : undefined;
  const assignment = row && withParents(row);
  return assignment && isOfType(assignment, 'formAssignment') ? assignmentLinkOf(assignment) : undefined;
}
