// The write-ahead log reaches the database file within a second of a commit, copied on a thread of its
// own: the server's thread, which answers every request, never waits for that copy.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { openSqliteStorage } from './sqlite';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it('copies the log into the file within a second of a commit, never on the thread that serves requests', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nastavnik-checkpoint-'));
  dirs.push(dir);
  const file = join(dir, 'nastavnik.sqlite');
  const onThisThread: string[] = [];
  const pragma = Database.prototype.pragma;
  Database.prototype.pragma = function (this: Database.Database, ...args: Parameters<typeof pragma>) {
    if (/wal_checkpoint/i.test(args[0])) onThisThread.push(args[0]);
    return pragma.apply(this, args);
  } as typeof pragma;
  const storage = openSqliteStorage(file);
  try {
    await storage.transaction((tx) => tx.createSchool('s1', 'Школа № 1', '2026-12-01T10:00:00Z'));
    // The file alone, as a power cut would leave it without its log: the school is in it once copied.
    const copy = join(dir, 'copy.sqlite');
    const schoolsInFile = () => {
      copyFileSync(file, copy);
      const db = new Database(copy, { readonly: true });
      try {
        return (db.prepare('SELECT name FROM schools').all() as { name: string }[]).map((r) => r.name);
      } finally {
        db.close();
      }
    };
    await expect.poll(schoolsInFile, { timeout: 10_000 }).toEqual(['Школа № 1']);
    expect(onThisThread).toEqual([]);
  } finally {
    Database.prototype.pragma = pragma;
    await storage.close();
  }
});
