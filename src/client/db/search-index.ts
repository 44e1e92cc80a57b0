// The words index of offline search, kept apart from the records. Writes (local or pulled) only note
// which records changed, in the same transaction (`searchQueue`); the index is built from those notes
// when the device has time, the user's own records first (search-indexer.ts). A segment of the index
// holds the words of a batch of records: its sorted terms and, for each, the positions of the records
// that hold it. A record edited later is indexed again in a newer segment, and taken out of the older
// ones (a word deleted from a text leaves the device); search reads the record itself before answering.
import type { SyncedRecord } from '../../domain/record';
import { wordsOf } from '../../domain/search-text';
import type { NastavnikDb } from './database';
import { bytesToUuid, isPackableUuid, writeUuid } from './uuid-bytes';

export type SearchedType = 'meeting' | 'task' | 'goal';
export const SEARCHED_TYPES: readonly SearchedType[] = ['meeting', 'task', 'goal'];

const SEARCHED_FIELDS: Record<SearchedType, readonly string[]> = {
  meeting: ['notes', 'privateNotes', 'topics', 'nextSteps', 'cancelReason'],
  task: ['title', 'evidence'],
  goal: ['title', 'description', 'area'],
};

const isSearched = (type: string): type is SearchedType => type in SEARCHED_FIELDS;

/** Records to (re)index: listed by id, or a whole table (`all`) walked down from `before`. */
export type SearchQueueEntry = {
  seq?: number;
  type: SearchedType;
  ids?: string[];
  all?: boolean;
  /** The whole-table pass has indexed every record with an id from here up. */
  before?: string;
  /** The pass also writes each record back (rows of schemas 1 to 6 take the compact form). */
  rewrite?: boolean;
  /** Written on this device: indexed first. */
  isOwn: boolean;
};

export type SearchSegment = {
  seg?: number;
  type: SearchedType;
  /** The records' ids: as 16 bytes each when they are all lower-case UUIDs (less than half the room), else as text. */
  uuids?: Uint8Array;
  ids?: string[];
  /** How many records (indexed, so that small segments are found and merged). */
  size: number;
  /** Sorted; the records of `terms[i]` are at the positions `postings[j]`, `starts[i] <= j < starts[i + 1]`. */
  terms: string[];
  starts: Uint32Array;
  postings: Uint16Array;
};

function packIds(ids: readonly string[]): Pick<SearchSegment, 'uuids' | 'ids'> {
  if (!ids.every(isPackableUuid)) return { ids: [...ids] };
  const uuids = new Uint8Array(ids.length * 16);
  for (const [i, id] of ids.entries()) writeUuid(id, uuids, i * 16);
  return { uuids };
}

/** The id of the record at `position` in a segment. */
function segmentId(segment: SearchSegment, position: number): string {
  if (!segment.uuids) return segment.ids?.[position] as string;
  return bytesToUuid(segment.uuids, position * 16);
}

/** Every id of a segment. */
export const segmentIds = (segment: SearchSegment): string[] =>
  Array.from({ length: segment.size }, (_, i) => segmentId(segment, i));

/** The words of a record that search matches: none for a deleted one. */
function recordWords(type: SearchedType, record: SyncedRecord): string[] {
  if (record.deleted !== undefined) return [];
  return wordsOf(SEARCHED_FIELDS[type].map((f) => record.fields[f]));
}

/** True when every query word begins some word of the record. */
export function recordMatches(type: SearchedType, record: SyncedRecord, words: readonly string[]): boolean {
  const own = recordWords(type, record);
  return words.every((w) => own.some((x) => x.startsWith(w)));
}

/** Notes, inside the caller's write transaction (which must include `searchQueue`), records to index. */
export async function noteForSearch(
  db: NastavnikDb,
  type: string,
  ids: readonly string[],
  isOwn: boolean,
): Promise<void> {
  if (!isSearched(type) || ids.length === 0) return;
  await db.searchQueue.add({ type, ids: [...ids], isOwn });
}

/**
 * Notes, inside the caller's write transaction, that every record of a table is to be indexed: a
 * first pull into an empty table notes this once instead of every id (a school's worth of ids).
 */
export async function noteTableForSearch(db: NastavnikDb, type: string): Promise<void> {
  if (!isSearched(type)) return;
  const passes = await db.searchQueue.filter((e) => e.type === type && e.all === true).toArray();
  if (passes.length === 1 && passes[0]?.before === undefined) return;
  await db.searchQueue.bulkDelete(passes.map((e) => e.seq as number));
  await db.searchQueue.add({ type, all: true, isOwn: false });
}

export function buildSegment(type: SearchedType, records: readonly SyncedRecord[]): SearchSegment {
  const ids: string[] = [];
  const byTerm = new Map<string, number[]>();
  for (const record of records) {
    const words = recordWords(type, record);
    if (words.length === 0) continue;
    const position = ids.push(record.id) - 1;
    for (const word of words) {
      const list = byTerm.get(word);
      if (list) list.push(position);
      else byTerm.set(word, [position]);
    }
  }
  const terms = [...byTerm.keys()].sort();
  const starts = new Uint32Array(terms.length + 1);
  let total = 0;
  terms.forEach((term, i) => {
    starts[i] = total;
    total += (byTerm.get(term) as number[]).length;
  });
  starts[terms.length] = total;
  const postings = new Uint16Array(total);
  terms.forEach((term, i) => {
    postings.set(byTerm.get(term) as number[], starts[i]);
  });
  return { type, ...packIds(ids), size: ids.length, terms, starts, postings };
}

/**
 * `segment` without the records `gone` (deleted, or dropped from the device): their words leave the
 * device with them — the positions of the others renumbered, terms that only they held dropped. Null
 * when the segment holds none of them.
 */
export function withoutRecords(segment: SearchSegment, gone: ReadonlySet<string>): SearchSegment | null {
  const ids = segmentIds(segment);
  if (!ids.some((id) => gone.has(id))) return null;
  const kept: string[] = [];
  const renumbered = ids.map((id) => (gone.has(id) ? -1 : kept.push(id) - 1));
  const terms: string[] = [];
  const starts: number[] = [];
  const postings: number[] = [];
  segment.terms.forEach((term, i) => {
    const positions: number[] = [];
    for (let j = segment.starts[i] as number; j < (segment.starts[i + 1] as number); j++) {
      const position = renumbered[segment.postings[j] as number] as number;
      if (position >= 0) positions.push(position);
    }
    if (positions.length === 0) return;
    terms.push(term);
    starts.push(postings.length);
    postings.push(...positions);
  });
  starts.push(postings.length);
  return {
    ...(segment.seg === undefined ? {} : { seg: segment.seg }),
    type: segment.type,
    ...packIds(kept),
    size: kept.length,
    terms,
    starts: Uint32Array.from(starts),
    postings: Uint16Array.from(postings),
  };
}

function lowerBound(terms: readonly string[], word: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((terms[mid] as string) < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Ids of the segment's records in which every word begins some word. */
export function matchSegment(segment: SearchSegment, words: readonly string[]): string[] {
  let found: Set<number> | null = null;
  for (const word of words) {
    const hits = new Set<number>();
    for (let i = lowerBound(segment.terms, word); i < segment.terms.length; i++) {
      if (!(segment.terms[i] as string).startsWith(word)) break;
      for (let j = segment.starts[i] as number; j < (segment.starts[i + 1] as number); j++)
        if (!found || found.has(segment.postings[j] as number)) hits.add(segment.postings[j] as number);
    }
    found = hits;
    if (found.size === 0) return [];
  }
  return [...(found ?? [])].map((p) => segmentId(segment, p));
}
