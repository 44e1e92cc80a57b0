// A default is not an edit. A record made on first use (the school's programme, an IDP, the server's
// built-in questionnaires, the first curator) starts with values nobody typed; they carry stamps that
// sort before every real edit, so a value someone typed — earlier on this device, or on another device
// that made the same record offline — always wins over them, whatever order the writes arrive in.
import { formatHlc, type Hlc, parseHlc } from './hlc';
import type { Change, Fields, SyncedRecord } from './record';

/** The time of every default's stamp: the Unix epoch, before any real write a clock can make. */
const DEFAULT_TIME_MS = 0;

/**
 * The stamp of a default written by `node`: `1970-01-01T00:00:00.000Z_0000_<node>`. Two devices' defaults
 * for the same field order by node (plain string order), so they converge like any other stamps.
 */
export function defaultStamp(node: string): Hlc {
  return formatHlc({ ms: DEFAULT_TIME_MS, counter: 0, node });
}

/** True for a stamp that marks a default rather than something a person wrote. */
export function isDefaultStamp(stamp: Hlc | undefined): boolean {
  return stamp !== undefined && parseHlc(stamp)?.ms === DEFAULT_TIME_MS;
}

/**
 * The defaults a record still lacks, as a change stamped as defaults: fields the record holds (typed or
 * default, from any device) and fields in `typed` are left alone. Null when nothing is missing.
 */
export function missingDefaults(
  existing: SyncedRecord | undefined,
  id: string,
  type: string,
  defaults: Fields,
  typed: Fields,
  node: string,
): Change | null {
  const names = Object.keys(defaults).filter(
    (k) => !Object.hasOwn(typed, k) && !(existing && Object.hasOwn(existing.stamps, k)),
  );
  if (names.length === 0 || existing?.deleted !== undefined) return null;
  const stamp = defaultStamp(node);
  return {
    id,
    type,
    fields: Object.fromEntries(names.map((k) => [k, defaults[k]])),
    stamps: Object.fromEntries(names.map((k) => [k, stamp])),
  };
}
