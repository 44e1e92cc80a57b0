// A consistent snapshot of a running server's database, for `npm run backup`. The server keeps SQLite in
// WAL mode: its newest data lives in the `-wal` file until a checkpoint, so copying `nastavnik.sqlite`
// alone can give a file without tables. SQLite's online backup API copies the database as one
// connection sees it at a moment, WAL included, while the server goes on writing.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { readConfig } from './config';
import { markRestored } from './storage/sqlite';

export type BackupResult =
  | { ok: true; file: string; engine: string; records: number }
  | { ok: false; reason: string };

type Engine = (env: NodeJS.ProcessEnv, target: string) => Promise<BackupResult>;

/** SQLite: the online backup API, then an integrity check of the copy. */
const sqlite: Engine = async (env, target) => {
  const database = readConfig(env).database;
  if (database.engine !== 'sqlite') return { ok: false, reason: 'not an SQLite database' };
  const source = database.file;
  let db: Database.Database;
  try {
    db = new Database(source, { readonly: true, fileMustExist: true });
  } catch (error) {
    return { ok: false, reason: `cannot open ${source}: ${(error as Error).message}` };
  }
  try {
    mkdirSync(dirname(target), { recursive: true });
    await db.backup(target);
  } finally {
    db.close();
  }
  // The copy says it is one (storage/sqlite.ts RESTORED_MARK): a server that opens it after a restore
  // moves its revisions past any the original went on to issue, so that devices' cursors stay behind.
  const marking = new Database(target);
  try {
    markRestored(marking);
  } finally {
    marking.close();
  }
  const copy = new Database(target, { readonly: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') return { ok: false, reason: `the copy failed its integrity check: ${String(check)}` };
    const { n } = copy.prepare('SELECT count(*) AS n FROM records').get() as { n: number };
    return { ok: true, file: target, engine: 'sqlite', records: n };
  } finally {
    copy.close();
  }
};

/**
 * PostgreSQL: `pg_dump`, PostgreSQL's own tool, which reads the whole database in one snapshot while the
 * servers go on writing; restored with `pg_restore` into an empty database (README, Backups).
 */
const postgres: Engine = async (env, target) => {
  const url = env.DATABASE_URL as string;
  mkdirSync(dirname(target), { recursive: true });
  // The copy says it is one (postgres migration 006): marked just before the snapshot, unmarked after.
  // A server process that starts in between clears marks as it starts (postgres.ts) and may take this
  // one before pg_dump's snapshot: the copy is then read back, and taken again without a mark in it.
  const marker = new pg.Client({ connectionString: url });
  await marker.connect();
  try {
    // A database this version's server has not opened yet (a backup before an upgrade) lacks the table.
    await marker.query(
      'CREATE TABLE IF NOT EXISTS restore_marks (id BIGSERIAL PRIMARY KEY, taken_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    for (let attempt = 1; ; attempt++) {
      const mark = await marker.query('INSERT INTO restore_marks DEFAULT VALUES RETURNING id');
      const id = String(mark.rows[0]?.id);
      const dump = spawnSync(
        'pg_dump',
        ['--format=custom', '--no-owner', `--file=${target}`, `--dbname=${url}`],
        { encoding: 'utf8' },
      );
      await marker.query('DELETE FROM restore_marks WHERE id = $1', [id]);
      if (dump.error)
        return {
          ok: false,
          reason: `pg_dump could not run (${dump.error.message}): install PostgreSQL's client`,
        };
      if (dump.status !== 0) return { ok: false, reason: `pg_dump failed: ${dump.stderr.trim()}` };
      const marks = spawnSync('pg_restore', ['--data-only', '--table=restore_marks', '--file=-', target], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (marks.error || marks.status !== 0)
        return {
          ok: false,
          reason: `pg_restore could not read the copy back (${marks.error?.message ?? marks.stderr.trim()}): install PostgreSQL's client`,
        };
      if (new RegExp(`^${id}\t`, 'm').test(marks.stdout ?? '')) break;
      if (attempt === 3)
        return {
          ok: false,
          reason:
            'the copy kept losing its restore mark (server processes were starting meanwhile): try again',
        };
    }
    const { rows } = await marker.query('SELECT count(*)::int AS n FROM records');
    return { ok: true, file: target, engine: 'postgres', records: Number(rows[0]?.n ?? 0) };
  } finally {
    await marker.end();
  }
};

/** The engines this command can back up, by the scheme of DATABASE_URL (none: the embedded SQLite file). */
const ENGINES: Record<string, Engine> = { sqlite, postgres, postgresql: postgres };

function engineOf(env: NodeJS.ProcessEnv): string {
  const url = env.DATABASE_URL;
  if (!url) return 'sqlite';
  return /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase() ?? url;
}

/** The default name of a backup: in `<data dir>/backups`, named by the time it was taken (UTC). */
export function defaultBackupFile(env: NodeJS.ProcessEnv, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const extension = engineOf(env) === 'sqlite' ? 'sqlite' : 'dump';
  return resolve(env.NASTAVNIK_DATA_DIR ?? './data', 'backups', `nastavnik-${stamp}.${extension}`);
}

/** Backs up the database the environment names (as `npm start` reads it) into `target`. */
export async function backupDatabase(env: NodeJS.ProcessEnv, target: string): Promise<BackupResult> {
  const engine = engineOf(env);
  const run = ENGINES[engine];
  if (!run)
    return {
      ok: false,
      reason: `DATABASE_URL names the engine "${engine}", which this command cannot back up; use that engine's own backup tool`,
    };
  return run(env, resolve(target));
}
