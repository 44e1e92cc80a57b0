// The one way screens write data. Each write stamps the fields that changed with the device's HLC and
// appends the change to the outbox in the same transaction: the record and its way to the server are
// saved together or not at all. When two offline devices change the same record, each field keeps the
// later stamp on every device and on the server (see domain/merge.ts).
import Dexie from 'dexie';
import { uuidv7 } from 'uuidv7';
import { jsonEqual } from '../../domain/canonical-json';
import { isDefaultStamp, missingDefaults } from '../../domain/defaults';
import type { ClockState } from '../../domain/hlc';
import { mergeRecords, stripTombstone } from '../../domain/merge';
import { type Change, emptyRecord, type Fields, isOfType, type SyncedRecord } from '../../domain/record';
import type { RecordType } from '../../domain/record-types';
import { validateChange } from '../../domain/validate';
import type { NastavnikDb, OutboxEntry } from './database';
import { CLOCK_KEYS, nextStamp, nodeOf, storeClock, tickFrom } from './device-clock';
import { writeDirect } from './direct-write';
import { endDraft } from './draft-end';
import type { DraftEnd } from './drafts';
import { appendChange, enqueue, lastEntryOf, newEntry, OUTBOX_KEYS } from './outbox';
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
  /**
   * The form's draft this write stores (drafts.ts `ending`): it goes in the write's own transaction, so
   * that no reload falls between the record stored and its draft gone.
   */
  endsDraft?: DraftEnd;
};

export type Repository = {
  create(type: RecordType, fields: Fields, id?: string, options?: WriteOptions): Promise<WriteResult>;
  /**
   * Creates many records in one transaction, and writes `updates` (fields of records of the same type that
   * exist) in it too: all of them or, on failure, none. A record of `updates` that is gone is skipped:
   * `updated` names those written. `endsDraft` as in WriteOptions.
   */
  createMany(
    type: RecordType,
    rows: Fields[],
    updates?: readonly { id: string; fields: Fields }[],
    options?: Pick<WriteOptions, 'endsDraft'>,
  ): Promise<{ ok: true; ids: string[]; updated: string[] } | WriteFailure>;
  /** Writes fields of a record, creating it (with `defaults`) when it does not exist yet. */
  update<T extends RecordType>(
    type: T,
    id: string,
    fields: FieldsOrUpdater<T>,
    options?: WriteOptions,
  ): Promise<WriteResult>;
  /** `endsDraft` as in WriteOptions. */
  remove(type: RecordType, id: string, options?: Pick<WriteOptions, 'endsDraft'>): Promise<WriteResult>;
};

/** A row of `createMany` the record schema refuses (its message says which and why). */
class InvalidRow extends Error {}

type MetaRow = { value: unknown };
/** The rows of `META_KEYS`, in their order: node, clock, sendingUpTo, cursor. */
type MetaRows = readonly [MetaRow | undefined, MetaRow | undefined, MetaRow | undefined, MetaRow | undefined];
const META_KEYS = [...CLOCK_KEYS, ...OUTBOX_KEYS] as const;

/** What a write stores: the change for the outbox, the record as it becomes, the clock advanced (if). */
type Planned = { change: Change; merged: SyncedRecord; clock: ClockState | null };

export function createRepository(
  db: NastavnikDb,
  options: { now?: () => number; onWrite?: () => void } = {},
): Repository {
  const now = options.now ?? Date.now;
  const onWrite = options.onWrite;

  /**
   * The rows of `meta` a write depends on (the device's clock id and clock, the outbox's in-flight mark,
   * the sync cursor) as this tab last read or wrote them, or null. A new record's write plans from them
   * and checks them in the same round trip as its own writes (see `writeNew`).
   */
  let known: MetaRows | null = null;

  /**
   * The change a write makes and the record it leaves, from what it has read: null when nothing is to be
   * written, a string when the record schema refuses the change (its reason). Pure: a write runs it
   * inside its transaction, or before it (`writeNew`).
   */
  function plan<T extends RecordType>(
    write: {
      type: T;
      id: string;
      fieldsOrUpdater: FieldsOrUpdater<T>;
      isDelete: boolean;
      options: WriteOptions;
    },
    existing: SyncedRecord | undefined,
    node: string,
    clockRow: MetaRow | undefined,
  ): Planned | string | null {
    const { type, id, fieldsOrUpdater, isDelete, options } = write;
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
      ? missingDefaults(existing, id, type, options.defaults, fields, node)
      : null;
    if (changed.length === 0 && !isDelete && !defaults) return null;
    const next = changed.length > 0 || isDelete ? tickFrom(clockRow, node, now()) : undefined;
    const stamp = next?.stamp ?? '';
    const change: Change = {
      id,
      type,
      fields: { ...defaults?.fields, ...Object.fromEntries(changed) },
      stamps: { ...defaults?.stamps, ...Object.fromEntries(changed.map(([k]) => [k, stamp])) },
    };
    if (isDelete) change.deleted = stamp;
    const valid = validateChange(change);
    if (!valid.ok) return valid.reason;
    // A deleted record keeps no content on the device either (see stripTombstone).
    const merged: SyncedRecord = stripTombstone(mergeRecords(existing ?? emptyRecord(id, type), change));
    return { change, merged, clock: next?.state ?? null };
  }

  /** A planned write's requests, all made at once (requests of one transaction run in order). */
  function store(
    table: ReturnType<NastavnikDb['records']>,
    planned: Planned,
    [, , sending, cursor]: MetaRows,
    last: OutboxEntry | undefined,
    seenCursor: string | null | undefined,
  ): Promise<unknown> {
    // Search finds the record through the outbox until the server has it (sync-store.ts notes it then).
    return Dexie.Promise.all([
      planned.clock && storeClock(db, planned.clock),
      table.put(planned.merged),
      appendChange(db, planned.change, [sending, cursor], last, seenCursor),
    ]);
  }

  /** The stores a write's transaction takes: the record's, the outbox, meta and, ending one, drafts. */
  const scopeOf = (table: ReturnType<NastavnikDb['records']>, options: WriteOptions) =>
    options.endsDraft ? [table, db.outbox, db.meta, db.drafts] : [table, db.outbox, db.meta];

  /** `known` after a write that read `rows` and wrote `planned`. */
  const after = (rows: MetaRows, node: string, planned: Planned | null): MetaRows => [
    { value: node },
    planned?.clock ? { value: planned.clock } : rows[1],
    rows[2],
    rows[3],
  ];

  async function write<T extends RecordType>(
    type: T,
    id: string,
    fieldsOrUpdater: FieldsOrUpdater<T>,
    isDelete: boolean,
    options: WriteOptions = {},
    made: 'now' | 'before' | null = null,
  ): Promise<WriteResult> {
    const w = { type, id, fieldsOrUpdater, isDelete, options };
    const table = db.records<RecordType>(type);
    const isFresh = made === 'now';
    try {
      const written =
        (made && known && (await writeNew(w, known, isFresh))) || (await writeAny(w, table, isFresh));
      if (written !== true) return { ok: false, code: 'invalid', reason: written };
      onWrite?.();
      return { ok: true, id };
    } catch (error) {
      known = null;
      return writeFailure(error);
    }
  }

  /**
   * Any write: its reads at once, then its writes at once — two round trips to IndexedDB. Answers true,
   * or the reason the record schema refused the change.
   */
  function writeAny<T extends RecordType>(
    w: Parameters<typeof plan<T>>[0],
    table: ReturnType<NastavnikDb['records']>,
    isFresh: boolean,
  ): Promise<true | string> {
    return db.transaction('rw', scopeOf(table, w.options), async () => {
      // A record under an id made for it this moment has nothing stored and nothing in the outbox.
      const [existing, read, last] = await Dexie.Promise.all([
        isFresh ? undefined : table.get(w.id),
        db.meta.bulkGet([...META_KEYS]),
        isFresh ? undefined : lastEntryOf(db, w.id),
      ]);
      const rows = read as unknown as MetaRows;
      const node = await nodeOf(db, rows[0]);
      const planned = plan(w, existing, node, rows[1]);
      if (typeof planned === 'string') return planned;
      if (planned) await store(table, planned, rows, last, w.options.seen?.cursor);
      if (w.options.endsDraft) await endDraft(db, w.options.endsDraft);
      known = after(rows, node, planned);
      return true;
    });
  }

  /**
   * A new record's write in one round trip, made beneath Dexie (direct-write.ts): planned from the rows of
   * `meta` this tab knows, its writes made together with a read of those rows — and, for an id made
   * before (`isFresh` false: a form's), a look for a record or outbox entry already under it. Should
   * another tab or the sync engine have changed those rows meanwhile, or the record exist, nothing is
   * written and null answered: the caller writes again with `writeAny`. On a phone a meeting saves in
   * one round trip instead of two, without Dexie's cost per request (issue 11: a write's median < 3 ms).
   */
  async function writeNew<T extends RecordType>(
    w: Parameters<typeof plan<T>>[0],
    rows: MetaRows,
    isFresh: boolean,
  ): Promise<true | string | null> {
    const node = rows[0]?.value as string;
    const planned = plan(w, undefined, node, rows[1]);
    if (typeof planned === 'string') return planned;
    // Nothing to write, but a draft to end: the two-trip write does that.
    if (!planned) return w.options.endsDraft ? null : true;
    const isWritten = await writeDirect(db, {
      type: w.type,
      record: planned.merged,
      clock: planned.clock,
      entry: newEntry(planned.change, rows[3], w.options.seen?.cursor),
      guard: { keys: META_KEYS, rows },
      isFresh,
      ...(w.options.endsDraft ? { endsDraft: w.options.endsDraft } : {}),
    });
    if (!isWritten) {
      known = null;
      return null;
    }
    known = after(rows, node, planned);
    return true;
  }

  async function createMany(
    type: RecordType,
    rows: Fields[],
    updates: readonly { id: string; fields: Fields }[] = [],
    options: Pick<WriteOptions, 'endsDraft'> = {},
  ) {
    const table = db.records(type);
    const scope = [table, db.outbox, db.meta, db.searchQueue, ...(options.endsDraft ? [db.drafts] : [])];
    try {
      const ids = rows.map(() => uuidv7());
      const updatedIds = await db.transaction('rw', scope, async () => {
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
        if (options.endsDraft) await endDraft(db, options.endsDraft);
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
      write(type, id ?? uuidv7(), fields, false, options, id === undefined ? 'now' : 'before'),
    update: (type, id, fields, options) => write(type, id, fields, false, options),
    remove: (type, id, options) => write(type, id, {}, true, options),
  };
}
