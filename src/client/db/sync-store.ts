// What the sync engine writes locally with a sync answer: the settled batch (outbox.ts), pulled records,
// purges and the cursor. Kept apart from the engine so the engine holds no Dexie code.

import Dexie from 'dexie';
import { type CompactRecord, expandRecord, stampsOfCompact } from '../../domain/compact-record';
import { mergeRecords, sameRecord, stripTombstone } from '../../domain/merge';
import type { Rejection, SyncedRecord } from '../../domain/record';
import {
  isRecordTypeName as isRecordType,
  RECORD_TYPE_NAMES,
  type RecordTypeName as RecordType,
} from '../../domain/record-type-names';
import type { NastavnikDb, OutboxEntry } from './database';
import { settleClock } from './device-clock';
import { dropDraftsOfErased } from './drafts';
import { EMPTY_STATUS, getMeta, type SyncStatus, setMeta, startPullOver } from './meta';
import { type Batch, settleBatch, stampAgainAfter, takeBatchIn } from './outbox';
import { noteForSearch, noteTableForSearch, SEARCHED_TYPES } from './search-index';

/**
 * A pulled record, whole (v1) or compact (v2). `partial`: only the fields changed since the cursor
 * are here (v2), so it completes a record the device holds.
 */
type PulledRecord = (SyncedRecord | CompactRecord) & { type: string; partial?: true };

export type PulledPage = {
  cursor: string;
  changes: PulledRecord[];
  rejected: Rejection[];
  purge: string[];
  serverTime: string;
};

/**
 * What one sync run knows about the device, so that a first pull writes at the speed of the device:
 * the record tables whose every record it knows by id when it began — empty ones, and ones holding a
 * few (a new device holds the user's own person record from the enrolment) —, and the records it has
 * written or sent since, with those known ones. Any other record of such a table cannot be on the
 * device, so a pulled copy needs no read and no merge. (The sync lock keeps other tabs from syncing
 * meanwhile; what they write goes through the outbox.)
 */
export type PullRun = { fresh: Set<string>; touched: Set<string> };

/** Up to this many records in a table, their ids are read at the start of a sync run (see PullRun). */
const KNOWN_UP_TO = 100;

export async function beginPullRun(db: NastavnikDb): Promise<PullRun> {
  const run: PullRun = { fresh: new Set(), touched: new Set() };
  const counts = await Promise.all(RECORD_TYPE_NAMES.map((type) => db.records(type).count()));
  for (const [i, type] of RECORD_TYPE_NAMES.entries()) {
    const count = counts[i] as number;
    if (count > KNOWN_UP_TO) continue;
    run.fresh.add(type);
    if (count > 0) for (const id of await db.records(type).toCollection().primaryKeys()) run.touched.add(id);
  }
  return run;
}

/**
 * Applies one sync answer in one transaction: acknowledged changes leave the outbox, rejected ones are
 * kept with their reason, pulled records are merged, the cursor moves on and, when given, the progress
 * of the sync under way is written with them, and the next batch of the outbox is taken (`takeNext`:
 * its limits; one commit a page rather than two). If the answer completes a record this device does not
 * hold (it missed it somehow), the cursor goes back to the start so that everything comes again whole.
 */
export async function applySyncAnswer(
  db: NastavnikDb,
  batch: OutboxEntry[],
  page: PulledPage,
  now: number,
  run?: PullRun,
  progress?: NonNullable<SyncStatus['progress']>,
  takeNext?: { maxChanges: number; maxBytes: number },
): Promise<{ isRestarted: boolean; next?: Batch }> {
  const tables = db.recordTables();
  const scope = [...tables, db.outbox, db.rejected, db.meta, db.searchQueue, db.drafts];
  return db.transaction('rw', scope, async () => {
    // When a change was delivered or refused is the server's time of its answer: a phone whose date is
    // off would otherwise tell the mentee her form reached the school a year from now.
    const answeredAt = Date.parse(page.serverTime);
    const accepted = await settleBatch(
      db,
      batch,
      page.rejected,
      Number.isFinite(answeredAt) ? answeredAt : now,
    );
    const isRestarted = await mergePulled(db, page.changes, run);
    if (isRestarted)
      console.warn('sync: a record came as changed fields only and is not here; pulling again');
    await purge(db, page.purge);
    // The state of the sync read at once and written at once: a first sync applies page after page.
    const pulled = page.changes.flatMap(stampsOfCompact);
    const [recovered, status] = await Dexie.Promise.all([
      settleClock(db, { pulled, accepted, serverTime: page.serverTime }, now),
      progress ? getMeta<SyncStatus>(db, 'syncStatus') : undefined,
    ]);
    const writes = [setMeta(db, 'cursor', isRestarted ? null : page.cursor)];
    if (progress) writes.push(setMeta(db, 'syncStatus', { ...EMPTY_STATUS, ...status, progress }));
    await Dexie.Promise.all(writes);
    if (recovered) await stampAgainAfter(db, recovered.ms, Date.parse(page.serverTime));
    const next = takeNext ? await takeBatchIn(db, takeNext.maxChanges, takeNext.maxBytes) : undefined;
    return { isRestarted, next };
  });
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
    // A record deleted (a person erased, and what was about them) takes along the texts a field could
    // not save into it, and their copies: nothing of an erased pupil stays on the device.
    await dropDraftsOfErased(
      db,
      incoming.filter((r) => r.deleted !== undefined),
    );
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

/** The entries of `entries` named in `names`. */
const pick = <V>(entries: Record<string, V>, names: ReadonlySet<string>) =>
  Object.fromEntries(Object.entries(entries).filter(([name]) => names.has(name)));

/** Notes the searched records among `ids`, about to be dropped, so that their words leave the search index. */
async function noteDroppedForSearch(db: NastavnikDb, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  for (const type of SEARCHED_TYPES) {
    const held = (await db.records(type).bulkGet([...ids])).flatMap((r) => (r ? [r.id] : []));
    await noteForSearch(db, type, held, false);
  }
}

/**
 * Drops records that left this user's scope. One with changes still to send keeps only the fields those
 * changes hold — the user's own unsent typing, which the server then takes or refuses —: the rest left
 * the user's reach (a mentor kept on in a pair as its mentee must not keep its private notes, and the
 * pair's records come again without them).
 */
async function purge(db: NastavnikDb, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const pending = new Map<string, { type: string; kept: Set<string> }>();
  for (const entry of await db.outbox.where('recordId').anyOf(ids).toArray()) {
    const held = pending.get(entry.recordId) ?? { type: entry.change.type, kept: new Set<string>() };
    for (const name of Object.keys(entry.change.fields)) held.kept.add(name);
    pending.set(entry.recordId, held);
  }
  const drop = ids.filter((id) => !pending.has(id));
  await noteDroppedForSearch(db, drop);
  for (const type of RECORD_TYPE_NAMES) await db.records(type).bulkDelete(drop);
  for (const [id, { type, kept }] of pending) {
    if (!isRecordType(type)) continue;
    const table = db.records(type);
    const row = await table.get(id);
    if (!row) continue;
    await table.put({ ...row, fields: pick(row.fields, kept), stamps: pick(row.stamps, kept) });
  }
}

/**
 * The person was archived: every record the programme shared with this device is dropped — all but the
 * person's own record, the conflict copies of their own text, and records with changes still to send
 * (their unsent typing, which the status shows as waiting). Rejected changes and drafts are kept too. The
 * cursor starts over, so that if the curator brings the person back, the next sync fetches everything.
 */
export async function dropProgrammeData(db: NastavnikDb, personId: string): Promise<void> {
  const tables = db.recordTables();
  await db.transaction('rw', [...tables, db.outbox, db.meta, db.searchQueue], async () => {
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
      await noteForSearch(db, table.name, drop as string[], false);
      await table.bulkDelete(drop);
    }
    await startPullOver(db);
  });
}
