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
import { type Change, isOfType, type SyncedRecord } from '../domain/record';
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
};

/**
 * Copies of the caller's own texts one sync makes at most. Copies of others' texts are bounded by what
 * others wrote (each text is set aside once, when it loses); one's own texts lose to one's own other
 * devices, whose ids a device can forge in its stamps — without a bound, a push of a few megabytes made
 * hundreds of thousands of copies. One change needs at most 500 (a response's answers); a second device's
 * drafts beyond that in one sync are not kept (docs/sync-protocol.md).
 */
const OWN_COPIES_PER_SYNC = 500;

const GRANT_TYPES = new Set(['pair', 'plan', 'person', 'consent', 'formTemplate']);

export function createSession(
  tx: StorageTx,
  clock: ServerClock,
  caller: Caller,
): PushSession & {
  /** `change` was applied: the caller's grants are worked out again if it can have changed them. */
  changed(change: Change): void;
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
    changed(change: Change) {
      if (!GRANT_TYPES.has(change.type)) return;
      // A plan's pair and mentee are fixed at its creation: only a new plan or a deleted one changes
      // grants (a mentor's push of 500 IDP titles worked them out 500 times, over every pair).
      const f = change.fields;
      if (change.type === 'plan' && change.deleted === undefined && !('pairId' in f) && !('menteeId' in f))
        return;
      grants = null;
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
