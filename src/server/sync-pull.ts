// A pull: the page of records a caller may read after their cursor, redacted for them, with the ids a
// device must purge when its scope shrank (docs/sync-protocol.md).
import { redactFor } from '../domain/access';
import { isDistrictRole } from '../domain/sync-contract';
import { type Cursor, formatCursor, formatPullCursor, type PullCursor } from '../domain/sync-cursor';
import { fillPage, type PulledPage, pullPage } from './pull-plan';
import { ALL_SCOPE, scopeHash } from './scope';
import type { PulledRow, PulledText, StorageTx } from './storage/storage';
import type { PushSession } from './sync-session';

/** The grant to a pair's meetings' private notes (domain/access.ts): its mentor's only. */
const PAIR_MENTOR = 'pair-mentor:';

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

export async function pull(
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
      // A grant to a field gone while its records stay readable: a pair's mentor kept on in it as a
      // mentee holds its meetings' private notes, and a record sent again without a field leaves the
      // field on the device. The device drops the pair's records, then pulls everything again from the
      // start, as it may read it — in the next page: a device applies a page's records before its purge.
      const fieldGrantsGone = removed.filter((g) => g.startsWith(PAIR_MENTOR));
      if (fieldGrantsGone.length) {
        const pairKeys = fieldGrantsGone.map((g) => `pair:${g.slice(PAIR_MENTOR.length)}`);
        const held = await tx.idsUnderKeys(caller.schoolId, pairKeys, top);
        purge = [...new Set([...purge, ...held.map((h) => h.id)])];
        await saveIssued(tx, caller.schoolId, scope, grants, top);
        return v2
          ? {
              cursor: formatPullCursor({ rev: 0, scope, held: 0 }),
              changes: [],
              hasMore: true,
              purge,
              v2: { rows: [], hasMore: true, heldUpTo: 0, pass: 'current' as const },
            }
          : { cursor: formatCursor({ rev: 0, scope, top }), changes: [], hasMore: true, purge };
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
      fetch: (c, limit, heldUpTo, maxChars) =>
        grants === null && heldUpTo === 0
          ? tx.pullTextSince(caller.schoolId, c.rev, keys, limit, c.part, maxChars)
          : tx.pullSince(caller.schoolId, c.rev, keys, limit, c.part, maxChars),
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
  const page: { rows: PulledRow[]; chars: number } = { rows: [], chars: 0 };
  const after = (rev: number) => (limit: number, maxChars: number) =>
    tx.pullSince(caller.schoolId, rev, grants ? [...grants] : null, limit, undefined, maxChars);
  const hasMore = await fillPage(page, pageSize, tx.readsToChars, after(fromRev), (last) => after(last.rev));
  const changes = page.rows.map((row) =>
    grants === null ? row.record : redactFor(row.record, caller, grants),
  );
  const lastRev = page.rows.at(-1)?.rev ?? fromRev;
  if (grants) await saveIssued(tx, caller.schoolId, scope, grants, Math.max(lastRev, top));
  return { cursor: formatCursor({ rev: lastRev, scope, top }), changes, hasMore, purge };
}
