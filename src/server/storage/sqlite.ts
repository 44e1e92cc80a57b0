// Embedded storage: one SQLite file in WAL mode (better-sqlite3). Calls are synchronous underneath;
// a queue lets one transaction run at a time, so revisions commit in the order they are handed out.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SyncedRecord } from '../../domain/record';
import type { AnyRole } from '../../domain/sync-contract';
import type { Device, Invite, School, Storage, StorageTx, StoredRow } from './storage';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS schools (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
  school TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, rev INTEGER NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (school, id));
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
  role: AnyRole;
  name: string;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
};

type InviteRow = {
  code_hash: string;
  school: string;
  person_id: string;
  role: AnyRole;
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

function createTx(db: Database.Database): StorageTx {
  const stmt = (sql: string) => db.prepare(sql);
  const q = {
    nextRev: stmt(
      `UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'rev' RETURNING CAST(value AS INTEGER) AS rev`,
    ),
    getRecord: stmt('SELECT rev, data FROM records WHERE school = ? AND id = ?'),
    putRecord: stmt('INSERT OR REPLACE INTO records (school, id, type, rev, data) VALUES (?, ?, ?, ?, ?)'),
    dropKeys: stmt('DELETE FROM record_keys WHERE school = ? AND id = ?'),
    addKey: stmt('INSERT OR IGNORE INTO record_keys (school, key, id) VALUES (?, ?, ?)'),
    dropRefs: stmt('DELETE FROM record_refs WHERE school = ? AND id = ?'),
    addRef: stmt('INSERT OR IGNORE INTO record_refs (school, ref_id, type, id) VALUES (?, ?, ?, ?)'),
    findByRef: stmt(
      'SELECT r.data FROM record_refs f JOIN records r ON r.school = f.school AND r.id = f.id WHERE f.school = ? AND f.ref_id = ? AND f.type = ?',
    ),
    listByType: stmt('SELECT data FROM records WHERE school = ? AND type = ?'),
    pullAll: stmt('SELECT rev, data FROM records WHERE school = ? AND rev > ? ORDER BY rev LIMIT ?'),
    pullKeys: stmt(`SELECT rev, data FROM records WHERE school = ? AND rev > ? AND id IN (
      SELECT id FROM record_keys WHERE school = ? AND key IN (SELECT value FROM json_each(?))) ORDER BY rev LIMIT ?`),
    idsUnderKeys: stmt(`SELECT id, json_group_array(key) AS keys FROM record_keys WHERE school = ? AND id IN (
      SELECT id FROM record_keys WHERE school = ? AND key IN (SELECT value FROM json_each(?))) GROUP BY id`),
    exportAll: stmt('SELECT rev, data FROM records WHERE school = ? ORDER BY rev'),
    saveScope: stmt('INSERT OR IGNORE INTO scopes (school, hash, grants) VALUES (?, ?, ?)'),
    getScope: stmt('SELECT grants FROM scopes WHERE school = ? AND hash = ?'),
    addDevice: stmt(
      'INSERT INTO devices (id, school, person_id, role, token_hash, name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    deviceByToken: stmt('SELECT * FROM devices WHERE token_hash = ?'),
    deviceByTokenIn: stmt('SELECT * FROM devices WHERE token_hash = ? AND school = ?'),
    touchDevice: stmt('UPDATE devices SET last_seen_at = ? WHERE school = ? AND id = ?'),
    hasRole: stmt('SELECT 1 FROM devices WHERE school = ? AND role = ? LIMIT 1'),
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
    useInvite: stmt('UPDATE invites SET used_at = ? WHERE school = ? AND code_hash = ? AND used_at IS NULL'),
    dropBootstrap: stmt('DELETE FROM invites WHERE school = ? AND is_bootstrap = 1 AND used_at IS NULL'),
    dropUnused: stmt('DELETE FROM invites WHERE school = ? AND code_hash = ? AND used_at IS NULL'),
    noteNode: stmt('INSERT OR IGNORE INTO nodes (school, node, person_id) VALUES (?, ?, ?)'),
    personOfNode: stmt('SELECT person_id FROM nodes WHERE school = ? AND node = ?'),
    createSchool: stmt('INSERT OR IGNORE INTO schools (id, name, created_at) VALUES (?, ?, ?)'),
    listSchools: stmt('SELECT id, name, created_at AS createdAt FROM schools ORDER BY created_at, rowid'),
    latestRev: stmt('SELECT COALESCE(MAX(rev), 0) AS rev FROM records WHERE school = ?'),
    getSchool: stmt('SELECT id, name, created_at AS createdAt FROM schools WHERE id = ?'),
  };
  const rows = (r: unknown[]) =>
    (r as { rev: number; data: string }[]).map((x) => ({ rev: x.rev, record: parseRecord(x.data) }));

  return {
    createSchool: async (id, name, at) => q.createSchool.run(id, name, at).changes > 0,
    listSchools: async () => q.listSchools.all() as School[],
    getSchool: async (id) => q.getSchool.get(id) as School | undefined,
    // BEGIN IMMEDIATE already makes every transaction the only writer of the whole file.
    lockSchool: async () => undefined,
    latestRev: async (school) => (q.latestRev.get(school) as { rev: number }).rev,
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
      q.putRecord.run(school, record.id, record.type, rev, JSON.stringify({ record, fieldRevs }));
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
    pullSince: async (school, afterRev, keys, limit) =>
      rows(
        keys === null
          ? q.pullAll.all(school, afterRev, limit)
          : q.pullKeys.all(school, afterRev, school, JSON.stringify(keys), limit),
      ),
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
    deviceByToken: async (tokenHash, school) => {
      const row = (
        school === null ? q.deviceByToken.get(tokenHash) : q.deviceByTokenIn.get(tokenHash, school)
      ) as DeviceRow | undefined;
      return row ? toDevice(row) : undefined;
    },
    touchDevice: async (school, id, at) => void q.touchDevice.run(at, school, id),
    hasDeviceWithRole: async (school, role) => q.hasRole.get(school, role) !== undefined,
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
    useInvite: async (school, codeHash, at) => q.useInvite.run(at, school, codeHash).changes > 0,
    dropBootstrapInvites: async (school) => void q.dropBootstrap.run(school),
    dropUnusedInvite: async (school, codeHash) => void q.dropUnused.run(school, codeHash),
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
