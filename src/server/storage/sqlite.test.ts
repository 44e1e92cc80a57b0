import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncedRecord } from '../../domain/record';
import { openSqliteStorage } from './sqlite';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const meeting = (id: string, date: string, kind: string): SyncedRecord => {
  const fields = { pairId: 'p', date, kind, durationMin: 30, notes: '' };
  const stamps = Object.fromEntries(Object.keys(fields).map((k) => [k, '2026-01-01T00:00:00.000Z_0000_a']));
  return { id, type: 'meeting', fields, stamps };
};

describe('the SQLite storage', () => {
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
    expect(await storage.transaction((tx) => tx.currentRev())).toBe(3);
    await storage.close();
  });
});
