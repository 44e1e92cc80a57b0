// The one way screens write data. Each write stamps the fields that changed with the device's HLC and
// appends the change to the outbox in the same transaction: the record and its way to the server are
// saved together or not at all. When two offline devices change the same record, each field keeps the
// later stamp on every device and on the server (see domain/merge.ts).
import Dexie from 'dexie';
import { uuidv7 } from 'uuidv7';
import { jsonEqual } from '../../domain/canonical-json';
import { isDefaultStamp, missingDefaults } from '../../domain/defaults';
import { mergeRecords, stripTombstone } from '../../domain/merge';
import { type Change, emptyRecord, type Fields, isOfType, type SyncedRecord } from '../../domain/record';
import type { RecordType } from '../../domain/record-types';
import { validateChange } from '../../domain/validate';
import type { NastavnikDb } from './database';
import { CLOCK_KEYS, nextStamp, nextStampFrom, nodeOf } from './device-clock';
import { appendChange, enqueue, lastEntryOf, OUTBOX_KEYS } from './outbox';
import { noteForSearch } from './search-index';
import { type WriteFailure, type WriteResult, writeFailure } from './write-failure';

export type { WriteResult };

/** The fields to write, or a function of the record as stored when the write runs (read in its transaction). */
type FieldsOrUpdater<T extends RecordType> = Fields | ((current: SyncedRecord<T> | undefined) => Fields);

export type WriteOptions = {
  /**
   * Values the record starts with when nobody has written them yet. They are written only for fields the
   * record lacks, in the transaction that reads it, stamped as defaults (see domain/defaults.ts): they
   * never win over a value typed on this device or another.
   */
  defaults?: Fields;
  /**
   * What the user saw when they began the edit (a form opened earlier: its values then, and the sync
   * cursor then). A field left as they saw it is not written, so what others changed meanwhile stands;
   * and the change goes to the server as made from that view, so that a text it replaces unseen is kept
   * as a conflict copy for its author (server/conflict-copies.ts).
   */
  seen?: { values: Fields; cursor: string | null };
};

export type Repository = {
  create(type: RecordType, fields: Fields, id?: string, options?: WriteOptions): Promise<WriteResult>;
  /**
   * Creates many records in one transaction, and writes `updates` (fields of records of the same type that
   * exist) in it too: all of them or, on failure, none. A record of `updates` that is gone is skipped:
   * `updated` names those written.
   */
  createMany(
    type: RecordType,
    rows: Fields[],
    updates?: readonly { id: string; fields: Fields }[],
  ): Promise<{ ok: true; ids: string[]; updated: string[] } | WriteFailure>;
  /** Writes fields of a record, creating it (with `defaults`) when it does not exist yet. */
  update<T extends RecordType>(
    type: T,
    id: string,
    fields: FieldsOrUpdater<T>,
    options?: WriteOptions,
  ): Promise<WriteResult>;
  remove(type: RecordType, id: string): Promise<WriteResult>;
};

/** A row of `createMany` the record schema refuses (its message says which and why). */
class InvalidRow extends Error {}

export function createRepository(
  db: NastavnikDb,
  options: { now?: () => number; onWrite?: () => void } = {},
): Repository {
  const now = options.now ?? Date.now;
  const onWrite = options.onWrite;

  async function write<T extends RecordType>(
    type: T,
    id: string,
    fieldsOrUpdater: FieldsOrUpdater<T>,
    isDelete: boolean,
    options: WriteOptions = {},
    isFresh = false,
  ): Promise<WriteResult> {
    const table = db.records<RecordType>(type);
    try {
      const written = await db.transaction('rw', [table, db.outbox, db.meta], async () => {
        // Every read of the write at once, and every write at once: on a phone each round trip to
        // IndexedDB counts, and requests of one transaction run in the order they are made.
        // A record under an id made for it this moment has nothing stored and nothing in the outbox.
        const [existing, [node, clock, sending, cursor], last] = await Dexie.Promise.all([
          isFresh ? undefined : table.get(id),
          db.meta.bulkGet([...CLOCK_KEYS, ...OUTBOX_KEYS]),
          isFresh ? undefined : lastEntryOf(db, id),
        ]);
        const fields =
          typeof fieldsOrUpdater === 'function'
            ? fieldsOrUpdater(existing && isOfType(existing, type) ? existing : undefined)
            : fieldsOrUpdater;
        // A value equal to a default is still written when typed: from now on it is someone's choice.
        const seen = options.seen;
        const changed = Object.entries(fields).filter(
          ([k, v]) =>
            !(seen && Object.hasOwn(seen.values, k) && jsonEqual(seen.values[k], v)) &&
            (!existing ||
              !Object.hasOwn(existing.fields, k) ||
              !jsonEqual(existing.fields[k], v) ||
              isDefaultStamp(existing.stamps[k])),
        );
        const defaults = options.defaults
          ? missingDefaults(existing, id, type, options.defaults, fields, await nodeOf(db, node))
          : null;
        if (changed.length === 0 && !isDelete && !defaults) return true;
        const next =
          changed.length > 0 || isDelete ? await nextStampFrom(db, [node, clock], now()) : undefined;
        const stamp = next?.stamp ?? '';
        const change: Change = {
          id,
          type,
          fields: { ...defaults?.fields, ...Object.fromEntries(changed) },
          stamps: { ...defaults?.stamps, ...Object.fromEntries(changed.map(([k]) => [k, stamp])) },
        };
        if (isDelete) change.deleted = stamp;
        const valid = validateChange(change);
        if (!valid.ok) {
          await next?.saved;
          return valid.reason;
        }
        // A deleted record keeps no content on the device either (see stripTombstone).
        const merged: SyncedRecord = stripTombstone(mergeRecords(existing ?? emptyRecord(id, type), change));
        // Search finds it through the outbox until the server has it (sync-store.ts notes it then).
        await Dexie.Promise.all([
          next?.saved,
          table.put(merged),
          appendChange(db, change, [sending, cursor], last, seen?.cursor),
        ]);
        return true;
      });
      if (written !== true) return { ok: false, code: 'invalid', reason: written };
      onWrite?.();
      return { ok: true, id };
    } catch (error) {
      return writeFailure(error);
    }
  }

  async function createMany(
    type: RecordType,
    rows: Fields[],
    updates: readonly { id: string; fields: Fields }[] = [],
  ) {
    const table = db.records(type);
    try {
      const ids = rows.map(() => uuidv7());
      const updatedIds = await db.transaction('rw', [table, db.outbox, db.meta, db.searchQueue], async () => {
        const records: SyncedRecord[] = [];
        const change = async (id: string, fields: Fields, what: string): Promise<Change> => {
          const stamp = await nextStamp(db, now());
          const made: Change = {
            id,
            type,
            fields,
            stamps: Object.fromEntries(Object.keys(fields).map((k) => [k, stamp])),
          };
          const valid = validateChange(made);
          // Thrown: the transaction is undone, outbox entries of the rows before included.
          if (!valid.ok) throw new InvalidRow(`${what}: ${valid.reason}`);
          await enqueue(db, made);
          return made;
        };
        for (const [i, fields] of rows.entries())
          records.push(await change(ids[i] as string, fields, `row ${i + 1}`));
        await table.bulkAdd(records);
        const stored = await table.bulkGet(updates.map((u) => u.id));
        const updated: SyncedRecord[] = [];
        for (const [i, { id, fields }] of updates.entries()) {
          const existing = stored[i];
          if (existing && existing.deleted === undefined)
            updated.push(mergeRecords(existing, await change(id, fields, id)));
        }
        await table.bulkPut(updated);
        await noteForSearch(db, type, [...ids, ...updated.map((r) => r.id)], true);
        return updated.map((r) => r.id);
      });
      onWrite?.();
      return { ok: true as const, ids, updated: updatedIds };
    } catch (error) {
      if (error instanceof InvalidRow)
        return { ok: false as const, code: 'invalid' as const, reason: error.message };
      return writeFailure(error);
    }
  }

  return {
    createMany,
    create: (type, fields, id, options) =>
      write(type, id ?? uuidv7(), fields, false, options, id === undefined),
    update: (type, id, fields, options) => write(type, id, fields, false, options),
    remove: (type, id) => write(type, id, {}, true),
  };
}
