// Records at rest in their compact form (domain/compact-record.ts) without their type, which their
// table names: a meeting takes a third less room on the device than with a stamp on every field. Every
// read gives the full record back, so no code above this middleware sees the difference; rows written
// before (full, with their type, and the `words` search index of schema 2 to 6) read the same.
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import { type CompactRecord, compactRecord, expandRecord } from '../../domain/compact-record';
import type { SyncedRecord } from '../../domain/record';
import { isRecordTypeName as isRecordType } from '../../domain/record-type-names';
import { schoolNow } from '../state/school-clock';
import { cursorView } from './cursor-view';

/**
 * A meeting dated at most this many days before the day it is written carries its date in
 * `recentDay`, the index of recent meetings: which pairs met lately is read from it, for windows of
 * up to this many days that end today. A meeting that was already old when it came (a school's
 * history, on a first sync) takes no room and no time in that index. A meeting dated in the window
 * was necessarily written at most this long after its date, so the index misses none of them.
 */
export const RECENT_DAYS = 60;

export type StoredRecord = CompactRecord & { recentDay?: string };

/**
 * The day the window of recent meetings is counted back from: the earlier of this device's date and the
 * school's (state/school-clock.ts), so that a phone whose date is a year fast still indexes this year's
 * meetings (its screens ask for windows ending on the school's today); a few more entries at worst.
 */
const recentFrom = (): number => Math.min(Date.now(), schoolNow().getTime());

/**
 * A stamp at rest: its time as milliseconds in base 36 after a `~` (`~mikxyz12_0001_<node>`), 15
 * characters fewer than the ISO time; any stamp that would not read back the same is kept as it is.
 */
export function packStamp(stamp: string): string {
  if (stamp[23] !== 'Z' || stamp[24] !== '_') return stamp;
  const iso = stamp.slice(0, 24);
  const ms = Date.parse(iso);
  if (!(ms >= 0) || new Date(ms).toISOString() !== iso) return stamp;
  return `~${ms.toString(36)}${stamp.slice(24)}`;
}

export function unpackStamp(stamp: string): string {
  if (stamp[0] !== '~') return stamp;
  const end = stamp.indexOf('_');
  return new Date(Number.parseInt(stamp.slice(1, end), 36)).toISOString() + stamp.slice(end);
}

const mapStamps = (stamps: Record<string, string> | undefined, f: (s: string) => string) =>
  stamps && Object.fromEntries(Object.entries(stamps).map(([k, v]) => [k, f(v)]));

/** The compact record a stored row stands for (stamps unpacked; `type` from the table). */
export function fromStored(row: StoredRecord, type: string): SyncedRecord {
  const compact: CompactRecord = { id: row.id, fields: row.fields };
  if (row.type !== undefined) compact.type = row.type;
  if (row.stamp !== undefined) compact.stamp = unpackStamp(row.stamp);
  if (row.stamps !== undefined) compact.stamps = mapStamps(row.stamps, unpackStamp);
  if (row.deleted !== undefined) compact.deleted = unpackStamp(row.deleted);
  return expandRecord(compact, type);
}

/** What a record table stores: the compact form, without `type` (and without a v2 `partial` mark). */
export function toStored(
  value: CompactRecord & { stamps?: Record<string, string> },
  type?: string,
  nowMs: number = recentFrom(),
): StoredRecord {
  const isFull = value.stamp === undefined && value.stamps !== undefined;
  const compact = isFull ? compactRecord(value as SyncedRecord, false) : value;
  const stored: StoredRecord = { id: value.id, fields: value.fields };
  if (compact.stamp !== undefined) stored.stamp = packStamp(compact.stamp);
  if (compact.stamps !== undefined) stored.stamps = mapStamps(compact.stamps, packStamp);
  if (compact.deleted !== undefined) stored.deleted = packStamp(compact.deleted);
  const date = stored.fields.date;
  if (type === 'meeting' && stored.deleted === undefined && typeof date === 'string') {
    const cutoff = new Date(nowMs - RECENT_DAYS * 86_400_000).toISOString().slice(0, 10);
    if (date >= cutoff) stored.recentDay = date;
  }
  return stored;
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
          value === undefined ? undefined : fromStored(value as StoredRecord, name);
        return {
          ...table,
          mutate(req: DBCoreMutateRequest) {
            if (req.type !== 'add' && req.type !== 'put') return table.mutate(req);
            // The day of recent meetings, read once for a whole write (a first pull writes thousands).
            const nowMs = recentFrom();
            const values = req.values.map((v) => toStored(v as CompactRecord, name, nowMs));
            return table.mutate({ ...req, values });
          },
          get: (req) => table.get(req).then(read),
          getMany: (req) => table.getMany(req).then((values) => values.map(read)),
          query: (req) =>
            table.query(req).then((res) => (req.values ? { ...res, result: res.result.map(read) } : res)),
          openCursor: (req) =>
            table
              .openCursor(req)
              .then((cursor) =>
                cursor && req.values !== false ? cursorView(cursor, { value: read }) : cursor,
              ),
        };
      },
    };
  },
};
