// A DBCore cursor seen through a middleware's mapping (record-codec.ts, key-codec.ts).
import type { DBCoreCursor } from 'dexie';

type Map = (x: unknown) => unknown;
const same: Map = (x) => x;

/**
 * `cursor` with its key, primary key and value mapped on the way up (the value once per position) and
 * the keys given to `continue` and `continuePrimaryKey` mapped on the way down; what is not given stays
 * as it is. In a browser the cursor is IndexedDB's own object, whose getters refuse another `this`:
 * every property is read from the cursor itself.
 */
export function cursorView(
  cursor: DBCoreCursor,
  view: { key?: Map; primaryKey?: Map; value?: Map; keyDown?: Map; primaryKeyDown?: Map },
): DBCoreCursor {
  const { key = same, primaryKey = same, value = same, keyDown = same, primaryKeyDown = same } = view;
  let raw: unknown;
  let mapped: unknown;
  return Object.create(cursor, {
    key: { get: () => key(cursor.key) },
    primaryKey: { get: () => primaryKey(cursor.primaryKey) },
    value: {
      get() {
        if (cursor.value !== raw) {
          raw = cursor.value;
          mapped = value(raw);
        }
        return mapped;
      },
    },
    continue: { value: (to?: unknown) => cursor.continue(to === undefined ? to : keyDown(to)) },
    continuePrimaryKey: {
      value: (to: unknown, toPrimary: unknown) =>
        cursor.continuePrimaryKey(keyDown(to), primaryKeyDown(toPrimary)),
    },
  });
}
