// Records at rest in their compact form (domain/compact-record.ts) without their type, which their
// table names: a meeting takes a third less room on the device than with a stamp on every field. Every
// read gives the full record back, so no code above this middleware sees the difference; rows written
// before (full, with their type, and the `words` search index of schema 2 to 6) read the same.
import type { DBCore, DBCoreCursor, DBCoreMutateRequest, Middleware } from 'dexie';
import { type CompactRecord, compactRecord, expandRecord } from '../../domain/compact-record';
import type { SyncedRecord } from '../../domain/record';
import { isRecordTypeName as isRecordType } from '../../domain/record-type-names';

/** What a record table stores: the compact form, without `type` (and without a v2 `partial` mark). */
export function toStored(value: CompactRecord & { stamps?: Record<string, string> }): CompactRecord {
  const isFull = value.stamp === undefined && value.stamps !== undefined;
  if (isFull) return compactRecord(value as SyncedRecord, false);
  const stored: CompactRecord = { id: value.id, fields: value.fields };
  if (value.stamp !== undefined) stored.stamp = value.stamp;
  if (value.stamps !== undefined) stored.stamps = value.stamps;
  if (value.deleted !== undefined) stored.deleted = value.deleted;
  return stored;
}

/** True for a row still in the form schemas 1 to 6 wrote (rewriting it in the compact form saves room). */
export function isLegacyRow(row: Record<string, unknown>): boolean {
  return 'type' in row || 'words' in row || (row.stamp === undefined && row.stamps !== undefined);
}

/**
 * The cursor with its value expanded. In a browser the cursor is IndexedDB's own object, whose getters
 * refuse another `this`: every property read through the wrapper is read from the cursor itself.
 */
function wrapCursor(cursor: DBCoreCursor, type: string): DBCoreCursor {
  let raw: unknown;
  let expanded: unknown;
  return Object.create(cursor, {
    key: { get: () => cursor.key },
    primaryKey: { get: () => cursor.primaryKey },
    value: {
      get() {
        const value = cursor.value;
        if (value !== raw) {
          raw = value;
          expanded = value === undefined ? undefined : expandRecord(value as CompactRecord, type);
        }
        return expanded;
      },
    },
  });
}

export const recordCodecMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'record-codec',
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        if (!isRecordType(name)) return table;
        const read = (value: unknown) =>
          value === undefined ? undefined : expandRecord(value as CompactRecord, name);
        return {
          ...table,
          mutate(req: DBCoreMutateRequest) {
            if (req.type !== 'add' && req.type !== 'put') return table.mutate(req);
            return table.mutate({ ...req, values: req.values.map((v) => toStored(v as CompactRecord)) });
          },
          get: (req) => table.get(req).then(read),
          getMany: (req) => table.getMany(req).then((values) => values.map(read)),
          query: (req) =>
            table.query(req).then((res) => (req.values ? { ...res, result: res.result.map(read) } : res)),
          openCursor: (req) =>
            table
              .openCursor(req)
              .then((cursor) => (cursor && req.values !== false ? wrapCursor(cursor, name) : cursor)),
        };
      },
    };
  },
};
