// Offline search over the meetings, tasks and goals on this device: the words index (search-index.ts)
// names the candidates, records noted but not indexed yet are candidates too, and each candidate is
// read and matched before it is shown, so answers are complete and correct whatever the index holds.
// A word may also name a person (namesOf): it then finds that person's pairs and their records.
import type { SyncedRecord } from '../../domain/record';
import { queryWords, wordsOf } from '../../domain/search-text';
import type { NastavnikDb } from './database';
import { matchSegment, recordMatches, type SearchedType, type SearchSegment } from './search-index';

export type SearchResults = {
  /** Pairs every query word names one of the people of (mentor or mentees). */
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

/** Query words that begin a word of someone's name: the pairs they are in and those pairs' plans. */
type Named = Map<string, { pairs: Map<string, SyncedRecord<'pair'>>; plans: Set<string> }>;

/** The pairs every query word names someone of («Лебедева Маша»: her pair with Лебедева). */
function namedByAll(words: readonly string[], named: Named): SyncedRecord<'pair'>[] {
  const [first, ...rest] = words.map((w) => named.get(w));
  if (!first || rest.some((n) => !n)) return [];
  return [...first.pairs.values()].filter((p) => rest.every((n) => n?.pairs.has(p.id)));
}

/** True when every query word begins a word of the record or names someone of the record's pair. */
function recordMatchesNamed(type: SearchedType, record: SyncedRecord, words: string[], named: Named) {
  if (record.deleted !== undefined) return false;
  const parent = String((type === 'meeting' ? record.fields.pairId : record.fields.planId) ?? '');
  const namesSomeone = (w: string) => {
    const n = named.get(w);
    return n !== undefined && (type === 'meeting' ? n.pairs.has(parent) : n.plans.has(parent));
  };
  return recordMatches(
    type,
    record,
    words.filter((w) => !namesSomeone(w)),
  );
}

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
    named: Named,
    all: SearchSegment[],
    limit: number,
  ): Promise<{ records: SyncedRecord<T>[]; hasMore: boolean }> {
    const table = db.records(type);
    const matches = (r: SyncedRecord) => recordMatchesNamed(type, r, words, named);
    // Every word that names no one must be in the record's own words, so the index of those words
    // alone names every candidate; when every word names someone, the named pairs' records are
    // candidates too.
    const textWords = words.filter((w) => !named.has(w));
    const candidates = new Set<string>();
    for (const segment of all)
      if (segment.type === type)
        for (const id of matchSegment(segment, textWords.length ? textWords : words)) candidates.add(id);
    if (textWords.length === 0 && named.size > 0)
      for (const id of await recordsOfNamed(type, named)) candidates.add(id);
    const queued = (await db.searchQueue.toArray()).filter((e) => e.type === type);
    for (const entry of queued) for (const id of entry.ids ?? []) candidates.add(id);
    // What the user wrote and the server does not have yet is found through the outbox.
    for (const entry of await db.outbox.toArray())
      if (entry.change.type === type) candidates.add(entry.recordId);
    const found: SyncedRecord<T>[] = [];
    const ordered = [...candidates].sort().reverse();
    for (let i = 0; i < ordered.length && found.length <= limit; i += CHUNK) {
      for (const r of await table.bulkGet(ordered.slice(i, i + CHUNK))) if (r && matches(r)) found.push(r);
    }
    // A table not indexed yet at all (after an upgrade): what the pass has not reached is read directly.
    const pass = queued.find((e) => e.all);
    if (pass && found.length <= limit) {
      const rest = pass.before === undefined ? table.orderBy(':id') : table.where(':id').below(pass.before);
      await rest
        .reverse()
        .until(() => found.length > limit)
        .each((r) => {
          if (!candidates.has(r.id) && matches(r)) found.push(r);
        });
    }
    return { records: found.slice(0, limit), hasMore: found.length > limit };
  }

  /**
   * For each query word that begins a word of a person's name: the pairs that person is in (as mentor
   * or mentee) and those pairs' plans. Not through the words index: the device holds only the people
   * its user may see (a school's at most, some thousands of short rows, read whole in one getAll as the
   * people list does), so reading them is quick, always current, and adds nothing to a first sync.
   */
  async function namesOf(words: string[]): Promise<Named> {
    const people = (await db.records('person').toArray()).filter((p) => p.deleted === undefined);
    const named: Named = new Map();
    const pairs = db.records('pair');
    for (const word of words) {
      const ids = people.filter((p) => nameMatches(p.fields.fullName ?? '', [word])).map((p) => p.id);
      if (ids.length === 0) continue;
      const [asMentor, asMentee] = await Promise.all([
        pairs.where('fields.mentorId').anyOf(ids).toArray(),
        pairs.where('fields.menteeIds').anyOf(ids).toArray(),
      ]);
      const live = new Map(
        [...asMentee, ...asMentor].filter((p) => p.deleted === undefined).map((p) => [p.id, p]),
      );
      const planIds = await db
        .records('plan')
        .where('fields.pairId')
        .anyOf([...live.keys()])
        .primaryKeys();
      named.set(word, { pairs: live, plans: new Set(planIds as string[]) });
    }
    return named;
  }

  /** Ids of the records of a type that belong to a pair a word names. */
  async function recordsOfNamed(type: SearchedType, named: Named): Promise<string[]> {
    const all = [...named.values()];
    const keys =
      type === 'meeting'
        ? db
            .records('meeting')
            .where('fields.pairId')
            .anyOf(all.flatMap((n) => [...n.pairs.keys()]))
        : db
            .records(type)
            .where('fields.planId')
            .anyOf(all.flatMap((n) => [...n.plans]));
    return (await keys.primaryKeys()) as string[];
  }

  return {
    async search(query, limit = 30) {
      const words = [...new Set(queryWords(query).filter((w) => w.length >= 2))];
      if (words.length === 0) return EMPTY;
      const all = await segments();
      const named = await namesOf(words);
      const [meetings, tasks, goals] = await Promise.all([
        matching('meeting', words, named, all, limit),
        matching('task', words, named, all, limit),
        matching('goal', words, named, all, limit),
      ]);
      const pairs = namedByAll(words, named).slice(0, limit);
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
