// Offline search over the meetings, tasks and goals on this device: the words index (search-index.ts)
// names the candidates, records noted but not indexed yet are candidates too, and each candidate is
// read and matched before it is shown, so answers are complete and correct whatever the index holds.
// People are found by name from the person table itself (see pairsNamed).
import type { SyncedRecord } from '../../domain/record';
import { queryWords, wordsOf } from '../../domain/search-text';
import type { NastavnikDb } from './database';
import { matchSegment, recordMatches, type SearchedType, type SearchSegment } from './search-index';

export type SearchResults = {
  /** Pairs one of whose people (mentor or mentee) the query names. */
  pairs: SyncedRecord<'pair'>[];
  meetings: SyncedRecord<'meeting'>[];
  tasks: SyncedRecord<'task'>[];
  goals: SyncedRecord<'goal'>[];
  total: number;
  hasMore: boolean;
};

const EMPTY: SearchResults = { pairs: [], meetings: [], tasks: [], goals: [], total: 0, hasMore: false };
const CHUNK = 100;

const nameMatches = (name: string, words: readonly string[]) => {
  const own = wordsOf([name]);
  return words.every((w) => own.some((x) => x.startsWith(w)));
};

export type Searcher = { search(query: string, limit?: number): Promise<SearchResults> };

/**
 * A searcher keeps the index's segments in memory (they never change once written; merged ones are
 * replaced), so typing reads only the candidates' records.
 */
export function createSearcher(db: NastavnikDb): Searcher {
  const cache = new Map<number, SearchSegment>();

  async function segments(): Promise<SearchSegment[]> {
    const keys = (await db.searchIndex.toCollection().primaryKeys()) as number[];
    const current = new Set(keys);
    for (const seg of cache.keys()) if (!current.has(seg)) cache.delete(seg);
    const missing = keys.filter((k) => !cache.has(k));
    for (const segment of await db.searchIndex.bulkGet(missing))
      if (segment) cache.set(segment.seg as number, segment);
    return keys.flatMap((k) => cache.get(k) ?? []);
  }

  /** The newest `limit + 1` matching records of a type (ids are time-ordered). */
  async function matching<T extends SearchedType>(
    type: T,
    words: string[],
    all: SearchSegment[],
    limit: number,
  ): Promise<{ records: SyncedRecord<T>[]; hasMore: boolean }> {
    const table = db.records(type);
    const candidates = new Set<string>();
    for (const segment of all)
      if (segment.type === type) for (const id of matchSegment(segment, words)) candidates.add(id);
    const queued = (await db.searchQueue.toArray()).filter((e) => e.type === type);
    for (const entry of queued) for (const id of entry.ids ?? []) candidates.add(id);
    // What the user wrote and the server does not have yet is found through the outbox.
    for (const entry of await db.outbox.toArray())
      if (entry.change.type === type) candidates.add(entry.recordId);
    const found: SyncedRecord<T>[] = [];
    const ordered = [...candidates].sort().reverse();
    for (let i = 0; i < ordered.length && found.length <= limit; i += CHUNK) {
      for (const r of await table.bulkGet(ordered.slice(i, i + CHUNK)))
        if (r && recordMatches(type, r, words)) found.push(r);
    }
    // A table not indexed yet at all (after an upgrade): what the pass has not reached is read directly.
    const pass = queued.find((e) => e.all);
    if (pass && found.length <= limit) {
      const rest = pass.before === undefined ? table.orderBy(':id') : table.where(':id').below(pass.before);
      await rest
        .reverse()
        .until(() => found.length > limit)
        .each((r) => {
          if (!candidates.has(r.id) && recordMatches(type, r, words)) found.push(r);
        });
    }
    return { records: found.slice(0, limit), hasMore: found.length > limit };
  }

  /**
   * Pairs whose mentor or a mentee has a name every query word begins a word of. Not through the words
   * index: the device holds only the people its user may see (a school's at most, some thousands of short
   * rows, read whole in one getAll as the people list does), so reading them is quick, always current, and
   * adds nothing to a first sync.
   */
  async function pairsNamed(words: string[], limit: number): Promise<SyncedRecord<'pair'>[]> {
    const named = (await db.records('person').toArray())
      .filter((p) => p.deleted === undefined && nameMatches(p.fields.fullName ?? '', words))
      .map((p) => p.id);
    if (named.length === 0) return [];
    const pairs = db.records('pair');
    const [asMentor, asMentee] = await Promise.all([
      pairs.where('fields.mentorId').anyOf(named).toArray(),
      pairs.where('fields.menteeIds').anyOf(named).toArray(),
    ]);
    const byId = new Map([...asMentee, ...asMentor].map((p) => [p.id, p]));
    return [...byId.values()].filter((p) => p.deleted === undefined).slice(0, limit);
  }

  return {
    async search(query, limit = 30) {
      const words = [...new Set(queryWords(query).filter((w) => w.length >= 2))];
      if (words.length === 0) return EMPTY;
      const all = await segments();
      const [pairs, meetings, tasks, goals] = await Promise.all([
        pairsNamed(words, limit),
        matching('meeting', words, all, limit),
        matching('task', words, all, limit),
        matching('goal', words, all, limit),
      ]);
      // Meetings newest first by their date (a meeting may be recorded long after it took place).
      meetings.records.sort((a, b) => (b.fields.date ?? '').localeCompare(a.fields.date ?? ''));
      return {
        pairs,
        meetings: meetings.records,
        tasks: tasks.records,
        goals: goals.records,
        total: pairs.length + meetings.records.length + tasks.records.length + goals.records.length,
        hasMore: meetings.hasMore || tasks.hasMore || goals.hasMore,
      };
    },
  };
}

/** One search without a kept cache (tests, one-off callers). */
export function search(db: NastavnikDb, query: string, limit = 30): Promise<SearchResults> {
  return createSearcher(db).search(query, limit);
}
