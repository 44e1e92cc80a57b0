// The storage layer's own share of a burst (`npm run bench:server`): what the server could not do
// cheaper however it served the requests. The records the burst wrote are read back from the server's
// SQLite file and written again, with their keys and references, through the same storage layer into
// a new file, in one transaction, on this process's thread. A burst's updates (the tasks ticked) are
// written as new records here: the same rows, keys and index entries, the old ones not read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStorage } from '../../src/server/storage/sqlite';
import type { StoredRow } from '../../src/server/storage/storage';

/** The newest revision in the server's SQLite file `file` (read while the server runs: WAL readers). */
export function latestRevision(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT COALESCE(MAX(rev), 0) AS rev FROM records').get() as { rev: number }).rev;
  } finally {
    db.close();
  }
}

/**
 * The records of `file` above revision `afterRev`, written again through the storage layer in one
 * transaction: how many, and the CPU (ms, user + system) this process spent writing them.
 */
export async function storageFloor(
  file: string,
  afterRev: number,
): Promise<{ records: number; cpuMs: number }> {
  const source = new Database(file, { readonly: true });
  const keysOf = source.prepare('SELECT key FROM record_keys WHERE school = ? AND id = ?').pluck();
  const refsOf = source.prepare('SELECT ref_id FROM record_refs WHERE school = ? AND id = ?').pluck();
  const rows = (
    source.prepare('SELECT school, id, data FROM records WHERE rev > ? ORDER BY rev').all(afterRev) as {
      school: string;
      id: string;
      data: string;
    }[]
  ).map((r) => ({
    school: r.school,
    row: JSON.parse(r.data) as Omit<StoredRow, 'rev'>,
    keys: keysOf.all(r.school, r.id) as string[],
    refs: refsOf.all(r.school, r.id) as string[],
  }));
  source.close();
  const dir = mkdtempSync(join(tmpdir(), 'nastavnik-bench-floor-'));
  const storage = openSqliteStorage(join(dir, 'floor.sqlite'));
  try {
    const schools = [...new Set(rows.map((r) => r.school))];
    await storage.transaction(async (tx) => {
      for (const school of schools) await tx.createSchool(school, 'floor', new Date().toISOString());
    });
    const before = process.cpuUsage();
    await storage.transaction(async (tx) => {
      for (const { school, row, keys, refs } of rows) await tx.putRecord(school, row, keys, refs);
    });
    const used = process.cpuUsage(before);
    return { records: rows.length, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
