// A fresh school's database for the models' tests, with its repository and queries.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { NastavnikDb } from '../../src/client/db/database';
import { createQueries } from '../../src/client/db/queries';
import { createRepository, type WriteResult } from '../../src/client/db/repository';

/** A fresh school's database, its repository and queries, and `id`: the id of a record a write made. */
export function freshSchool(name: string) {
  const db = new NastavnikDb(`${name}-${Math.random()}`, { indexedDB, IDBKeyRange });
  const id = async (write: Promise<WriteResult>) => {
    const result = await write;
    if (!result.ok) throw new Error(result.reason);
    return result.id;
  };
  return { db, repo: createRepository(db), queries: createQueries(db), id };
}
