// The outbox: every change this device made that the server has not accepted yet, in the order made.
// A write appends to it in the record's own transaction (repository.ts); the sync engine takes a batch,
// marks it in flight (`sendingUpTo`: later writes start new entries instead of folding into one being
// sent) and settles it with the server's answer; rejected changes wait here for the user to send them
// again or give them up; a clock found to be wrong stamps again what waits.

import Dexie from 'dexie';
import { stampTime } from '../../domain/hlc';
import { mergeRecords } from '../../domain/merge';
import type { Change, Rejection, SyncedRecord } from '../../domain/record';
import { isRecordTypeName as isRecordType } from '../../domain/record-type-names';
import { olderCursor } from '../../domain/sync-cursor';
import type { NastavnikDb, OutboxEntry } from './database';
import { nextStamp, serverNow } from './device-clock';
import { deliveredKey, getCursor, setMeta, startPullOver } from './meta';
import { noteForSearch } from './search-index';

/**
 * Appends a change to the outbox, folding it into the newest entry of the record that is not in flight.
 * `seenCursor`: the cursor of an older view the change was made from, if any (appendChange).
 */
export async function enqueue(db: NastavnikDb, change: Change, seenCursor?: string | null): Promise<void> {
  // One read for both small facts and one for the record's last entry, side by side: a write is a
  // handful of round trips to IndexedDB, and each counts on a phone.
  const [[sending, cursor], last] = await Dexie.Promise.all([
    db.meta.bulkGet([...OUTBOX_KEYS]),
    lastEntryOf(db, change.id),
  ]);
  await appendChange(db, change, [sending, cursor], last, seenCursor);
}

/** The rows of `meta` that say where a change goes in the outbox: a write reads them with its other reads. */
export const OUTBOX_KEYS = ['sendingUpTo', 'cursor'] as const;

/** The newest outbox entry of a record, if any. */
export const lastEntryOf = (db: NastavnikDb, recordId: string): Promise<OutboxEntry | undefined> =>
  db.outbox.where('recordId').equals(recordId).last();

/**
 * `enqueue` from what the write has read already: the rows of `OUTBOX_KEYS` and `lastEntryOf` the record.
 * `seenCursor`: the cursor of an older view the change was made from (repository.ts, `seen`), if any.
 */
export function appendChange(
  db: NastavnikDb,
  change: Change,
  [sending, cursor]: readonly [{ value: unknown } | undefined, { value: unknown } | undefined],
  last: OutboxEntry | undefined,
  seenCursor?: string | null,
): Promise<unknown> {
  const sendingUpTo = (sending?.value as number | undefined) ?? 0;
  const entry = newEntry(change, cursor, seenCursor);
  // Folded into the entry waiting: the change goes as made from the older view of the two.
  if (last?.seq !== undefined && last.seq > sendingUpTo)
    return db.outbox.put({
      ...last,
      change: mergeRecords(last.change, change),
      baseCursor: olderCursor(last.baseCursor ?? null, entry.baseCursor),
    });
  return db.outbox.add(entry);
}

/**
 * The outbox entry of `change` on its own (none of the record waiting): made from the view the cursor
 * row holds now, or from the older `seenCursor` of a form opened earlier.
 */
export function newEntry(
  change: Change,
  cursor: { value: unknown } | undefined,
  seenCursor?: string | null,
): OutboxEntry {
  const current = (cursor?.value as string | undefined) ?? null;
  const baseCursor = seenCursor === undefined ? current : olderCursor(current, seenCursor);
  return { recordId: change.id, change, baseCursor };
}

export type Batch = { entries: OutboxEntry[]; cursor: string | null; base: string | null };

/**
 * The next outbox entries to push, marked as in flight so that later local writes start new entries.
 * The pull goes on from the current cursor; `base` is the oldest cursor among the changes — what their
 * authors had seen when they typed — so the server can tell a concurrent edit from an informed one.
 */
export function takeBatch(db: NastavnikDb, maxChanges: number, maxBytes: number): Promise<Batch> {
  return db.transaction('rw', [db.outbox, db.meta], () => takeBatchIn(db, maxChanges, maxBytes));
}

/** `takeBatch` inside a transaction of the caller's on `outbox` and `meta` (a sync answer's: one commit less a page). */
export async function takeBatchIn(db: NastavnikDb, maxChanges: number, maxBytes: number): Promise<Batch> {
  const entries: OutboxEntry[] = [];
  let bytes = 0;
  let isFull = false;
  // In outbox order, stopping at the first entry that does not fit: parents go before children.
  await db.outbox
    .orderBy(':id')
    .until(() => isFull)
    .each((entry) => {
      const size = JSON.stringify(entry.change).length;
      if (entries.length > 0 && bytes + size > maxBytes) {
        isFull = true;
        return;
      }
      bytes += size;
      entries.push(entry);
      isFull = entries.length >= maxChanges;
    });
  await setMeta(db, 'sendingUpTo', entries.at(-1)?.seq ?? 0);
  const cursor = await getCursor(db);
  let base = cursor;
  for (const e of entries) base = olderCursor(base, e.baseCursor);
  return { entries, cursor, base };
}

export async function releaseBatch(db: NastavnikDb): Promise<void> {
  await setMeta(db, 'sendingUpTo', 0);
}

/**
 * Settles a pushed batch in the sync answer's transaction: acknowledged changes leave the outbox (and
 * go into the search index, which found them there until now), rejected ones are kept with their reason
 * (merged with an earlier rejection of the same record), and the batch is no longer in flight. A sent
 * questionnaire answer notes when it reached the school (the fill screen shows it). Returns the stamps
 * the server accepted. Call inside a transaction on `outbox`, `rejected`, `meta` and `searchQueue`.
 */
export async function settleBatch(
  db: NastavnikDb,
  batch: OutboxEntry[],
  rejected: Rejection[],
  now: number,
): Promise<string[]> {
  await db.outbox.bulkDelete(batch.map((e) => e.seq as number));
  const acked = new Map<string, string[]>();
  for (const e of batch) acked.set(e.change.type, [...(acked.get(e.change.type) ?? []), e.change.id]);
  for (const [type, ids] of acked) await noteForSearch(db, type, ids, true);
  const byId = new Map(batch.map((e) => [e.change.id, e]));
  for (const r of rejected) {
    const entry = byId.get(r.id);
    if (!entry) continue;
    const { change } = entry;
    const previous = await db.rejected.get(r.id);
    const base = entry.baseCursor ?? null;
    await db.rejected.put({
      id: r.id,
      type: change.type,
      code: r.code,
      reason: r.reason,
      change: previous ? mergeRecords(previous.change, change) : change,
      at: new Date(now).toISOString(),
      baseCursor:
        previous && previous.baseCursor !== undefined ? olderCursor(previous.baseCursor, base) : base,
    });
  }
  await setMeta(db, 'sendingUpTo', 0);
  const rejectedIds = new Set(rejected.map((r) => r.id));
  for (const e of batch)
    if (e.change.type === 'formResponse' && e.change.fields.submittedAt && !rejectedIds.has(e.change.id))
      await setMeta(db, deliveredKey(e.change.id), new Date(now).toISOString());
  return batch.filter((e) => !rejectedIds.has(e.change.id)).flatMap((e) => stampsOf(e.change));
}

export function stampsOf(record: SyncedRecord): string[] {
  return [...Object.values(record.stamps), ...(record.deleted ? [record.deleted] : [])];
}

/**
 * Issues new stamps for a change this device made that the server has not accepted, and moves the
 * record's own stamps of those fields along (those it still holds), so that the record and its change
 * stay one. `atMs` is the time to stamp at (the server's, as best known). Call inside a transaction on
 * the record tables and `meta`.
 */
async function stampAgain(db: NastavnikDb, change: Change, atMs: number): Promise<Change> {
  const stamp = await nextStamp(db, atMs);
  const next: Change = {
    ...change,
    stamps: Object.fromEntries(Object.keys(change.stamps).map((k) => [k, stamp])),
  };
  if (change.deleted !== undefined) next.deleted = stamp;
  if (!isRecordType(change.type)) return next;
  const table = db.records(change.type);
  const record = await table.get(change.id);
  if (record) {
    const stamps = { ...record.stamps };
    for (const [k, old] of Object.entries(change.stamps)) if (stamps[k] === old) stamps[k] = stamp;
    const deleted = record.deleted === change.deleted ? next.deleted : record.deleted;
    await table.put({ ...record, stamps, ...(deleted === undefined ? {} : { deleted }) });
  }
  return next;
}

/**
 * The device's clock went back (its date had been wrong): every change of its own not yet accepted whose
 * stamps are ahead of the clock is stamped again — those waiting in the outbox, and those the server
 * refused as `clock`, which go back into the outbox to be sent at once.
 */
export async function stampAgainAfter(db: NastavnikDb, clockMs: number, atMs: number): Promise<void> {
  const isAhead = (change: Change) => stampsOf(change).some((s) => stampTime(s) > clockMs);
  for (const entry of await db.outbox.toArray()) {
    if (isAhead(entry.change))
      await db.outbox.put({ ...entry, change: await stampAgain(db, entry.change, atMs) });
  }
  for (const entry of await db.rejected.toArray()) {
    if (entry.code !== 'clock' || !isAhead(entry.change)) continue;
    await db.rejected.delete(entry.id);
    // Sent again as made from the view it was typed in, not from what the device pulled since: a text
    // written elsewhere meanwhile, which this one now replaces, is kept for its author.
    await enqueue(db, await stampAgain(db, entry.change, atMs), entry.baseCursor);
  }
}

/** The user gives up a rejected change: the record is fetched again as the server has it. */
export async function discardRejected(db: NastavnikDb, id: string): Promise<void> {
  const tables = db.recordTables();
  await db.transaction('rw', [...tables, db.rejected, db.outbox, db.meta], async () => {
    const entry = await db.rejected.get(id);
    if (!entry) return;
    await db.rejected.delete(id);
    if ((await db.outbox.where('recordId').equals(id).count()) === 0 && isRecordType(entry.type)) {
      await db.records(entry.type).delete(id);
    }
    await startPullOver(db);
  });
}

/**
 * The user sends a rejected change again (e.g. after the curator fixed consent): back into the outbox.
 * A change refused for its clock is stamped again first (the record's stamps too), at the server's time as
 * best known, so that it is not refused again for the same stamps.
 */
export async function retryRejected(db: NastavnikDb, id: string, now: number = Date.now()): Promise<void> {
  await db.transaction('rw', [...db.recordTables(), db.rejected, db.outbox, db.meta], async () => {
    const entry = await db.rejected.get(id);
    if (!entry) return;
    await db.rejected.delete(id);
    const change =
      entry.code === 'clock' ? await stampAgain(db, entry.change, await serverNow(db, now)) : entry.change;
    await enqueue(db, change, entry.baseCursor);
  });
}

export const countOutbox = (db: NastavnikDb) => db.outbox.count();
