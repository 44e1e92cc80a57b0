// What the sync engine reads and writes locally: outbox batches, acknowledgements, rejections,
// pulled records and purges. Kept apart from the engine so the engine holds no Dexie code.
import { type CompactRecord, expandRecord, stampsOfCompact } from '../../domain/compact-record';
import { stampTime } from '../../domain/hlc';
import { mergeRecords, sameRecord, stripTombstone } from '../../domain/merge';
import type { Change, Rejection, SyncedRecord } from '../../domain/record';
import {
  isRecordTypeName as isRecordType,
  RECORD_TYPE_NAMES,
  type RecordTypeName as RecordType,
} from '../../domain/record-type-names';
import type { NastavnikDb, OutboxEntry } from './database';
import { nextStamp, noteConfirmed, observeRemote, recoverFromServerTime, serverNow } from './device-clock';
import { deliveredKey, EMPTY_STATUS, getCursor, getMeta, type SyncStatus, setMeta } from './meta';
import { enqueue } from './repository';
import { noteForSearch, noteTableForSearch } from './search-index';

export type Batch = { entries: OutboxEntry[]; cursor: string | null; base: string | null };

function cursorRev(cursor: string | null): number {
  return cursor === null ? -1 : Number(cursor.split('.')[0]);
}

/**
 * The next outbox entries to push, marked as in flight so that later local writes start new entries.
 * The pull goes on from the current cursor; `base` is the oldest cursor among the changes — what their
 * authors had seen when they typed — so the server can tell a concurrent edit from an informed one.
 */
export async function takeBatch(db: NastavnikDb, maxChanges: number, maxBytes: number): Promise<Batch> {
  return db.transaction('rw', [db.outbox, db.meta], async () => {
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
    for (const e of entries) if (cursorRev(e.baseCursor) < cursorRev(base)) base = e.baseCursor;
    return { entries, cursor, base };
  });
}

export async function releaseBatch(db: NastavnikDb): Promise<void> {
  await setMeta(db, 'sendingUpTo', 0);
}

/**
 * A pulled record, whole (v1) or compact (v2). `partial`: only the fields changed since the cursor
 * are here (v2), so it completes a record the device holds.
 */
export type PulledRecord = (SyncedRecord | CompactRecord) & { type: string; partial?: true };

export type PulledPage = {
  cursor: string;
  changes: PulledRecord[];
  rejected: Rejection[];
  purge: string[];
  serverTime: string;
};

/**
 * What one sync run knows about the device, so that a first pull writes at the speed of the device:
 * the record tables that were empty when it began, and the records it has written or sent since.
 * Any other record of such a table cannot be on the device, so a pulled copy needs no merge. (The
 * sync lock keeps other tabs from syncing meanwhile; what they write goes through the outbox.)
 */
export type PullRun = { fresh: Set<string>; touched: Set<string> };

export async function beginPullRun(db: NastavnikDb): Promise<PullRun> {
  const counts = await Promise.all(RECORD_TYPE_NAMES.map((type) => db.records(type).count()));
  return { fresh: new Set(RECORD_TYPE_NAMES.filter((_, i) => counts[i] === 0)), touched: new Set() };
}

/**
 * Applies one sync answer in one transaction: acknowledged changes leave the outbox, rejected ones are
 * kept with their reason, pulled records are merged, the cursor moves on and, when given, the progress
 * of the sync under way is written with them. If the answer completes a record this device does not
 * hold (it missed it somehow), the cursor goes back to the start so that everything comes again whole.
 */
export async function applySyncAnswer(
  db: NastavnikDb,
  batch: OutboxEntry[],
  page: PulledPage,
  now: number,
  run?: PullRun,
  progress?: NonNullable<SyncStatus['progress']>,
): Promise<{ isRestarted: boolean }> {
  const tables = db.recordTables();
  const scope = [...tables, db.outbox, db.rejected, db.meta, db.searchQueue];
  return db.transaction('rw', scope, async () => {
    await db.outbox.bulkDelete(batch.map((e) => e.seq as number));
    // What the user wrote leaves the outbox, where search found it: into the search index, first.
    const acked = new Map<string, string[]>();
    for (const e of batch) acked.set(e.change.type, [...(acked.get(e.change.type) ?? []), e.change.id]);
    for (const [type, ids] of acked) await noteForSearch(db, type, ids, true);
    const byId = new Map(batch.map((e) => [e.change.id, e.change]));
    for (const r of page.rejected) {
      const change = byId.get(r.id);
      if (!change) continue;
      const previous = await db.rejected.get(r.id);
      await db.rejected.put({
        id: r.id,
        type: change.type,
        code: r.code,
        reason: r.reason,
        change: previous ? mergeRecords(previous.change, change) : change,
        at: new Date(now).toISOString(),
      });
    }
    const isRestarted = await mergePulled(db, page.changes, run);
    if (isRestarted)
      console.warn('sync: a record came as changed fields only and is not here; pulling again');
    await purge(db, page.purge);
    await setMeta(db, 'cursor', isRestarted ? null : page.cursor);
    await setMeta(db, 'sendingUpTo', 0);
    const pulled = page.changes.flatMap(stampsOfCompact);
    const rejectedIds = new Set(page.rejected.map((r) => r.id));
    const accepted = batch.filter((e) => !rejectedIds.has(e.change.id)).flatMap((e) => stampsOf(e.change));
    await noteConfirmed(db, [...pulled, ...accepted]);
    // A sent form says when it reached the school (see the fill screen).
    for (const e of batch)
      if (e.change.type === 'formResponse' && e.change.fields.submittedAt && !rejectedIds.has(e.change.id))
        await setMeta(db, deliveredKey(e.change.id), new Date(now).toISOString());
    await observeRemote(db, pulled, page.serverTime, now);
    const recovered = await recoverFromServerTime(db, page.serverTime, now);
    if (recovered) await stampAgainAfter(db, recovered.ms, Date.parse(page.serverTime));
    if (progress) {
      const status = await getMeta<SyncStatus>(db, 'syncStatus');
      await setMeta(db, 'syncStatus', { ...EMPTY_STATUS, ...status, progress });
    }
    return { isRestarted };
  });
}

function stampsOf(record: SyncedRecord): string[] {
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
async function stampAgainAfter(db: NastavnikDb, clockMs: number, atMs: number): Promise<void> {
  const isAhead = (change: Change) => stampsOf(change).some((s) => stampTime(s) > clockMs);
  for (const entry of await db.outbox.toArray()) {
    if (isAhead(entry.change))
      await db.outbox.put({ ...entry, change: await stampAgain(db, entry.change, atMs) });
  }
  for (const entry of await db.rejected.toArray()) {
    if (entry.code !== 'clock' || !isAhead(entry.change)) continue;
    await db.rejected.delete(entry.id);
    await enqueue(db, await stampAgain(db, entry.change, atMs));
  }
}

/** Whole records as the device keeps them: a deleted one without its fields. */
const asPulled = (r: PulledRecord): PulledRecord =>
  r.deleted === undefined ? r : { id: r.id, type: r.type, fields: {}, stamps: {}, deleted: r.deleted };

/** Merges pulled records; true when one came as changed fields of a record this device does not hold. */
async function mergePulled(db: NastavnikDb, records: PulledRecord[], run?: PullRun): Promise<boolean> {
  const byType = new Map<RecordType, PulledRecord[]>();
  for (const r of records) {
    if (!isRecordType(r.type)) continue; // a newer server's type: this app version cannot show it
    const list = byType.get(r.type);
    if (list) list.push(r);
    else byType.set(r.type, [r]);
  }
  const isOutboxEmpty = (await db.outbox.count()) === 0;
  let isIncomplete = false;
  for (const [type, incoming] of byType) {
    const table = db.records(type);
    const pending = isOutboxEmpty
      ? new Set<string>()
      : new Set(
          (
            await db.outbox
              .where('recordId')
              .anyOf(incoming.map((r) => r.id))
              .toArray()
          ).map((e) => e.recordId),
        );
    const mayBeHeld = (r: PulledRecord) =>
      !run?.fresh.has(type) || r.partial || run.touched.has(r.id) || pending.has(r.id);
    const candidates = incoming.filter(mayBeHeld);
    const held = new Map<string, SyncedRecord>();
    for (const r of await table.bulkGet(candidates.map((r) => r.id))) if (r) held.set(r.id, r);
    const changed: PulledRecord[] = [];
    for (const remote of incoming) {
      run?.touched.add(remote.id);
      const mine = held.get(remote.id);
      if (!mine) {
        if (remote.partial) isIncomplete = true;
        else changed.push(asPulled(remote));
        continue;
      }
      const merged = stripTombstone(mergeRecords(mine, expandRecord(remote, type)));
      if (!sameRecord(merged, mine)) changed.push(merged);
    }
    await table.bulkPut(changed as SyncedRecord[]);
    // A table that was empty when the sync began is indexed whole once it ends.
    if (run?.fresh.has(type)) await noteTableForSearch(db, type);
    else
      await noteForSearch(
        db,
        type,
        changed.map((r) => r.id),
        false,
      );
  }
  return isIncomplete;
}

/** Drops records that left this user's scope, except those with changes still to send. */
async function purge(db: NastavnikDb, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const pending = new Set((await db.outbox.where('recordId').anyOf(ids).toArray()).map((e) => e.recordId));
  const drop = ids.filter((id) => !pending.has(id));
  for (const type of RECORD_TYPE_NAMES) await db.records(type).bulkDelete(drop);
}

/**
 * The person was archived: every record the programme shared with this device is dropped — all but the
 * person's own record, the conflict copies of their own text, and records with changes still to send
 * (their unsent typing, which the status shows as waiting). Rejected changes and drafts are kept too. The
 * cursor starts over, so that if the curator brings the person back, the next sync fetches everything.
 */
export async function dropProgrammeData(db: NastavnikDb, personId: string): Promise<void> {
  const tables = db.recordTables();
  await db.transaction('rw', [...tables, db.outbox, db.meta], async () => {
    const pending = new Set((await db.outbox.toArray()).map((e) => e.recordId));
    for (const table of tables) {
      const drop = await table
        .filter(
          (r) =>
            !pending.has(r.id) &&
            !(r.type === 'person' && r.id === personId) &&
            !(r.type === 'conflict' && r.fields.authorId === personId),
        )
        .primaryKeys();
      await table.bulkDelete(drop);
    }
    await setMeta(db, 'cursor', null);
  });
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
    await setMeta(db, 'cursor', null);
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
    await enqueue(db, change);
  });
}

export const countOutbox = (db: NastavnikDb) => db.outbox.count();
