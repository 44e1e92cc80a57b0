// Group commit for the embedded storage: transactions that queued up while others ran share one COMMIT.
//
// Why: when a school's phones sync at once (300 at the start of a lesson), every request is two or three
// transactions, and each SQLite COMMIT writes every page it dirtied to the write-ahead log — the same
// index pages again and again — and costs a BEGIN and a COMMIT of its own. Transactions that are waiting
// when one group starts run one after the other inside one SQLite transaction, each in a savepoint of its
// own, and commit together:
// - one that throws undoes only its own writes (its savepoint) and fails alone, at once;
// - none is answered before the COMMIT that holds it: a caller told "stored" was stored, as before;
// - if SQLite undid the whole transaction (a full disk), or the COMMIT fails, every transaction of the
//   group fails — none of them was stored.
// A group stops taking transactions after MAX_GROUP_JOBS or MAX_GROUP_MS, so that the first of a burst is
// not held behind the whole burst.
import type Database from 'better-sqlite3';

/** What a transaction is to the runner: a read (a deferred transaction), a write, or work outside any. */
export type JobKind = 'read' | 'write' | 'outside';

/** What the storage engine does around transactions (sqlite.ts). */
export type GroupHooks = {
  /** Begins a transaction (`BEGIN` or `BEGIN IMMEDIATE`), waiting out another process's write. */
  begin(statement: string): Promise<void>;
  /** The engine's in-memory state of the open transaction (revisions handed out), to restore on undo. */
  mark(): unknown;
  restore(mark: unknown): void;
  /** Right before COMMIT (the revision counter is written), and after a ROLLBACK of the whole. */
  beforeCommit(): void;
  afterRollback(): void;
  /** After a group that may have written commits. */
  afterWrite(): void;
};

const MAX_GROUP_JOBS = 64;
const MAX_GROUP_MS = 50;

type Job = {
  kind: JobKind;
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

/** Runs transactions in groups on `db`; `submit` resolves with what `run` returned once it is committed. */
export function createGroupRunner(db: Database.Database, hooks: GroupHooks) {
  const waiting: Job[] = [];
  let isDraining = false;
  const statement = (sql: string) => db.prepare(sql);
  // Prepared once: SQL text parsed again per transaction and per change cost more than the statements.
  const savepoint = statement('SAVEPOINT job');
  const release = statement('RELEASE job');
  const rollbackTo = statement('ROLLBACK TO job');
  const commit = statement('COMMIT');
  const rollback = statement('ROLLBACK');

  /** Runs one job of an open group; false when SQLite undid the whole transaction under it. */
  async function runInGroup(job: Job, held: { job: Job; result: unknown }[]): Promise<boolean> {
    const mark = hooks.mark();
    savepoint.run();
    try {
      const result = await job.run();
      release.run();
      held.push({ job, result });
      return true;
    } catch (error) {
      job.reject(error);
      if (!db.inTransaction) return false;
      rollbackTo.run();
      release.run();
      hooks.restore(mark);
      return true;
    }
  }

  async function runGroup(): Promise<void> {
    const first = waiting[0] as Job;
    // A group that may write takes the write lock from its start; a group of reads only never does.
    const taking = waiting.slice(0, MAX_GROUP_JOBS);
    const upTo = taking.findIndex((j) => j.kind === 'outside');
    const isWrite = (upTo === -1 ? taking : taking.slice(0, upTo)).some((j) => j.kind === 'write');
    // A group of reads sees the file as it was at its first read, while another process may commit: it
    // takes only reads handed in before it began (each then sees every write acknowledged before it was
    // asked). A group holding the write lock sees every commit there is, whenever a job joins.
    const takesUpTo = isWrite ? MAX_GROUP_JOBS : Math.min(MAX_GROUP_JOBS, waiting.length);
    try {
      await hooks.begin(isWrite ? 'BEGIN IMMEDIATE' : 'BEGIN');
    } catch (error) {
      waiting.shift();
      first.reject(error);
      return;
    }
    const started = performance.now();
    const held: { job: Job; result: unknown }[] = [];
    let count = 0;
    let isWhole = true;
    let hasWaited = false;
    while (isWhole && count < takesUpTo && performance.now() - started < MAX_GROUP_MS) {
      const job = waiting[0];
      if (!job && !hasWaited && isWrite) {
        // Requests that came in while the group ran (read in this turn of the event loop) join it.
        hasWaited = true;
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      if (!job || job.kind === 'outside' || (job.kind === 'write' && !isWrite)) break;
      hasWaited = false;
      waiting.shift();
      count += 1;
      isWhole = await runInGroup(job, held);
    }
    try {
      if (!isWhole) throw new Error('the transaction was undone; nothing of it was stored');
      hooks.beforeCommit();
      commit.run();
    } catch (error) {
      hooks.afterRollback();
      if (db.inTransaction) rollback.run();
      for (const h of held) h.job.reject(error);
      return;
    }
    for (const h of held) h.job.resolve(h.result);
    if (isWrite) hooks.afterWrite();
  }

  async function drain(): Promise<void> {
    while (waiting.length > 0) {
      const first = waiting[0] as Job;
      if (first.kind === 'outside') {
        waiting.shift();
        await first.run().then(first.resolve, first.reject);
      } else {
        await runGroup();
      }
      // What the group's callers do next (their next transaction), and requests read meanwhile, join
      // the next group.
      await new Promise((resolve) => setImmediate(resolve));
    }
    isDraining = false;
  }

  return {
    submit<T>(kind: JobKind, run: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push({ kind, run, resolve: resolve as (value: unknown) => void, reject });
        if (isDraining) return;
        isDraining = true;
        // Transactions handed in during this turn of the event loop (requests read together) start together.
        setImmediate(() => void drain());
      });
    },
  };
}
