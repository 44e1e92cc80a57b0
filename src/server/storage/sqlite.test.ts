// A database made by an older server opens, is brought up to date, and keeps working.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncedRecord } from '../../domain/record';
import { openSqliteStorage } from './sqlite';
import type { StorageTx } from './storage';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

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
INSERT INTO records VALUES ('s', 'a1', 'formAssignment', 5, '{"record":{"id":"a1","type":"formAssignment","fields":{"personId":"e1","pairId":"p1"},"stamps":{}},"fieldRevs":{}}');
INSERT INTO records VALUES ('s', 'r1', 'formResponse', 6, '{"record":{"id":"r1","type":"formResponse","fields":{"assignmentId":"a1"},"stamps":{}},"fieldRevs":{}}');
INSERT INTO record_keys VALUES ('s', 'assignee:e1', 'a1'), ('s', 'mentor:p1', 'a1');
INSERT INTO record_keys VALUES ('s', 'assignee:e1', 'r1'), ('s', 'response:t1:p1', 'r1');
INSERT INTO records VALUES ('s', 'c1', 'conflict', 7, '{"record":{"id":"c1","type":"conflict","fields":{"recordId":"m1","recordType":"meeting","field":"notes","text":"t","authorId":"u1","lostStamp":"x"},"stamps":{}},"fieldRevs":{}}');
INSERT INTO records VALUES ('s', 'c2', 'conflict', 7, '{"record":{"id":"c2","type":"conflict","fields":{"recordId":"m1","recordType":"meeting","field":"privateNotes","text":"t","authorId":"u1","lostStamp":"y"},"stamps":{}},"fieldRevs":{}}');
INSERT INTO records VALUES ('s', 'c3', 'conflict', 7, '{"record":{"id":"c3","type":"conflict","fields":{},"stamps":{},"deleted":"z"},"fieldRevs":{}}');
INSERT INTO record_keys VALUES ('s', 'author:u1', 'c1'), ('s', 'author:u1', 'c2'), ('s', 'author:u1', 'c3');
`;

const meeting = (id: string, date: string, kind: string): SyncedRecord => {
  const fields = { pairId: 'p', date, kind, durationMin: 30, notes: '' };
  const stamps = Object.fromEntries(Object.keys(fields).map((k) => [k, '2026-01-01T00:00:00.000Z_0000_a']));
  return { id, type: 'meeting', fields, stamps };
};

describe('SQLite storage', () => {
  it('brings a schema-1 database up to date: its records are pulled by key, purged, and revisions go on', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nastavnik-migrate-')), 'old.sqlite');
    const old = new Database(file);
    old.exec(SCHEMA_1);
    old.close();

    const storage = openSqliteStorage(file);
    await storage.transaction(async (tx) => {
      expect((await tx.pullSince('s', 0, ['pair:p1'], 10)).map((r) => r.record.id)).toEqual(['m1']);
      // A form given within a pair and its answer are keyed by the person they were given to too.
      const given = await tx.pullSince('s', 0, ['assigned:p1:e1', 'response:t1:p1:e1'], 10);
      expect(given.map((r) => [r.record.id, r.rev])).toEqual([
        ['a1', 5],
        ['r1', 6],
      ]);
      expect(await tx.pullSince('s', 7, ['pair:p1'], 10)).toEqual([]);
      // Conflict copies made before follow their author's access: under the record's keys, as theirs.
      const copies = async (keys: string[]) =>
        (await tx.pullSince('s', 0, keys, 10)).map((r) => r.record.id).filter((id) => id.startsWith('c'));
      // A dismissed copy keeps its key: its author's devices are told of the deletion.
      expect(await copies(['author:u1'])).toEqual(['c3']);
      expect(await copies(['copy:u1:pair:p1'])).toEqual(['c1']);
      expect(await copies(['copy:u1:pair-mentor:p1'])).toEqual(['c2']);
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
      // As text: kept since it was stored for m2, made from the old row's data for m1 — the same.
      const texts = (await tx.pullTextSince('s', 0, null, 10))
        .filter((r) => !r.wire.includes('"conflict"'))
        .map(({ rev, wire }) => ({ rev, wire }));
      expect(texts).toEqual([
        { rev: 5, wire: '{"id":"a1","fields":{"personId":"e1","pairId":"p1"},"type":"formAssignment"}' },
        { rev: 6, wire: '{"id":"r1","fields":{"assignmentId":"a1"},"type":"formResponse"}' },
        { rev: 7, wire: '{"id":"m1","fields":{"pairId":"p1"},"type":"meeting"}' },
        { rev: 8, wire: '{"id":"m2","fields":{},"type":"meeting"}' },
      ]);
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

  it('gives a database made before history days were kept the days of its meetings, and keeps its records', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nastavnik-sqlite-'));
    dirs.push(dir);
    const file = join(dir, 'old.sqlite');
    const old = new Database(file);
    old.exec(`CREATE TABLE records (school TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL,
      rev INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (school, id));
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO meta VALUES ('rev', '3');`);
    const insert = old.prepare('INSERT INTO records VALUES (?, ?, ?, ?, ?)');
    const rows = [meeting('m1', '2020-01-10', 'regular'), meeting('m2', '2020-01-11', 'trial')];
    rows.forEach(
      (r, i) => void insert.run('s', r.id, r.type, i + 1, JSON.stringify({ record: r, fieldRevs: {} })),
    );
    insert.run(
      's',
      'p1',
      'person',
      3,
      JSON.stringify({ record: { id: 'p1', type: 'person', fields: {}, stamps: {} } }),
    );
    old.close();

    const storage = openSqliteStorage(file);
    const part = { upTo: 3, cutoff: '2021-01-01' };
    const { history, current, all } = await storage.transaction(async (tx) => ({
      history: await tx.pullSince('s', 0, null, 10, { ...part, part: 'history' }),
      current: await tx.pullSince('s', 0, null, 10, { ...part, part: 'current' }),
      all: await tx.countSince('s', 0, null),
    }));
    expect(history.map((r) => r.record.id)).toEqual(['m1']);
    expect(current.map((r) => r.record.id)).toEqual(['m2', 'p1']);
    expect(all).toBe(3);
    expect(await storage.transaction((tx) => tx.latestRev('s'))).toBe(3);
    await storage.close();
  });

  it('copies its write-ahead log into the database file within a second of a commit, while writes go on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nastavnik-sqlite-'));
    dirs.push(dir);
    const file = join(dir, 'school.sqlite');
    const storage = openSqliteStorage(file);
    await storage.transaction((tx) => tx.createSchool('s', 'Школа', '2026-11-01T00:00:00.000Z'));
    const written = statSync(file).size;
    // A school that never pauses: a meeting every 20 ms. Its writes reach the database file long before
    // the log holds SQLite's own mark of pages (a power cut takes only what the log holds).
    let i = 0;
    while (statSync(file).size <= written) {
      await storage.transaction(async (tx) => {
        await tx.lockSchool('s');
        await tx.putRecord(
          's',
          { record: meeting(`m${i++}`, '2026-11-01', 'regular'), fieldRevs: {} },
          ['k'],
          [],
        );
      });
      expect(statSync(`${file}-wal`).size).toBeLessThan(1_000 * 4_096);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await storage.close();
  });

  it('commits transactions handed in together as one, each answered once committed and undone alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nastavnik-sqlite-'));
    dirs.push(dir);
    const file = join(dir, 'school.sqlite');
    const storage = openSqliteStorage(file);
    await storage.transaction((tx) => tx.createSchool('s', 'Школа', '2026-11-01T00:00:00.000Z'));
    // Another process's view of the file: it sees only what was committed.
    const other = new Database(file, { readonly: true });
    const committed = (id: string) =>
      other.prepare('SELECT 1 FROM records WHERE id = ?').get(id) !== undefined;
    const put = (id: string) => async (tx: StorageTx) => {
      await tx.lockSchool('s');
      return tx.putRecord('s', { record: meeting(id, '2026-11-01', 'regular'), fieldRevs: {} }, ['k'], []);
    };
    const seenAtAnswer: boolean[] = [];
    const first = storage.transaction(put('m1')).then((rev) => {
      seenAtAnswer.push(committed('m1'));
      return rev;
    });
    const failing = storage.transaction(async (tx) => {
      await put('m2')(tx);
      throw new Error('a fault in this transaction only');
    });
    const third = storage.transaction(put('m3'));
    const [a, b, c] = await Promise.allSettled([first, failing, third]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    expect(c.status).toBe('fulfilled');
    expect(seenAtAnswer).toEqual([true]);
    expect([committed('m1'), committed('m2'), committed('m3')]).toEqual([true, false, true]);
    // The undone transaction's revision is handed out again: revisions stay without gaps, in order.
    const revs = [a, c].map((r) => (r as PromiseFulfilledResult<number>).value);
    expect(revs[1]).toBe((revs[0] as number) + 1);
    expect(await storage.read((tx) => tx.latestRev('s'))).toBe(revs[1]);
    other.close();
    await storage.close();
  });

  it('says which questionnaires let mentors read answers as they are now: changed, deleted, or a change undone', async () => {
    const storage = openSqliteStorage(':memory:');
    const template = (id: string, visibleToMentor: boolean, deleted?: string): SyncedRecord => ({
      id,
      type: 'formTemplate',
      fields: { title: id, visibleToMentor },
      stamps: {},
      ...(deleted ? { deleted } : {}),
    });
    const put = (record: SyncedRecord) => (tx: StorageTx) =>
      tx.putRecord('s', { record, fieldRevs: {} }, ['templates'], []);
    const visible = () => storage.read((tx) => tx.idsWhereTrue('s', 'formTemplate', 'visibleToMentor'));
    await storage.transaction(async (tx) => {
      await put(template('t1', true))(tx);
      await put(template('t2', false))(tx);
    });
    expect(await visible()).toEqual(['t1']);
    await storage.transaction(put(template('t2', true)));
    expect((await visible()).sort()).toEqual(['t1', 't2']);
    await storage.transaction(put(template('t1', true, '2026-11-02T00:00:00.000Z_0000_a')));
    expect(await visible()).toEqual(['t2']);
    // Asked inside a change that is then undone: what was found there is not kept, though the next write
    // of the same questionnaire takes the same revision.
    await storage.transaction(async (tx) => {
      await tx
        .atomically(async () => {
          await put(template('t2', false))(tx);
          expect(await tx.idsWhereTrue('s', 'formTemplate', 'visibleToMentor')).toEqual([]);
          throw new Error('undone');
        })
        .catch(() => undefined);
      await put(template('t2', true))(tx);
    });
    expect(await visible()).toEqual(['t2']);
    await storage.close();
  });
});
