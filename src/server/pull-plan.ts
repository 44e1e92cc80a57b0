// The order of a contract-v2 pull (see docs/sync-protocol.md, "Current records first"). A pull from
// the start sends the records changed up to that moment in two parts, the current ones first and then
// the history (regular meetings more than a year old), and then, as a v1 pull does, every change after
// it. The cursor names the part and the position in it, so any page may be asked for again.

import type { PullCursor, PullPart } from '../domain/sync-cursor';
import type { StorageTx } from './storage/storage';

/** Regular meetings dated before this day (a year before `nowMs`, UTC) are history. */
function historyCutoff(nowMs: number): string {
  const d = new Date(nowMs);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d.toISOString().slice(0, 10);
}

export type PulledPage<Row> = {
  rows: Row[];
  cursor: PullCursor;
  hasMore: boolean;
  /** Fields that changed at this revision or before are on the device already: v2 may leave them out. */
  heldUpTo: number;
  /** Which part the cursor goes on in: `current` until the device holds everything current. */
  pass: 'current' | 'history' | 'changes';
  /** Records waiting to be pulled when the request came, this page's included (when asked for). */
  pending?: number;
};

type Source = { schoolId: string; keys: readonly string[] | null };

function nextPart(cursor: PullCursor): PullCursor | null {
  const part = cursor.part;
  if (!part) return null;
  if (part.part === 'current') return { ...cursor, rev: 0, part: { ...part, part: 'history' } };
  return { rev: part.upTo, scope: cursor.scope, held: 0 };
}

async function pending(tx: StorageTx, source: Source, cursor: PullCursor): Promise<number> {
  const { schoolId, keys } = source;
  const part = cursor.part;
  if (!part) return tx.countSince(schoolId, cursor.rev, keys);
  const later = await tx.countSince(schoolId, part.upTo, keys);
  const inPart = await tx.countSince(schoolId, cursor.rev, keys, part);
  const history =
    part.part === 'current' ? await tx.countSince(schoolId, 0, keys, { ...part, part: 'history' }) : 0;
  return inPart + history + later;
}

/**
 * One page of a v2 pull from `from` (already moved back to 0 when the caller's scope grew): a pull
 * from 0 starts with the current part. Pages are filled across parts, so a pull takes no more
 * requests than a v1 pull of the same records.
 */
export async function pullPage<Row extends { rev: number }>(
  tx: StorageTx,
  source: Source,
  from: PullCursor,
  pageSize: number,
  nowMs: number,
  options: {
    countPending: boolean;
    /** Up to `limit` rows after `cursor`; `heldUpTo` is the page's (see PulledPage). */
    fetch: (cursor: PullCursor, limit: number, heldUpTo: number) => Promise<Row[]>;
  },
): Promise<PulledPage<Row>> {
  let cursor: PullCursor = from;
  if (cursor.rev === 0 && !cursor.part) {
    const upTo = await tx.latestRev(source.schoolId);
    const part: PullPart = { part: 'current', upTo, cutoff: historyCutoff(nowMs) };
    cursor = { rev: 0, scope: cursor.scope, held: 0, part };
  }
  const heldUpTo = cursor.part ? 0 : cursor.held;
  const count = options.countPending ? await pending(tx, source, cursor) : undefined;
  const rows: Row[] = [];
  let hasMore = false;
  for (;;) {
    const room = pageSize - rows.length;
    const found = await options.fetch(cursor, room + 1, heldUpTo);
    const taken = found.slice(0, room);
    rows.push(...taken);
    const last = taken.at(-1);
    if (last) cursor = { ...cursor, rev: last.rev };
    if (found.length > room) {
      hasMore = true;
      break;
    }
    const next = nextPart(cursor);
    if (next) {
      cursor = next;
      if (rows.length < pageSize) continue;
      hasMore = true;
      break;
    }
    // Caught up: the device now holds every field changed up to the cursor.
    cursor = { ...cursor, held: cursor.rev };
    break;
  }
  const pass = cursor.part?.part === 'current' ? 'current' : cursor.part ? 'history' : 'changes';
  return { rows, cursor, hasMore, heldUpTo, pass, pending: count };
}
