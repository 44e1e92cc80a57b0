// Records' ids at rest as 16 bytes. IndexedDB keeps a text key as UTF-16 — a UUID id takes 74 bytes in
// the row's key, and twice more in every index entry that points at the row (its key and its value) —,
// so on a school's first sync the ids were a third of the device's storage. A record table's primary
// key is therefore its id's 16 bytes when the id is a lower-case UUID (any other id stays text), and
// this middleware turns ids into keys on the way down and keys back into ids on the way up. It sits
// below every other middleware (Dexie's own included): above it, every key is the id as the code
// knows it, so live queries, hooks and the record codec never see the difference.
//
// Order: binary keys sort after text keys. Within UUIDs the order is the same as the text's (lower-case
// hex); a range over primary keys whose ends are both UUIDs, or that came from a walk of the table
// itself, means what it meant. No code asks for a range between a UUID and an id of another shape.
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

type Row = { id?: unknown } & Record<string, unknown>;

const valueDown = (value: unknown): unknown => {
  const row = value as Row | undefined;
  return row && isPackableUuid(row.id) ? { ...row, id: uuidToBytes(row.id) } : value;
};

// A value read here is IndexedDB's own fresh copy, which nothing else holds: its id is replaced in place.
const valueUp = (value: unknown): unknown => {
  const row = value as Row | undefined;
  if (row && typeof row.id === 'object' && row.id !== null) row.id = keyToId(row.id);
  return value;
};

const rangeDown = (range: DBCoreKeyRange): DBCoreKeyRange => ({
  ...range,
  lower: idToKey(range.lower),
  upper: idToKey(range.upper),
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
                values: req.values.map(valueDown),
                ...(req.keys ? { keys: req.keys.map(idToKey) } : {}),
              })
              .then(resultsUp);
          },
          get: (req) => table.get({ ...req, key: idToKey(req.key) }).then(valueUp),
          getMany: (req) =>
            table.getMany({ ...req, keys: req.keys.map(idToKey) }).then((values) => values.map(valueUp)),
          query(req) {
            const query = req.query.index.isPrimaryKey
              ? { ...req.query, range: rangeDown(req.query.range) }
              : req.query;
            // Without values the answer is the rows' primary keys, whichever index was asked.
            return table
              .query({ ...req, query })
              .then((res) => ({ ...res, result: res.result.map(req.values ? valueUp : keyToId) }));
          },
          openCursor(req) {
            const isPrimary = req.query.index.isPrimaryKey === true;
            const query = isPrimary ? { ...req.query, range: rangeDown(req.query.range) } : req.query;
            return table.openCursor({ ...req, query }).then((cursor) =>
              cursor
                ? cursorView(cursor, {
                    key: isPrimary ? keyToId : undefined,
                    keyDown: isPrimary ? idToKey : undefined,
                    primaryKey: keyToId,
                    primaryKeyDown: idToKey,
                    value: valueUp,
                  })
                : cursor,
            );
          },
          count(req) {
            const query = req.query.index.isPrimaryKey
              ? { ...req.query, range: rangeDown(req.query.range) }
              : req.query;
            return table.count({ ...req, query });
          },
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
export async function foldTextKeys(
  store: IDBObjectStore,
  type: RecordTypeName,
  keyRange: typeof IDBKeyRange,
): Promise<void> {
  let after: IDBValidKey | undefined;
  for (;;) {
    // Text keys sort below every binary key, the shortest included: their range ends there.
    const range =
      after === undefined
        ? keyRange.upperBound(FIRST_BINARY, true)
        : keyRange.bound(after, FIRST_BINARY, true, true);
    const rows = await answer<StoredRecord[]>(store.getAll(range, FOLD_BATCH));
    const last = rows.at(-1);
    if (!last) return;
    after = last.id as IDBValidKey;
    for (const row of rows) if (isPackableUuid(row.id)) moveUnderBytes(store, type, row, row.id);
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
 * The row under the bytes of its id, without waiting for a read: almost always nothing is there yet,
 * and only where something is (the add is refused) are the two merged.
 */
function moveUnderBytes(store: IDBObjectStore, type: RecordTypeName, row: StoredRecord, id: string): void {
  const packed = uuidToBytes(id);
  store.delete(id);
  const added = store.add({ ...row, id: packed });
  added.onerror = (event) => {
    if (added.error?.name !== 'ConstraintError') return;
    event.preventDefault();
    event.stopPropagation();
    const existing = store.get(packed);
    existing.onsuccess = () => {
      const held = existing.result as StoredRecord;
      const merged = mergeRecords(fromStored({ ...held, id }, type), fromStored(row, type));
      store.put({ ...toStored(merged, type), id: packed });
    };
  };
}

/** Folds the text-keyed rows of every record table in (see `foldTextKeys`), in one transaction. */
export function foldAllTextKeys(idb: IDBDatabase, keyRange: typeof IDBKeyRange): Promise<void> {
  const tx = idb.transaction([...RECORD_TYPE_NAMES], 'readwrite');
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  for (const type of RECORD_TYPE_NAMES)
    void foldTextKeys(tx.objectStore(type), type, keyRange).catch(() => undefined);
  return done;
}
