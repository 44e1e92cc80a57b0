// A consistent snapshot of a running server's database, for `npm run backup`. The server keeps SQLite in
// WAL mode: its newest data lives in the `-wal` file until a checkpoint, so copying `nastavnik.sqlite`
// alone can give a file without tables. SQLite's online backup API copies the database as one
// connection sees it at a moment, WAL included, while the server goes on writing.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { readConfig } from './config';

export type BackupResult =
  | { ok: true; file: string; engine: string; records: number }
  | { ok: false; reason: string };

type Engine = (env: NodeJS.ProcessEnv, target: string) => Promise<BackupResult>;

/** SQLite: the online backup API, then an integrity check of the copy. */
const sqlite: Engine = async (env, target) => {
  const source = readConfig(env).databaseFile;
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
 * The engines this command can back up, by the scheme of DATABASE_URL (none: the embedded SQLite file).
 * Another engine adds its entry here; until then its URL is refused with a reason.
 */
const ENGINES: Record<string, Engine> = { sqlite };

export function engineOf(env: NodeJS.ProcessEnv): string {
  const url = env.DATABASE_URL;
  if (!url) return 'sqlite';
  return /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase() ?? url;
}

/** The default name of a backup: in `<data dir>/backups`, named by the time it was taken (UTC). */
export function defaultBackupFile(env: NodeJS.ProcessEnv, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return resolve(env.NASTAVNIK_DATA_DIR ?? './data', 'backups', `nastavnik-${stamp}.sqlite`);
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
