// One sync call: check the pushed changes, apply them in one transaction, then pull a page by cursor
// (the push in sync-push.ts, the pull in sync-pull.ts, what both know of the caller in sync-session.ts).
// What can be checked without storage (each change's schema and clock) is checked before the write
// transaction starts, so the transaction — which runs alone — holds only the work that needs it.
import type { Change, Rejection } from '../domain/record';
import { isDistrictRole, LIMITS, type SyncResponse } from '../domain/sync-contract';
import type { Cursor, PullCursor } from '../domain/sync-cursor';
import { assertStanding, CallerGoneError } from './caller-standing';
import type { SeenUpTo } from './conflict-copies';
import { type PullOptions, pull, type V2Pull } from './sync-pull';
import { applyChange, applyIsolated, checkAlone, idsToRead } from './sync-push';
import { type Caller, createSession, type SyncDeps } from './sync-session';

/** One sync call; with `v2`, the pull goes as contract v2 orders it and the answer carries `v2`. */
export async function runSync(
  deps: SyncDeps,
  caller: Caller,
  cursor: Cursor | PullCursor | null,
  changes: Change[],
  seen: SeenUpTo = { rev: cursor?.rev ?? 0, perField: false },
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
      if (toApply.length > 0) await tx.lockSchool(caller.schoolId);
      await assertStanding(tx, caller);
      if (toApply.length > 0) await tx.preload(caller.schoolId, idsToRead(toApply));
      for (const { change, rejection } of checked) {
        const result =
          rejection ??
          (isolated
            ? await applyIsolated(session, change, seen, deps.logError)
            : await applyChange(session, change, seen));
        session.forget(change.id);
        if (result) rejected.push(result);
      }
      await session.refreshStats(deps.logError);
      return rejected;
    });
  const push = async (): Promise<Rejection[]> => {
    if (toApply.length === 0) return checked.flatMap((c) => (c.rejection ? [c.rejection] : []));
    try {
      return await apply(false);
    } catch (error) {
      if (error instanceof CallerGoneError) throw error;
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
  // without an earlier one; and it reads one snapshot, so that its grants and its records agree.
  const now = deps.clock.now();
  const pageSize = v2?.pageSize ?? deps.pageSize ?? LIMITS.pageSize;
  const page = await deps.storage.transaction(
    async (tx) => {
      await assertStanding(tx, caller);
      return pull(createSession(tx, deps.clock, caller), cursor, pageSize, v2 && { ...v2, nowMs: now });
    },
    { snapshot: true },
  );
  return { ...page, rejected, serverTime: new Date(now).toISOString() };
}
