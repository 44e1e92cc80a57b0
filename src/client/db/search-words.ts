// Offline search: every stored meeting, task and goal carries the words of its texts in a multi-entry
// index (`words`), kept up to date by this middleware on every write, local or from sync.
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import type { SyncedRecord } from '../../domain/record';
import { wordsOf } from '../../domain/search-text';

const SEARCHED_FIELDS: Record<string, readonly string[]> = {
  meeting: ['notes', 'privateNotes', 'topics', 'nextSteps', 'cancelReason'],
  task: ['title', 'evidence'],
  goal: ['title', 'description', 'area'],
};

function withWords(row: SyncedRecord & { words?: string[] }, fields: readonly string[]) {
  const texts: unknown[] = row.deleted === undefined ? fields.map((f) => row.fields?.[f]) : [];
  return { ...row, words: wordsOf(texts) };
}

export const searchWordsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'search-words',
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        const fields = SEARCHED_FIELDS[name];
        if (!fields) return table;
        return {
          ...table,
          mutate(req: DBCoreMutateRequest) {
            if (req.type !== 'add' && req.type !== 'put') return table.mutate(req);
            return table.mutate({
              ...req,
              values: req.values.map((v) => withWords(v as SyncedRecord, fields)),
            });
          },
        };
      },
    };
  },
};
