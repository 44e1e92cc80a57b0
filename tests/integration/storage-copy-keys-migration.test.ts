// Conflict copies made by a server before copies followed their author's access are re-keyed when the
// database is opened by this one (SQLite migration 8, PostgreSQL 008-copy-keys.sql): under the keys of
// the record they were typed into, as their author's, no more under `author:`.
import pg from 'pg';
import { expect, it } from 'vitest';
import { openPostgresStorage } from '../../src/server/storage/postgres';
import { openTestStorage, TEST_ENGINE } from '../support/test-storage';

it.runIf(TEST_ENGINE === 'postgres')(
  'PostgreSQL re-keys the conflict copies a server before made',
  async () => {
    const { storage, databaseUrl, dispose } = await openTestStorage();
    try {
      const copy = (id: string, field: string) => ({
        record: {
          id,
          type: 'conflict',
          fields: { recordId: 'm1', recordType: 'meeting', field, text: 't', authorId: 'u1', lostStamp: id },
          stamps: {},
        },
        fieldRevs: {},
      });
      await storage.transaction(async (tx) => {
        await tx.createSchool('s', 'Школа', new Date().toISOString());
        await tx.lockSchool('s');
        await tx.putRecord(
          's',
          { record: { id: 'm1', type: 'meeting', fields: {}, stamps: {} }, fieldRevs: {} },
          ['pair:p1'],
          [],
        );
        // As a server before this one stored them: under their author's key.
        await tx.putRecord('s', copy('c1', 'notes'), ['author:u1'], []);
        await tx.putRecord('s', copy('c2', 'privateNotes'), ['author:u1'], []);
        // A dismissed copy, as a delete stores it: without its fields.
        await tx.putRecord(
          's',
          { record: { id: 'c3', type: 'conflict', fields: {}, stamps: {}, deleted: 'z' }, fieldRevs: {} },
          ['author:u1'],
          [],
        );
      });
      // The database as it was before migration 008.
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`DELETE FROM schema_migrations WHERE version = '008-copy-keys.sql'`);
      await client.end();
      const reopened = await openPostgresStorage(databaseUrl);
      try {
        await reopened.transaction(async (tx) => {
          const ids = async (keys: string[]) =>
            (await tx.pullSince('s', 0, keys, 10)).map((r) => r.record.id);
          // A dismissed copy keeps its key: its author's devices are told of the deletion.
          expect(await ids(['author:u1'])).toEqual(['c3']);
          expect(await ids(['copy:u1:pair:p1'])).toEqual(['c1']);
          expect(await ids(['copy:u1:pair-mentor:p1'])).toEqual(['c2']);
        });
      } finally {
        await reopened.close();
      }
    } finally {
      await dispose();
    }
  },
);
