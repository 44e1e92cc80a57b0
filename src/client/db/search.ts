// Offline search over the meetings, tasks and goals on this device, through the `words` index.
import type { SyncedRecord } from '../../domain/record';
import { queryWords } from '../../domain/search-text';
import type { NastavnikDb } from './database';

export type SearchResults = { meetings: SyncedRecord[]; tasks: SyncedRecord[]; goals: SyncedRecord[] };

const EMPTY: SearchResults = { meetings: [], tasks: [], goals: [] };

async function matching(
  db: NastavnikDb,
  type: 'meeting' | 'task' | 'goal',
  words: string[],
  limit: number,
): Promise<SyncedRecord[]> {
  const table = db.records(type);
  let ids: string[] | null = null;
  // Every word is a prefix: the user may still be typing any of them.
  for (const word of words) {
    const found = new Set((await table.where('words').startsWith(word).primaryKeys()) as string[]);
    ids = ids === null ? [...found] : ids.filter((id) => found.has(id));
    if (ids.length === 0) return [];
  }
  const records = (await table.bulkGet(ids ?? [])).filter(
    (r): r is SyncedRecord => r !== undefined && r.deleted === undefined,
  );
  if (type === 'meeting') records.sort((a, b) => String(b.fields.date).localeCompare(String(a.fields.date)));
  return records.slice(0, limit);
}

export async function search(db: NastavnikDb, query: string, limit = 30): Promise<SearchResults> {
  const words = queryWords(query).filter((w) => w.length >= 2);
  if (words.length === 0) return EMPTY;
  const [meetings, tasks, goals] = await Promise.all([
    matching(db, 'meeting', words, limit),
    matching(db, 'task', words, limit),
    matching(db, 'goal', words, limit),
  ]);
  return { meetings, tasks, goals };
}
