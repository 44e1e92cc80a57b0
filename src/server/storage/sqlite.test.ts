// A database made by an older server opens, is brought up to date, and keeps working.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStorage } from './sqlite';

// Schema 1, as the first servers made it.
const SCHEMA_1 = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE schools (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE records (school TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, rev INTEGER NOT NULL,
  data TEXT NOT NULL, PRIMARY KEY (school, id));
CREATE TABLE record_keys (school TEXT NOT NULL, key TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (school, key, id));
CREATE TABLE record_refs (school TEXT NOT NULL, ref_id TEXT NOT NULL, type TEXT NOT NULL, id TEXT NOT NULL,
  PRIMARY KEY (school, ref_id, type, id));
CREATE TABLE nodes (school TEXT NOT NULL, node TEXT NOT NULL, person_id TEXT NOT NULL, PRIMARY KEY (school, node));
INSERT INTO meta VALUES ('rev', '7'), ('schema', '1');
INSERT INTO records VALUES ('s', 'm1', 'meeting', 7, '{"record":{"id":"m1","type":"meeting","fields":{"pairId":"p1"},"stamps":{}},"fieldRevs":{}}');
INSERT INTO record_keys VALUES ('s', 'pair:p1', 'm1');
`;

describe('SQLite storage', () => {
  it('brings a schema-1 database up to date: its records are pulled by key, purged, and revisions go on', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nastavnik-migrate-')), 'old.sqlite');
    const old = new Database(file);
    old.exec(SCHEMA_1);
    old.close();

    const storage = openSqliteStorage(file);
    await storage.transaction(async (tx) => {
      expect((await tx.pullSince('s', 0, ['pair:p1'], 10)).map((r) => r.record.id)).toEqual(['m1']);
      expect(await tx.pullSince('s', 7, ['pair:p1'], 10)).toEqual([]);
      // Rows made before creation revisions were kept count as made at the start: a purge names them.
      expect(await tx.idsUnderKeys('s', ['pair:p1'], 0)).toEqual([{ id: 'm1', keys: ['pair:p1'] }]);
      const rev = await tx.putRecord(
        's',
        { record: { id: 'm2', type: 'meeting', fields: {}, stamps: {} }, fieldRevs: {} },
        ['pair:p1'],
        [],
      );
      expect(rev).toBe(8);
      expect((await tx.pullSince('s', 7, ['pair:p1'], 10)).map((r) => r.record.id)).toEqual(['m2']);
    });
    await storage.close();
    // Opened again, nothing is migrated twice and the revision counter was kept.
    const again = openSqliteStorage(file);
    await again.transaction(async (tx) => {
      const rev = await tx.putRecord(
        's',
        { record: { id: 'm3', type: 'meeting', fields: {}, stamps: {} }, fieldRevs: {} },
        ['pair:p1'],
        [],
      );
      expect(rev).toBe(9);
    });
    await again.close();
  });
});
