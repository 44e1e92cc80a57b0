// Builds the search index from the records writes noted (search-index.ts), a batch at a time when the
// device is idle and no sync is pulling: the user's own writes first, then what the pulls brought in the
// order it came (a first pull brings current records before history). One tab at a time does it.
import type { SyncedRecord } from '../../domain/record';
import type { NastavnikDb } from './database';
import { getSyncStatus } from './meta';
import {
  buildSegment,
  SEARCHED_TYPES,
  type SearchedType,
  type SearchQueueEntry,
  segmentIds,
  withoutRecords,
} from './search-index';

const BATCH = 500;
/** Segments smaller than this are merged once there are enough of them (incremental syncs make many). */
const SMALL = 256;
const MAX_SMALL = 16;

async function addSegment(db: NastavnikDb, type: SearchedType, records: (SyncedRecord | undefined)[]) {
  const segment = buildSegment(
    type,
    records.filter((r): r is SyncedRecord => r !== undefined),
  );
  if (segment.size > 0) await db.searchIndex.add(segment);
}

/**
 * Takes the words of records indexed again — edited, deleted or dropped from the device — out of the
 * older segments that hold them: search would not answer with them (it reads each record), but the words
 * would stay on the device — a pupil's erased meeting notes on the mentor's phone, a sentence taken out
 * of the notes.
 */
async function scrubSegments(db: NastavnikDb, type: SearchedType, gone: ReadonlySet<string>): Promise<void> {
  if (gone.size === 0) return;
  const holders = await segmentsHolding(db, type, gone);
  for (const segment of await db.searchIndex.bulkGet(holders)) {
    const scrubbed = segment && withoutRecords(segment, gone);
    if (!scrubbed) continue;
    if (scrubbed.size === 0) await db.searchIndex.delete(segment.seg as number);
    else await db.searchIndex.put(scrubbed);
    segmentIdsSeen.get(db)?.delete(segment.seg as number);
  }
}

/**
 * The ids each segment holds, by segment, as this tab last read them: a school's index is tens of
 * segments and megabytes, too much to read again for every batch an incremental sync brings. A segment
 * never gains an id under its key (a scrub takes ids out, a merge writes a new segment), so what is kept
 * here can only say too much — and a segment it names is read before it is changed.
 */
const segmentIdsSeen = new WeakMap<NastavnikDb, Map<number, { type: string; ids: Set<string> }>>();

/** The keys of the segments of `type` that hold any of `ids`. */
async function segmentsHolding(
  db: NastavnikDb,
  type: SearchedType,
  ids: ReadonlySet<string>,
): Promise<number[]> {
  const seen = segmentIdsSeen.get(db) ?? new Map();
  segmentIdsSeen.set(db, seen);
  const keys = (await db.searchIndex.toCollection().primaryKeys()) as number[];
  const present = new Set(keys);
  for (const seg of seen.keys()) if (!present.has(seg)) seen.delete(seg);
  for (const segment of await db.searchIndex.bulkGet(keys.filter((k) => !seen.has(k))))
    if (segment) seen.set(segment.seg as number, { type: segment.type, ids: new Set(segmentIds(segment)) });
  const holders: number[] = [];
  for (const [seg, held] of seen)
    if (held.type === type && [...ids].some((id) => held.ids.has(id))) holders.push(seg);
  return holders;
}

async function mergeSmallSegments(db: NastavnikDb): Promise<void> {
  const small = await db.searchIndex.where('size').below(SMALL).toArray();
  if (small.length < MAX_SMALL) return;
  for (const type of SEARCHED_TYPES) {
    const ofType = small.filter((s) => s.type === type);
    if (ofType.length < 2) continue;
    const ids = [...new Set(ofType.flatMap(segmentIds))];
    await addSegment(db, type, await db.records(type).bulkGet(ids));
    await db.searchIndex.bulkDelete(ofType.map((s) => s.seg as number));
  }
}

/** The next entry to work on: the user's own writes (all of one type together), else the oldest. */
function pick(queue: SearchQueueEntry[]): SearchQueueEntry[] {
  const own = queue.filter((e) => e.isOwn && e.ids);
  if (own.length > 0) return own.filter((e) => e.type === own[0]?.type);
  return queue.slice(0, 1);
}

/** Indexes one batch of noted records in one transaction. False when nothing is left to index. */
export async function indexNextBatch(db: NastavnikDb, batch = BATCH): Promise<boolean> {
  const tables = SEARCHED_TYPES.map((t) => db.records(t));
  return db.transaction('rw', [db.searchQueue, db.searchIndex, ...tables], async () => {
    const entries = pick(await db.searchQueue.toArray());
    const first = entries[0];
    if (!first) return false;
    const table = db.records(first.type);
    if (first.all) {
      // Newest first; rows of schemas 1 to 6 are written back in the compact form on the way (only
      // those: a school's first pull is already compact, and writing it all again doubled its writes).
      const below =
        first.before === undefined ? table.orderBy(':id') : table.where(':id').below(first.before);
      const rows = await below.reverse().limit(batch).toArray();
      await addSegment(db, first.type, rows);
      if (first.rewrite) await table.bulkPut(rows);
      const last = rows.at(-1);
      if (rows.length < batch || !last) await db.searchQueue.delete(first.seq as number);
      else await db.searchQueue.update(first.seq as number, { before: last.id });
    } else {
      const ids = [...new Set(entries.flatMap((e) => e.ids ?? []))];
      await scrubSegments(db, first.type, new Set(ids.slice(0, batch)));
      await addSegment(db, first.type, await table.bulkGet(ids.slice(0, batch)));
      await db.searchQueue.bulkDelete(entries.map((e) => e.seq as number));
      if (ids.length > batch) await db.searchQueue.add({ ...first, seq: undefined, ids: ids.slice(batch) });
    }
    await mergeSmallSegments(db);
    return (await db.searchQueue.count()) > 0;
  });
}

export type SearchIndexer = { poke(): void; stop(): void };

/**
 * Indexes in idle time until the queue is empty; `poke()` after writes or a sync. It waits while a sync
 * is under way, so that the first sync of a device never waits for search.
 */
export function startSearchIndexer(db: NastavnikDb): SearchIndexer {
  let isScheduled = false;
  let isStopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = (fn: () => void, ms: number) => {
    timer = setTimeout(() => {
      if (globalThis.requestIdleCallback) globalThis.requestIdleCallback(fn, { timeout: 5_000 });
      else fn();
    }, ms);
  };

  async function step(): Promise<void> {
    isScheduled = false;
    if (isStopped || !db.isOpen()) return;
    if ((await getSyncStatus(db)).progress !== null) return schedule(2_000);
    const run = () => indexNextBatch(db);
    const locks = globalThis.navigator?.locks;
    const hasMore = locks
      ? await locks.request('nastavnik-search-index', { ifAvailable: true }, (lock) => (lock ? run() : false))
      : await run();
    if (hasMore) schedule(0);
  }

  function schedule(ms: number) {
    if (isScheduled || isStopped) return;
    isScheduled = true;
    later(() => {
      step().catch((error: unknown) => {
        console.error('search indexing failed', error);
        schedule(30_000);
      });
    }, ms);
  }

  return {
    poke: () => schedule(500),
    stop() {
      isStopped = true;
      clearTimeout(timer);
    },
  };
}
