// The storage a server test runs on: embedded SQLite by default, PostgreSQL in the `server-postgres`
// test project (vitest.config.ts), so that the whole server suite runs on both engines.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openPostgresStorage } from '../../src/server/storage/postgres';
import { openSqliteStorage } from '../../src/server/storage/sqlite';
import type { Storage } from '../../src/server/storage/storage';
import { createDatabase } from './pg-cluster';

export type TestEngine = 'sqlite' | 'postgres';

export const TEST_ENGINE: TestEngine =
  process.env.NASTAVNIK_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

export type TestStorage = {
  storage: Storage;
  /** What a server process is given to reach the same data: `sqlite:<file>` or `postgres://…`. */
  databaseUrl: string;
  /** Every byte the engine keeps, as text: to prove that secrets are stored only as hashes. */
  rawText(): Promise<string>;
  /** Closes the storage and removes its data. */
  dispose(): Promise<void>;
};

export async function openTestStorage(): Promise<TestStorage> {
  if (TEST_ENGINE === 'postgres') {
    const database = await createDatabase(inject('pgClusterUrl'));
    const storage = await openPostgresStorage(database.url);
    return {
      storage,
      databaseUrl: database.url,
      async rawText() {
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        try {
          const tables = await client.query(
            `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
          );
          let text = '';
          for (const { tablename } of tables.rows)
            text += JSON.stringify((await client.query(`SELECT * FROM ${tablename}`)).rows);
          return text;
        } finally {
          await client.end();
        }
      },
      async dispose() {
        await storage.close();
        await database.drop();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'nastavnik-test-'));
  const file = join(dir, 'nastavnik.sqlite');
  const storage = openSqliteStorage(file);
  return {
    storage,
    databaseUrl: `sqlite:${file}`,
    async rawText() {
      const wal = (() => {
        try {
          return readFileSync(`${file}-wal`).toString('latin1');
        } catch {
          return '';
        }
      })();
      return readFileSync(file).toString('latin1') + wal;
    },
    async dispose() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

declare module 'vitest' {
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation needs an interface
  export interface ProvidedContext {
    pgClusterUrl: string;
  }
}
