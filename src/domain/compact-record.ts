// The compact form of a record: contract v2 sends records this way and devices store them this way.
// One write stamps every field it changes with one HLC, so the fields of a record mostly share a
// stamp: the compact form names that stamp once (`stamp`) and lists in `stamps` only the fields
// stamped otherwise. `expandRecord(compactRecord(r))` is `r` for every record of the contract.
import type { Hlc } from './hlc';
import type { Fields, Stamps, SyncedRecord } from './record';

/**
 * `{ id, type, fields, stamp?, stamps?, deleted? }`: the stamp of a field is `stamps[field]` when
 * present, else `stamp`. A full record (every field in `stamps`) is a valid compact record too, so
 * expanding is safe on either form. `type` may be left out where the context names it (a device's
 * table of that type).
 */
export type CompactRecord = {
  id: string;
  type?: string;
  fields: Fields;
  stamp?: Hlc;
  stamps?: Stamps;
  deleted?: Hlc;
};

/** The stamp most fields carry (the greater one on a tie), or undefined for a record with no fields. */
function commonStamp(stamps: Stamps): Hlc | undefined {
  const counts = new Map<Hlc, number>();
  let best: Hlc | undefined;
  let bestCount = 0;
  for (const stamp of Object.values(stamps)) {
    const n = (counts.get(stamp) ?? 0) + 1;
    counts.set(stamp, n);
    if (n > bestCount || (n === bestCount && best !== undefined && stamp > best)) {
      best = stamp;
      bestCount = n;
    }
  }
  return best;
}

/** The compact form of a full record: `type` kept unless `withType` is false. */
export function compactRecord(record: SyncedRecord, withType = true): CompactRecord {
  const out: CompactRecord = { id: record.id, fields: record.fields };
  if (withType) out.type = record.type;
  const stamp = commonStamp(record.stamps);
  if (stamp !== undefined) out.stamp = stamp;
  let others: Stamps | undefined;
  for (const [name, s] of Object.entries(record.stamps)) {
    if (s === stamp) continue;
    others ??= {};
    others[name] = s;
  }
  if (others) out.stamps = others;
  if (record.deleted !== undefined) out.deleted = record.deleted;
  return out;
}

/** Sets `name` on `target` as its own property, whatever the name (an assignment to `__proto__` would not). */
function defineOwn(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The full record of a compact one. `type` fills in a missing type. Fields without any stamp cannot
 * be merged, so they are left out (a device never stores such a field; the server refuses them).
 */
export function expandRecord(compact: CompactRecord, type?: string): SyncedRecord {
  const stamps: Stamps = {};
  const fields: Fields = {};
  for (const [name, value] of Object.entries(compact.fields)) {
    // Own stamps only, and fields defined rather than assigned: a field named `constructor` or
    // `__proto__` (sent by anyone) stays a field, for the schema to refuse by name, and never reaches
    // an object's prototype.
    // A field's own entry in `stamps` is its stamp, whatever it holds (a null one is then refused by
    // the schema with the change, never taken as "no stamp of its own" and the field dropped).
    const stamp =
      compact.stamps && Object.hasOwn(compact.stamps, name) ? compact.stamps[name] : compact.stamp;
    if (stamp === undefined) continue;
    defineOwn(fields, name, value);
    defineOwn(stamps, name, stamp);
  }
  const record: SyncedRecord = { id: compact.id, type: compact.type ?? type ?? '', fields, stamps };
  if (compact.deleted !== undefined) record.deleted = compact.deleted;
  return record;
}

/** Fields of a compact record that have no stamp: the record is malformed if there are any. */
export function unstampedFields(compact: CompactRecord): string[] {
  return Object.keys(compact.fields).filter(
    (name) => !(compact.stamps && Object.hasOwn(compact.stamps, name)) && compact.stamp === undefined,
  );
}

/** Every stamp a compact record carries, `deleted` included (to advance a clock past them). */
export function stampsOfCompact(compact: CompactRecord): Hlc[] {
  const out: Hlc[] = [];
  if (compact.stamp !== undefined) out.push(compact.stamp);
  if (compact.stamps) out.push(...Object.values(compact.stamps));
  if (compact.deleted !== undefined) out.push(compact.deleted);
  return out;
}
