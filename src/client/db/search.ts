// Offline search over the meetings, tasks and goals on this device, through the `words` index.
import type { SyncedRecord } from '../../domain/record';
import { queryWords } from '../../domain/search-text';
import type { NastavnikDb } from './database';

export type SearchResults = {
  meetings: SyncedRecord[];
  tasks: SyncedRecord[];
  goals: SyncedRecord[];
  total: number;
  hasMore: boolean;
};

const EMPTY: SearchResults = { meetings: [], tasks: [], goals: [], total: 0, hasMore: false };
/** How many records one query looks at at most: answers stay fast on a phone holding years of notes. */
const MAX_SCAN = 2_000;

type Indexed = SyncedRecord & { words?: string[] };

/**
 * Walks the index of the longest word (the rarest, most likely) from the newest record back — ids are
 * time-ordered (UUIDv7) — keeping records whose words also start with every other query word.
 */
async function matching(db: NastavnikDb, type: 'meeting' | 'task' | 'goal', words: string[], limit: number) {
  const driver = words.reduce((a, b) => (b.length > a.length ? b : a));
  const others = words.filter((w) => w !== driver);
  let scanned = 0;
  const rows = (await db
    .records(type)
    .where('words')
    .startsWith(driver)
    .reverse()
    .distinct()
    .until(() => ++scanned > MAX_SCAN)
    .filter(
      (row: Indexed) =>
        row.deleted === undefined && others.every((w) => row.words?.some((x) => x.startsWith(w))),
    )
    .limit(limit + 1)
    .toArray()) as Indexed[];
  const records = rows.slice(0, limit).map(({ words: _words, ...record }) => record);
  if (type === 'meeting') records.sort((a, b) => String(b.fields.date).localeCompare(String(a.fields.date)));
  return { records, hasMore: rows.length > limit || scanned > MAX_SCAN };
}

export async function search(db: NastavnikDb, query: string, limit = 30): Promise<SearchResults> {
  const words = [...new Set(queryWords(query).filter((w) => w.length >= 2))];
  if (words.length === 0) return EMPTY;
  const [meetings, tasks, goals] = await Promise.all([
    matching(db, 'meeting', words, limit),
    matching(db, 'task', words, limit),
    matching(db, 'goal', words, limit),
  ]);
  return {
    meetings: meetings.records,
    tasks: tasks.records,
    goals: goals.records,
    total: meetings.records.length + tasks.records.length + goals.records.length,
    hasMore: meetings.hasMore || tasks.hasMore || goals.hasMore,
  };
}
