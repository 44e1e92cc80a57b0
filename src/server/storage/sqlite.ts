// Embedded storage: one SQLite file in WAL mode (better-sqlite3). Calls are synchronous underneath;
// a queue lets one transaction run at a time, so revisions commit in the order they are handed out.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SyncedRecord } from '../../domain/record';
import type { Role } from '../../domain/sync-contract';
import { historyDay, type PullPart } from './pull-order';
import type { Device, Invite, Storage, StorageTx, StoredRow } from './storage';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS schools (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
  school TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, rev INTEGER NOT NULL, data TEXT NOT NULL,
  day TEXT, PRIMARY KEY (school, id));
CREATE INDEX IF NOT EXISTS records_by_rev ON records (school, rev);
CREATE INDEX IF NOT EXISTS records_by_type ON records (school, type);
CREATE TABLE IF NOT EXISTS record_keys (school TEXT NOT NULL, key TEXT NOT NULL, id TEXT NOT NULL,
  PRIMARY KEY (school, key, id));
CREATE INDEX IF NOT EXISTS record_keys_by_id ON record_keys (school, id);
CREATE TABLE IF NOT EXISTS record_refs (school TEXT NOT NULL, ref_id TEXT NOT NULL, type TEXT NOT NULL, id TEXT NOT NULL,
  PRIMARY KEY (school, ref_id, type, id));
CREATE INDEX IF NOT EXISTS record_refs_by_id ON record_refs (school, id);
CREATE TABLE IF NOT EXISTS scopes (school TEXT NOT NULL, hash TEXT NOT NULL, grants TEXT NOT NULL,
  PRIMARY KEY (school, hash));
CREATE TABLE IF NOT EXISTS devices (id TEXT PRIMARY KEY, school TEXT NOT NULL, person_id TEXT NOT NULL,
  role TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, name TEXT NOT NULL, created_at TEXT NOT NULL,
  last_seen_at TEXT, revoked_at TEXT);
CREATE TABLE IF NOT EXISTS invites (code_hash TEXT PRIMARY KEY, school TEXT NOT NULL, person_id TEXT NOT NULL,
  role TEXT NOT NULL, expires_at TEXT NOT NULL, used_at TEXT, is_bootstrap INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS nodes (school TEXT NOT NULL, node TEXT NOT NULL, person_id TEXT NOT NULL,
  PRIMARY KEY (school, node));
`;

type DeviceRow = {
  id: string;
  school: string;
  person_id: string;
  role: Role;
  name: string;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
};

type InviteRow = {
  code_hash: string;
  school: string;
  person_id: string;
  role: Role;
  expires_at: string;
  used_at: string | null;
  is_bootstrap: number;
};

const toDevice = (r: DeviceRow): Device => ({
  id: r.id,
  schoolId: r.school,
  personId: r.person_id,
  role: r.role,
  name: r.name,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  revokedAt: r.revoked_at,
});

const toInvite = (r: InviteRow): Invite => ({
  codeHash: r.code_hash,
  schoolId: r.school,
  personId: r.person_id,
  role: r.role,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  isBootstrap: r.is_bootstrap === 1,
});

const parseRecord = (data: string): SyncedRecord => (JSON.parse(data) as { record: SyncedRecord }).record;

/** The SQL condition and its parameters that select one part of a first pull (see pull-order.ts). */
function partFilter(part: PullPart | undefined): { sql: string; params: (string | number)[] } {
  if (!part) return { sql: '', params: [] };
  return part.part === 'current'
    ? { sql: ' AND rev <= ? AND (day IS NULL OR day >= ?)', params: [part.upTo, part.cutoff] }
    : { sql: ' AND rev <= ? AND day < ?', params: [part.upTo, part.cutoff] };
}

/** Databases made before records kept their history day get the column, filled from their records. */
function addHistoryDay(db: Database.Database): void {
  const columns = db.prepare('PRAGMA table_info(records)').all() as { name: string }[];
  if (columns.some((c) => c.name === 'day')) return;
  db.transaction(() => {
    db.exec('ALTER TABLE records ADD COLUMN day TEXT');
    const set = db.prepare('UPDATE records SET day = ? WHERE school = ? AND id = ?');
    const meetings = db.prepare(`SELECT school, id, data FROM records WHERE type = 'meeting'`);
    for (const row of meetings.all() as { school: string; id: string; data: string }[]) {
      const day = historyDay(parseRecord(row.data));
      if (day !== null) set.run(day, row.school, row.id);
    }
  })();
}

function createTx(db: Database.Database): StorageTx {
  const stmt = (sql: string) => db.prepare(sql);
  const q = {
    nextRev: stmt(
      `UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'rev' RETURNING CAST(value AS INTEGER) AS rev`,
    ),
    getRecord: stmt('SELECT rev, data FROM records WHERE school = ? AND id = ?'),
    putRecord: stmt(
      'INSERT OR REPLACE INTO records (school, id, type, rev, data, day) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    currentRev: stmt(`SELECT CAST(value AS INTEGER) AS rev FROM meta WHERE key = 'rev'`),
    dropKeys: stmt('DELETE FROM record_keys WHERE school = ? AND id = ?'),
    addKey: stmt('INSERT OR IGNORE INTO record_keys (school, key, id) VALUES (?, ?, ?)'),
    dropRefs: stmt('DELETE FROM record_refs WHERE school = ? AND id = ?'),
    addRef: stmt('INSERT OR IGNORE INTO record_refs (school, ref_id, type, id) VALUES (?, ?, ?, ?)'),
    findByRef: stmt(
      'SELECT r.data FROM record_refs f JOIN records r ON r.school = f.school AND r.id = f.id WHERE f.school = ? AND f.ref_id = ? AND f.type = ?',
    ),
    listByType: stmt('SELECT data FROM records WHERE school = ? AND type = ?'),
    idsUnderKeys: stmt(`SELECT id, json_group_array(key) AS keys FROM record_keys WHERE school = ? AND id IN (
      SELECT id FROM record_keys WHERE school = ? AND key IN (SELECT value FROM json_each(?))) GROUP BY id`),
    exportAll: stmt('SELECT rev, data FROM records WHERE school = ? ORDER BY rev'),
    saveScope: stmt('INSERT OR IGNORE INTO scopes (school, hash, grants) VALUES (?, ?, ?)'),
    getScope: stmt('SELECT grants FROM scopes WHERE school = ? AND hash = ?'),
    addDevice: stmt(
      'INSERT INTO devices (id, school, person_id, role, token_hash, name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    deviceByToken: stmt('SELECT * FROM devices WHERE token_hash = ?'),
    touchDevice: stmt('UPDATE devices SET last_seen_at = ? WHERE id = ?'),
    hasRole: stmt('SELECT 1 FROM devices WHERE role = ? LIMIT 1'),
    listDevices: stmt('SELECT * FROM devices WHERE school = ? ORDER BY created_at'),
    revokeDevice: stmt(
      'UPDATE devices SET revoked_at = ? WHERE school = ? AND id = ? AND revoked_at IS NULL',
    ),
    wipeRecords: stmt('DELETE FROM records WHERE school = ?'),
    wipeKeys: stmt('DELETE FROM record_keys WHERE school = ?'),
    wipeRefs: stmt('DELETE FROM record_refs WHERE school = ?'),
    addInvite: stmt(
      'INSERT INTO invites (code_hash, school, person_id, role, expires_at, is_bootstrap) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    inviteByCode: stmt('SELECT * FROM invites WHERE code_hash = ?'),
    useInvite: stmt('UPDATE invites SET used_at = ? WHERE code_hash = ? AND used_at IS NULL'),
    dropBootstrap: stmt('DELETE FROM invites WHERE is_bootstrap = 1 AND used_at IS NULL'),
    noteNode: stmt('INSERT OR IGNORE INTO nodes (school, node, person_id) VALUES (?, ?, ?)'),
    personOfNode: stmt('SELECT person_id FROM nodes WHERE school = ? AND node = ?'),
    createSchool: stmt('INSERT INTO schools (id, name, created_at) VALUES (?, ?, ?)'),
    listSchools: stmt('SELECT id, name FROM schools ORDER BY created_at'),
  };
  const rows = (r: unknown[]) =>
    (r as { rev: number; data: string }[]).map((x) => ({ rev: x.rev, record: parseRecord(x.data) }));
  // Pulls select by school, revision, the caller's keys (or all) and a part of a first pull (or all).
  const cached = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    const known = cached.get(sql);
    if (known) return known;
    const statement = db.prepare(sql);
    cached.set(sql, statement);
    return statement;
  };
  const selection = (school: string, afterRev: number, keys: readonly string[] | null, part?: PullPart) => {
    const filter = partFilter(part);
    const byKeys = keys
      ? ' AND id IN (SELECT id FROM record_keys WHERE school = ? AND key IN (SELECT value FROM json_each(?)))'
      : '';
    return {
      where: `WHERE school = ? AND rev > ?${filter.sql}${byKeys}`,
      params: [school, afterRev, ...filter.params, ...(keys ? [school, JSON.stringify(keys)] : [])],
    };
  };

  return {
    createSchool: async (id, name, at) => void q.createSchool.run(id, name, at),
    listSchools: async () => q.listSchools.all() as { id: string; name: string }[],
    getRecord: async (school, id) => {
      const row = q.getRecord.get(school, id) as { rev: number; data: string } | undefined;
      if (!row) return undefined;
      const { record, fieldRevs } = JSON.parse(row.data) as Omit<StoredRow, 'rev'>;
      return { record, fieldRevs, rev: row.rev };
    },
    putRecord: async (school, row, keys, refs) => {
      const { rev } = q.nextRev.get() as { rev: number };
      const fieldRevs = { ...row.fieldRevs };
      for (const [name, r] of Object.entries(fieldRevs)) if (r === 0) fieldRevs[name] = rev;
      const { record } = row;
      q.putRecord.run(
        school,
        record.id,
        record.type,
        rev,
        JSON.stringify({ record, fieldRevs }),
        historyDay(record),
      );
      if (keys) {
        q.dropKeys.run(school, record.id);
        for (const key of keys) q.addKey.run(school, key, record.id);
      }
      if (refs) {
        q.dropRefs.run(school, record.id);
        for (const ref of refs) q.addRef.run(school, ref, record.type, record.id);
      }
      return rev;
    },
    findByRef: async (school, type, refId) =>
      (q.findByRef.all(school, refId, type) as { data: string }[]).map((r) => parseRecord(r.data)),
    listByType: async (school, type) =>
      (q.listByType.all(school, type) as { data: string }[]).map((r) => parseRecord(r.data)),
    pullSince: async (school, afterRev, keys, limit, part) => {
      const { where, params } = selection(school, afterRev, keys, part);
      const found = prepared(`SELECT rev, data FROM records ${where} ORDER BY rev LIMIT ?`).all(
        ...params,
        limit,
      ) as { rev: number; data: string }[];
      return found.map((x) => {
        const { record, fieldRevs } = JSON.parse(x.data) as Omit<StoredRow, 'rev'>;
        return { rev: x.rev, record, fieldRevs };
      });
    },
    countSince: async (school, afterRev, keys, part) => {
      const { where, params } = selection(school, afterRev, keys, part);
      return (prepared(`SELECT COUNT(*) AS n FROM records ${where}`).get(...params) as { n: number }).n;
    },
    currentRev: async () => (q.currentRev.get() as { rev: number }).rev,
    idsUnderKeys: async (school, keys) =>
      (q.idsUnderKeys.all(school, school, JSON.stringify(keys)) as { id: string; keys: string }[]).map(
        (r) => ({
          id: r.id,
          keys: JSON.parse(r.keys) as string[],
        }),
      ),
    exportAll: async (school) => rows(q.exportAll.all(school)),
    saveScope: async (school, hash, grants) => void q.saveScope.run(school, hash, JSON.stringify(grants)),
    getScope: async (school, hash) => {
      const row = q.getScope.get(school, hash) as { grants: string } | undefined;
      return row ? (JSON.parse(row.grants) as string[]) : undefined;
    },
    addDevice: async (d, tokenHash) =>
      void q.addDevice.run(d.id, d.schoolId, d.personId, d.role, tokenHash, d.name, d.createdAt),
    deviceByToken: async (tokenHash) => {
      const row = q.deviceByToken.get(tokenHash) as DeviceRow | undefined;
      return row ? toDevice(row) : undefined;
    },
    touchDevice: async (id, at) => void q.touchDevice.run(at, id),
    hasDeviceWithRole: async (role) => q.hasRole.get(role) !== undefined,
    listDevices: async (school) => (q.listDevices.all(school) as DeviceRow[]).map(toDevice),
    revokeDevice: async (school, id, at) => q.revokeDevice.run(at, school, id).changes > 0,
    wipeRecords: async (school) => {
      q.wipeRecords.run(school);
      q.wipeKeys.run(school);
      q.wipeRefs.run(school);
    },
    addInvite: async (i) =>
      void q.addInvite.run(i.codeHash, i.schoolId, i.personId, i.role, i.expiresAt, i.isBootstrap ? 1 : 0),
    inviteByCode: async (codeHash) => {
      const row = q.inviteByCode.get(codeHash) as InviteRow | undefined;
      return row ? toInvite(row) : undefined;
    },
    useInvite: async (codeHash, at) => void q.useInvite.run(at, codeHash),
    dropBootstrapInvites: async () => void q.dropBootstrap.run(),
    noteNode: async (school, node, personId) => void q.noteNode.run(school, node, personId),
    personOfNode: async (school, node) =>
      (q.personOfNode.get(school, node) as { person_id: string } | undefined)?.person_id,
  };
}

/** Opens (creating if needed) the database file; `:memory:` gives a throw-away database for tests. */
export function openSqliteStorage(file: string): Storage {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  addHistoryDay(db);
  db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('rev', '0')`).run();
  db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', '1')`).run();
  const tx = createTx(db);
  let queue: Promise<unknown> = Promise.resolve();

  return {
    transaction<T>(fn: (t: StorageTx) => Promise<T>): Promise<T> {
      const run = async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(tx);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      };
      const result = queue.then(run, run);
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      await queue;
      db.close();
    },
  };
}
