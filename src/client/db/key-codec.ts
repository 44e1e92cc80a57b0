// Records' ids at rest as 16 bytes. IndexedDB keeps a text key as UTF-16 — a UUID id takes 74 bytes in
// the row's key, and as much again in every index entry whose value is an id (`fields.pairId` of every
// meeting) —, so on a school's first sync the ids were a third of the device's storage. A record
// table's primary key is therefore its id's 16 bytes when the id is a lower-case UUID (any other id
// stays text), and so is every lower-case UUID among a record's fields (top-level values and the
// elements of top-level arrays: the ids a record refers to, which the indexes hold). This middleware
// packs them on the way down and unpacks them on the way up — in values, keys, index keys and ranges.
// It sits below every other middleware (Dexie's own included): above it every id is text as the code
// knows it, so live queries, hooks and the record codec never see the difference. Fields come as JSON,
// so binary data at rest in a record's fields can only be a packed UUID.
//
// Order: binary keys sort after text keys. Within UUIDs the order is the same as the text's (lower-case
// hex); a range whose ends are both UUIDs, or that came from a walk of the table or index itself, means
// what it meant. No code asks for a range, or for any of a set of keys, that mixes UUIDs with ids of
// another shape (every id the app and the server make is a lower-case UUID).
import type { DBCore, DBCoreKeyRange, DBCoreMutateResponse, Middleware } from 'dexie';
import { mergeRecords } from '../../domain/merge';
import { isRecordTypeName, RECORD_TYPE_NAMES, type RecordTypeName } from '../../domain/record-type-names';
import { cursorView } from './cursor-view';
import { fromStored, type StoredRecord, toStored } from './record-codec';
import { bytesToUuid, isPackableUuid, uuidToBytes } from './uuid-bytes';

/** A record's id as its key at rest: a lower-case UUID as its 16 bytes, any other id as it is. */
export function idToKey(id: unknown): unknown {
  return isPackableUuid(id) ? uuidToBytes(id) : id;
}

/** A key at rest as the id it stands for (IndexedDB hands binary keys back as ArrayBuffers). */
export function keyToId(key: unknown): unknown {
  if (key instanceof ArrayBuffer) return bytesToUuid(new Uint8Array(key));
  if (ArrayBuffer.isView(key)) return bytesToUuid(new Uint8Array(key.buffer, key.byteOffset, 16));
  return key;
}

type Row = { id?: unknown; fields?: unknown } & Record<string, unknown>;

const isBytes = (value: unknown): value is ArrayBuffer | ArrayBufferView =>
  value instanceof ArrayBuffer || ArrayBuffer.isView(value);

/** An index key or range bound at rest: UUIDs packed, the parts of a compound key one by one. */
const keyDown = (key: unknown): unknown =>
  isPackableUuid(key) ? uuidToBytes(key) : Array.isArray(key) ? key.map(keyDown) : key;

/** An index key as the code knows it. */
const keyUp = (key: unknown): unknown =>
  isBytes(key) ? keyToId(key) : Array.isArray(key) ? key.map(keyUp) : key;

/** A record's fields at rest: the same object when none holds a UUID, else a copy with them packed. */
function fieldsDown(fields: Record<string, unknown>): Record<string, unknown> {
  let packed: Record<string, unknown> | undefined;
  for (const name in fields) {
    const value = fields[name];
    // The elements of an array one by one, not arrays within it: `rowUp` unpacks as deep, no deeper.
    const down = isPackableUuid(value)
      ? uuidToBytes(value)
      : Array.isArray(value) && value.some(isPackableUuid)
        ? value.map((x) => (isPackableUuid(x) ? uuidToBytes(x) : x))
        : value;
    if (down === value) continue;
    packed ??= { ...fields };
    packed[name] = down;
  }
  return packed ?? fields;
}

/** A row as it goes to IndexedDB: its id and its fields' UUIDs packed (a copy; the caller's row stays). */
export function rowDown(value: unknown): unknown {
  const row = value as Row | undefined;
  if (!row || typeof row !== 'object') return value;
  const fields =
    row.fields && typeof row.fields === 'object'
      ? fieldsDown(row.fields as Record<string, unknown>)
      : row.fields;
  const isIdPacked = isPackableUuid(row.id);
  if (!isIdPacked && fields === row.fields) return value;
  return { ...row, ...(isIdPacked ? { id: uuidToBytes(row.id as string) } : {}), fields };
}

/**
 * A row read from IndexedDB as the code knows it. The value is IndexedDB's own fresh copy, which
 * nothing else holds: it is unpacked in place.
 */
function rowUp(value: unknown): unknown {
  const row = value as Row | undefined;
  if (!row || typeof row !== 'object') return value;
  if (typeof row.id === 'object' && row.id !== null) row.id = keyToId(row.id);
  const fields = row.fields as Record<string, unknown> | undefined;
  if (fields && typeof fields === 'object')
    for (const name in fields) {
      const value = fields[name];
      if (isBytes(value)) fields[name] = keyToId(value);
      else if (Array.isArray(value) && value.some(isBytes)) fields[name] = value.map(keyToId);
    }
  return value;
}

/** True when a row at rest still holds a UUID as text in its fields (written by an older version). */
const hasTextIds = (row: Row): boolean =>
  !!row.fields &&
  typeof row.fields === 'object' &&
  fieldsDown(row.fields as Record<string, unknown>) !== row.fields;

const rangeDown = (range: DBCoreKeyRange): DBCoreKeyRange => ({
  ...range,
  lower: keyDown(range.lower),
  upper: keyDown(range.upper),
});

const resultsUp = (response: DBCoreMutateResponse): DBCoreMutateResponse => ({
  ...response,
  lastResult: keyToId(response.lastResult),
  ...(response.results ? { results: response.results.map(keyToId) } : {}),
});

export const keyCodecMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'key-codec',
  // Below Dexie's own middlewares (the lowest of them is at -1): only IndexedDB sees keys at rest.
  level: -10,
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        if (!isRecordTypeName(name)) return table;
        return {
          ...table,
          mutate(req) {
            if (req.type === 'deleteRange')
              return table.mutate({ ...req, range: rangeDown(req.range) }).then(resultsUp);
            if (req.type === 'delete')
              return table.mutate({ ...req, keys: req.keys.map(idToKey) }).then(resultsUp);
            return table
              .mutate({
                ...req,
                values: req.values.map(rowDown),
                ...(req.keys ? { keys: req.keys.map(idToKey) } : {}),
              })
              .then(resultsUp);
          },
          get: (req) => table.get({ ...req, key: idToKey(req.key) }).then(rowUp),
          getMany: (req) =>
            table.getMany({ ...req, keys: req.keys.map(idToKey) }).then((values) => values.map(rowUp)),
          query(req) {
            const query = { ...req.query, range: rangeDown(req.query.range) };
            // Without values the answer is the rows' primary keys, whichever index was asked.
            return table
              .query({ ...req, query })
              .then((res) => ({ ...res, result: res.result.map(req.values ? rowUp : keyToId) }));
          },
          openCursor(req) {
            const query = { ...req.query, range: rangeDown(req.query.range) };
            return table.openCursor({ ...req, query }).then((cursor) =>
              cursor
                ? cursorView(cursor, {
                    key: keyUp,
                    keyDown,
                    primaryKey: keyToId,
                    primaryKeyDown: idToKey,
                    value: rowUp,
                  })
                : cursor,
            );
          },
          count: (req) => table.count({ ...req, query: { ...req.query, range: rangeDown(req.query.range) } }),
        };
      },
    };
  },
};

/**
 * Rows of a record table keyed by a UUID id as text are moved under the id's bytes. Schema 10 does
 * this for everything a device held; afterwards only a tab still running an older version of the app
 * writes such rows (in the moment another tab upgrades, it writes again the autosaves it had under
 * way), and the app folds them in whenever it opens the database. Where a row is under the bytes
 * already, the two are merged field by field as a sync would merge them (`mergeRecords`): nothing
 * either wrote is lost. Works on IndexedDB itself, under every middleware, a few hundred rows at a
 * time (a school's history never sits in memory at once), over the range of text keys: they sort
 * before every binary key. `keyRange`: the IDBKeyRange of the database's IndexedDB.
 */
export function foldTextKeys(
  store: IDBObjectStore,
  type: RecordTypeName,
  keyRange: typeof IDBKeyRange,
): Promise<void> {
  // Text keys sort below every binary key, the shortest included: their range ends there.
  const textKeysAfter = (after: IDBValidKey | undefined) =>
    after === undefined
      ? keyRange.upperBound(FIRST_BINARY, true)
      : keyRange.bound(after, FIRST_BINARY, true, true);
  return eachBatch<StoredRecord>(store, textKeysAfter, (row) => {
    if (isPackableUuid(row.id)) moveUnderBytes(store, type, row, row.id);
  });
}

/**
 * Calls `visit` with every row of `store` in the ranges `rangeAfter` gives (`after`: the key of the last
 * row read), FOLD_BATCH rows a read: a school's history never sits in memory at once.
 */
async function eachBatch<T extends { id?: unknown }>(
  store: IDBObjectStore,
  rangeAfter: (after: IDBValidKey | undefined) => IDBKeyRange | null,
  visit: (row: T) => void,
): Promise<void> {
  let after: IDBValidKey | undefined;
  for (;;) {
    const rows = await answer<T[]>(store.getAll(rangeAfter(after), FOLD_BATCH));
    const last = rows.at(-1);
    if (!last) return;
    after = last.id as IDBValidKey;
    for (const row of rows) visit(row);
  }
}

/** The shortest binary key: every text key sorts below it, every other binary key above. */
const FIRST_BINARY = new Uint8Array([0]);
const FOLD_BATCH = 500;

const answer = <T>(request: IDBRequest): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as T);
    request.onerror = () => reject(request.error);
  });

/**
 * The row under the bytes of its id, its fields packed, without waiting for a read: almost always
 * nothing is there yet, and only where something is (the add is refused) are the two merged.
 */
function moveUnderBytes(store: IDBObjectStore, type: RecordTypeName, row: StoredRecord, id: string): void {
  store.delete(id);
  const added = store.add(rowDown(row));
  added.onerror = (event) => {
    if (added.error?.name !== 'ConstraintError') return;
    event.preventDefault();
    event.stopPropagation();
    const existing = store.get(uuidToBytes(id));
    existing.onsuccess = () => {
      const held = rowUp(existing.result) as StoredRecord;
      const merged = mergeRecords(fromStored(held, type), fromStored(row, type));
      store.put(rowDown(toStored(merged, type)));
    };
  };
}

/**
 * Every row of a record table that holds a UUID as text in its fields (as every version before
 * schema 11 wrote them) is written again with them packed, so that the indexes find it by the ids'
 * bytes. Walks the whole table a few hundred rows a read, on IndexedDB itself.
 */
export function packStoredFields(store: IDBObjectStore, keyRange: typeof IDBKeyRange): Promise<void> {
  const keysAfter = (after: IDBValidKey | undefined) =>
    after === undefined ? null : keyRange.lowerBound(after, true);
  return eachBatch<Row>(store, keysAfter, (row) => {
    if (hasTextIds(row)) store.put(rowDown(row));
  });
}

/**
 * Folds the text-keyed rows of every record table in (see `foldTextKeys`), and packs the fields of the
 * records with changes waiting in the outbox — what a tab of an older version still open wrote
 * meanwhile goes through the outbox —, in one transaction.
 */
export function foldAllTextKeys(idb: IDBDatabase, keyRange: typeof IDBKeyRange): Promise<void> {
  const tx = idb.transaction([...RECORD_TYPE_NAMES, 'outbox'], 'readwrite');
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  for (const type of RECORD_TYPE_NAMES)
    void foldTextKeys(tx.objectStore(type), type, keyRange).catch(() => undefined);
  const waiting = tx.objectStore('outbox').getAll();
  waiting.onsuccess = () => {
    for (const { recordId, change } of waiting.result as { recordId: string; change: { type: string } }[]) {
      if (!isRecordTypeName(change.type)) continue;
      const store = tx.objectStore(change.type);
      const held = store.get(idToKey(recordId) as IDBValidKey);
      held.onsuccess = () => {
        if (held.result && hasTextIds(held.result)) store.put(rowDown(held.result));
      };
    }
  };
  return done;
}
