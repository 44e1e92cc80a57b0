// The text of each record's compact form, which a first pull sends as it is (storage/wire-text.ts), never
// outlives the record it was made from — even when a server process older than the text, still running on
// the same database, changes the record. On each engine.
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { compactRecord } from '../../src/domain/compact-record';
import type { SyncedRecord } from '../../src/domain/record';
import { openTestStorage, TEST_ENGINE, type TestStorage } from '../support/test-storage';

let test: TestStorage | undefined;
afterEach(async () => test?.dispose());

const STAMP = '2026-11-01T10:00:00.000Z_0000_phone';
const meeting = (notes: string): SyncedRecord => ({
  id: '0193a3f0-0000-7000-8000-0000000000aa',
  type: 'meeting',
  fields: { pairId: '0193a3f0-0000-7000-8000-0000000000bb', date: '2026-11-01', notes },
  stamps: { pairId: STAMP, date: STAMP, notes: STAMP },
});

/** What a server of schema 4 (SQLite) or migration 003 (PostgreSQL) does to store a changed record. */
async function putAsOlderServer(url: string, record: SyncedRecord, rev: number): Promise<void> {
  const data = JSON.stringify({ record, fieldRevs: {} });
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length));
    db.prepare(
      `INSERT INTO records (school, id, type, rev, data, created_rev, day) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (school, id) DO UPDATE SET type = excluded.type, rev = excluded.rev, data = excluded.data,
       day = excluded.day`,
    ).run('s', record.id, record.type, rev, data, rev, null);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    `INSERT INTO records (school, id, type, rev, created_rev, data, day) VALUES ($1, $2, $3, $4, $4, $5, NULL)
     ON CONFLICT (school, id) DO UPDATE SET type = EXCLUDED.type, rev = EXCLUDED.rev, data = EXCLUDED.data,
       day = EXCLUDED.day`,
    ['s', record.id, record.type, rev, data],
  );
  await client.end();
}

describe(`a record's text for first pulls (${TEST_ENGINE})`, () => {
  it('is the record as stored, and follows a change an older server process makes', async () => {
    test = await openTestStorage();
    const { storage } = test;
    await storage.transaction(async (tx) => {
      await tx.createSchool('s', 'Школа', '2026-11-01T00:00:00.000Z');
      await tx.lockSchool('s');
      await tx.putRecord('s', { record: meeting('Первая запись'), fieldRevs: {} }, ['k'], []);
    });
    const texts = () => storage.read((tx) => tx.pullTextSince('s', 0, null, 10));
    expect((await texts()).map((t) => JSON.parse(t.wire))).toEqual([compactRecord(meeting('Первая запись'))]);

    await putAsOlderServer(test.databaseUrl, meeting('Исправлено старым сервером'), 99);
    expect((await texts()).map((t) => JSON.parse(t.wire))).toEqual([
      compactRecord(meeting('Исправлено старым сервером')),
    ]);
    // And this server's next change keeps its text again.
    await storage.transaction(async (tx) => {
      await tx.lockSchool('s');
      await tx.putRecord('s', { record: meeting('Снова новый'), fieldRevs: {} }, null, null);
    });
    expect((await texts()).map((t) => JSON.parse(t.wire))).toEqual([compactRecord(meeting('Снова новый'))]);
  });
});
