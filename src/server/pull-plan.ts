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
 * Characters of stored text one page holds at most (at least one record whatever its size): records
 * are bounded one by one (a questionnaire may hold some 4 MB), and 2,000 such on one page made a text
 * longer than a JavaScript string can be — every first pull of the school answered 500.
 */
export const PAGE_CHARS = 4_000_000;

/** Rows fetched first, before their size tells how many more a page has room for (engines that read
 * up to `limit` rows whatever their size). */
const FIRST_FETCH = 20;

/** A page being filled: its rows and their characters. */
type Filling<Row> = { rows: Row[]; chars: number };

/** Up to `limit` rows after a position; an engine that `readsToChars` stops at `maxChars` of text. */
type Fetch<Row> = (limit: number, maxChars: number) => Promise<Row[]>;

/**
 * Adds to `page` the rows `fetch` gives after `cursor` while the page has room: `pageSize` rows,
 * PAGE_CHARS characters (the first row always fits). An engine that stops reading at a number of
 * characters (`readsToChars`: SQLite) is asked once; another first for a few rows and then for as many
 * as their size leaves room for, so that a page of large records is never read whole into memory.
 * Answers whether rows are left after what was taken.
 */
export async function fillPage<Row extends { size: number }>(
  page: Filling<Row>,
  pageSize: number,
  readsToChars: boolean,
  fetch: Fetch<Row>,
  fetchAfter: (last: Row) => Fetch<Row>,
): Promise<boolean> {
  let next = fetch;
  for (;;) {
    const room = pageSize - page.rows.length;
    if (room <= 0 || page.chars >= PAGE_CHARS) return true;
    const budget = PAGE_CHARS - page.chars;
    const fits =
      page.rows.length > 0
        ? Math.floor(budget / (page.chars / page.rows.length))
        : readsToChars
          ? room
          : FIRST_FETCH;
    const limit = Math.max(1, Math.min(room, fits));
    const found = await next(limit + 1, budget);
    let taken = 0;
    for (const row of found.slice(0, limit)) {
      if (page.rows.length > 0 && page.chars + row.size > PAGE_CHARS) break;
      page.rows.push(row);
      page.chars += row.size;
      taken += 1;
    }
    if (taken === found.length) {
      // All taken: the rows are at an end — unless the engine stopped reading at the budget.
      return readsToChars && found.reduce((n, row) => n + row.size, 0) >= budget;
    }
    if (taken < limit) return true;
    next = fetchAfter(page.rows.at(-1) as Row);
  }
}

/**
 * One page of a v2 pull from `from` (already moved back to 0 when the caller's scope grew): a pull
 * from 0 starts with the current part. Pages are filled across parts, so a pull takes no more
 * requests than a v1 pull of the same records.
 */
export async function pullPage<Row extends { rev: number; size: number }>(
  tx: StorageTx,
  source: Source,
  from: PullCursor,
  pageSize: number,
  nowMs: number,
  options: {
    countPending: boolean;
    /** Up to `limit` rows after `cursor`, or `maxChars` of text (see fillPage); `heldUpTo`: the page's. */
    fetch: (cursor: PullCursor, limit: number, heldUpTo: number, maxChars: number) => Promise<Row[]>;
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
  const page: Filling<Row> = { rows: [], chars: 0 };
  let hasMore = false;
  for (;;) {
    const from = cursor;
    const at = (c: PullCursor) => (limit: number, maxChars: number) =>
      options.fetch(c, limit, heldUpTo, maxChars);
    const before = page.rows.length;
    const isLeft = await fillPage(page, pageSize, tx.readsToChars, at(from), (last) =>
      at({ ...from, rev: last.rev }),
    );
    const last = page.rows.at(-1);
    if (last && page.rows.length > before) cursor = { ...cursor, rev: last.rev };
    if (isLeft) {
      hasMore = true;
      break;
    }
    const next = nextPart(cursor);
    if (next) {
      cursor = next;
      if (page.rows.length < pageSize && page.chars < PAGE_CHARS) continue;
      hasMore = true;
      break;
    }
    // Caught up: the device now holds every field changed up to the cursor.
    cursor = { ...cursor, held: cursor.rev };
    break;
  }
  const rows = page.rows;
  const pass = cursor.part?.part === 'current' ? 'current' : cursor.part ? 'history' : 'changes';
  return { rows, cursor, hasMore, heldUpTo, pass, pending: count };
}
