// Embedded storage: one SQLite file in WAL mode (better-sqlite3). Calls are synchronous underneath;
// a queue runs one transaction at a time, so revisions commit in the order they are handed out (those
// that queued up together share one COMMIT: sqlite-group-commit.ts).
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SyncedRecord } from '../../domain/record';
import type { AnyRole } from '../../domain/sync-contract';
import type { PullPart } from '../../domain/sync-cursor';
import { historyDay } from './pull-order';
import { createCheckpointer } from './sqlite-checkpointer';
import { createGroupRunner, type GroupHooks } from './sqlite-group-commit';
import {
  type Device,
  type Invite,
  type School,
  type Storage,
  type StorageTx,
  type StoredRow,
  TransactionLostError,
} from './storage';
import { wireText } from './wire-text';

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
`;

/**
 * Steps from one schema version to the next, for databases made by an older server. 2: the revision a
 * record was created at (so a purge names only records a device could hold), and each key's record
 * revision (so a pull reads only the changed records under the caller's keys, by index). 3: each
 * record's history day (pull-order.ts), filled for the records already kept as `historyDay` computes it.
 */
const MIGRATIONS: Record<number, string> = {
  2: `
ALTER TABLE records ADD COLUMN created_rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE record_keys ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
UPDATE record_keys SET rev = (SELECT r.rev FROM records r WHERE r.school = record_keys.school AND r.id = record_keys.id);
CREATE INDEX IF NOT EXISTS record_keys_by_rev ON record_keys (school, key, rev);
DROP TABLE IF EXISTS nodes;
CREATE TABLE IF NOT EXISTS enrol_failures (key TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS enrol_failures_by_key ON enrol_failures (key, at);
CREATE INDEX IF NOT EXISTS enrol_failures_by_at ON enrol_failures (at);
`,
  3: `
ALTER TABLE records ADD COLUMN day TEXT;
UPDATE records SET day = json_extract(data, '$.record.fields.date') WHERE type = 'meeting'
  AND json_type(data, '$.record.deleted') IS NULL AND json_extract(data, '$.record.fields.kind') = 'regular'
  AND json_type(data, '$.record.fields.date') = 'text';
`,
  // 4: the highest revision a cursor was issued at under each scope (storage.ts, saveScope); for the
  // scopes already kept, the revision of now bounds every cursor issued before.
  4: `
ALTER TABLE scopes ADD COLUMN issued_up_to INTEGER NOT NULL DEFAULT 0;
UPDATE scopes SET issued_up_to = (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'rev');
`,
  // 5: each record's whole compact form as text (wire-text.ts), with the revision it was made at. A pull
  // takes the text only while that is the record's revision: a row stored before has none, and a server
  // process older than this one, still running on the same file, changes a record (and its revision)
  // without its text — for both, the pull makes the text from the record's data.
  5: `
ALTER TABLE records ADD COLUMN wire TEXT;
ALTER TABLE records ADD COLUMN wire_rev INTEGER;
`,
  // 6: the keys of forms given within a pair and of their answers name the person they were given to
  // (domain/access.ts readKeys; taken from the record's own `assignee:` key). The pair-wide keys of
  // before stay: no grant names them any more, and a device whose cursor still holds a grant of that
  // name is told to drop what it held under it, unless a key of today lets it keep it.
  6: `
INSERT OR IGNORE INTO record_keys (school, key, id, rev)
  SELECT k.school, k.key || ':' || substr(a.key, 10), k.id, k.rev FROM record_keys k
  JOIN record_keys a ON a.school = k.school AND a.id = k.id AND a.key LIKE 'assignee:%'
  WHERE k.key LIKE 'response:%' AND k.key NOT LIKE 'response:%:%:%';
INSERT OR IGNORE INTO record_keys (school, key, id, rev)
  SELECT k.school, 'assigned:' || substr(k.key, 8) || ':' || substr(a.key, 10), k.id, k.rev FROM record_keys k
  JOIN record_keys a ON a.school = k.school AND a.id = k.id AND a.key LIKE 'assignee:%'
  WHERE k.key LIKE 'mentor:%';
`,
  // 7: secrets the server keeps with the data and never sends (storage.ts serverSecret).
  7: `
CREATE TABLE IF NOT EXISTS server_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
`,
  // 8: conflict copies made before are read, as copies made now, under the keys of the record they were
  // typed into, as their author's (domain/access.ts copyKeys; private notes under the pair mentor's key),
  // no more under `author:` — so that they follow their author's access. (Copies made now say keptFor.)
  // A copy that gets no such key (a dismissed one, kept without its fields; one whose record is gone)
  // stays under `author:`: its author's devices must still be told of its deletion.
  8: `
INSERT OR IGNORE INTO record_keys (school, key, id, rev)
  SELECT c.school, 'copy:' || json_extract(c.data, '$.record.fields.authorId') || ':' ||
      CASE WHEN json_extract(c.data, '$.record.fields.field') = 'privateNotes' AND k.key LIKE 'pair:%'
        THEN 'pair-mentor:' || substr(k.key, 6) ELSE k.key END,
    c.id, c.rev
  FROM records c
  JOIN record_keys k ON k.school = c.school AND k.id = json_extract(c.data, '$.record.fields.recordId')
  WHERE c.type = 'conflict' AND json_type(c.data, '$.record.fields.keptFor') IS NULL
    AND json_type(c.data, '$.record.fields.authorId') = 'text';
DELETE FROM record_keys WHERE key LIKE 'author:%' AND EXISTS (SELECT 1 FROM records c
  WHERE c.school = record_keys.school AND c.id = record_keys.id AND c.type = 'conflict'
    AND json_type(c.data, '$.record.fields.keptFor') IS NULL)
  AND EXISTS (SELECT 1 FROM record_keys n
    WHERE n.school = record_keys.school AND n.id = record_keys.id AND n.key LIKE 'copy:%');
`,
  // 9: the device that asked for an invite code (storage.ts Invite.madeBy): a code works only while
  // that device does.
  9: `
ALTER TABLE invites ADD COLUMN made_by_school TEXT;
ALTER TABLE invites ADD COLUMN made_by_device TEXT;
`,
};
const SCHEMA_VERSION = 9;

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
  made_by_school: string | null;
  made_by_device: string | null;
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
  madeBy:
    r.made_by_school && r.made_by_device ? { schoolId: r.made_by_school, deviceId: r.made_by_device } : null,
});

// A stored record was validated by its type's schema before it was written (validate.ts).
const parseRecord = <T extends string = string>(data: string): SyncedRecord<T> =>
  (JSON.parse(data) as { record: SyncedRecord<T> }).record;

/** The SQL condition and its parameters that select one part of a first pull (see pull-order.ts). */
function partFilter(part: PullPart | undefined): { sql: string; params: Record<string, string | number> } {
  if (!part) return { sql: '', params: {} };
  const params = { upTo: part.upTo, cutoff: part.cutoff };
  return part.part === 'current'
    ? { sql: ' AND r.rev <= @upTo AND (r.day IS NULL OR r.day >= @cutoff)', params }
    : { sql: ' AND r.rev <= @upTo AND r.day < @cutoff', params };
}

/** A transaction's methods, and what the transaction runner does around them (sqlite-group-commit.ts). */
type TxEngine = Pick<GroupHooks, 'mark' | 'restore' | 'beforeCommit' | 'afterRollback'> & { tx: StorageTx };

function createTx(db: Database.Database): TxEngine {
  const stmt = (sql: string) => db.prepare(sql);
  const q = {
    readRev: stmt(`SELECT CAST(value AS INTEGER) AS rev FROM meta WHERE key = 'rev'`),
    writeRev: stmt(`UPDATE meta SET value = ? WHERE key = 'rev'`),
    getRecord: stmt('SELECT rev, data FROM records WHERE school = ? AND id = ?'),
    putRecord: stmt(`INSERT INTO records (school, id, type, rev, data, created_rev, day, wire, wire_rev)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (school, id) DO UPDATE SET type = excluded.type, rev = excluded.rev, data = excluded.data,
      day = excluded.day, wire = excluded.wire, wire_rev = excluded.wire_rev`),
    dropKeys: stmt('DELETE FROM record_keys WHERE school = ? AND id = ?'),
    addKey: stmt('INSERT OR IGNORE INTO record_keys (school, key, id, rev) VALUES (?, ?, ?, ?)'),
    bumpKeys: stmt('UPDATE record_keys SET rev = ? WHERE school = ? AND id = ?'),
    dropRefs: stmt('DELETE FROM record_refs WHERE school = ? AND id = ?'),
    addRef: stmt('INSERT OR IGNORE INTO record_refs (school, ref_id, type, id) VALUES (?, ?, ?, ?)'),
    findByRef: stmt(
      'SELECT r.data FROM record_refs f JOIN records r ON r.school = f.school AND r.id = f.id WHERE f.school = ? AND f.ref_id = ? AND f.type = ?',
    ),
    listByType: stmt('SELECT data FROM records WHERE school = ? AND type = ?'),
    idsWhereTrue: stmt(`SELECT id FROM records WHERE school = ? AND type = ?
      AND json_extract(data, '$.record.deleted') IS NULL AND json_extract(data, ?) = 1`),
    versionsOfType: stmt(`SELECT group_concat(id || ' ' || rev) AS versions FROM records
      WHERE school = ? AND type = ?`),
    idsUnderKeys: stmt(`SELECT k.id, json_group_array(k.key) AS keys FROM record_keys k
      JOIN records r ON r.school = k.school AND r.id = k.id
      WHERE k.school = @school AND r.created_rev <= @createdUpTo AND k.id IN (
        SELECT id FROM record_keys WHERE school = @school AND key IN (SELECT value FROM json_each(@keys)))
      GROUP BY k.id`),
    saveScope: stmt(`INSERT INTO scopes (school, hash, grants, issued_up_to) VALUES (?, ?, ?, ?)
      ON CONFLICT (school, hash) DO UPDATE SET issued_up_to = excluded.issued_up_to
      WHERE scopes.issued_up_to < excluded.issued_up_to`),
    getScope: stmt('SELECT grants, issued_up_to FROM scopes WHERE school = ? AND hash = ?'),
    addDevice: stmt(
      'INSERT INTO devices (id, school, person_id, role, token_hash, name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    deviceByToken: stmt('SELECT * FROM devices WHERE token_hash = ?'),
    deviceByTokenIn: stmt('SELECT * FROM devices WHERE token_hash = ? AND school = ?'),
    deviceById: stmt('SELECT * FROM devices WHERE school = ? AND id = ?'),
    touchDevice: stmt('UPDATE devices SET last_seen_at = ? WHERE school = ? AND id = ?'),
    hasRole: stmt('SELECT 1 FROM devices WHERE school = ? AND role = ? LIMIT 1'),
    listDevices: stmt('SELECT * FROM devices WHERE school = ? ORDER BY created_at'),
    revokeDevice: stmt(
      'UPDATE devices SET revoked_at = ? WHERE school = ? AND id = ? AND revoked_at IS NULL',
    ),
    forgetDevices: stmt(
      `UPDATE devices SET name = '', revoked_at = COALESCE(revoked_at, ?) WHERE school = ? AND person_id = ?`,
    ),
    forgetInvites: stmt('DELETE FROM invites WHERE school = ? AND person_id = ? AND used_at IS NULL'),
    wipeRecords: stmt('DELETE FROM records WHERE school = ?'),
    wipeKeys: stmt('DELETE FROM record_keys WHERE school = ?'),
    wipeRefs: stmt('DELETE FROM record_refs WHERE school = ?'),
    addInvite: stmt(
      `INSERT INTO invites (code_hash, school, person_id, role, expires_at, is_bootstrap, made_by_school, made_by_device)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    inviteByCode: stmt('SELECT * FROM invites WHERE code_hash = ?'),
    useInvite: stmt('UPDATE invites SET used_at = ? WHERE school = ? AND code_hash = ? AND used_at IS NULL'),
    dropBootstrap: stmt('DELETE FROM invites WHERE school = ? AND is_bootstrap = 1 AND used_at IS NULL'),
    dropUnused: stmt('DELETE FROM invites WHERE school = ? AND code_hash = ? AND used_at IS NULL'),
    addEnrolFailure: stmt('INSERT INTO enrol_failures (key, at) VALUES (?, ?)'),
    forgetEnrolFailures: stmt('DELETE FROM enrol_failures WHERE at < ?'),
    enrolFailures: stmt(
      `SELECT count(*) AS count, min(at) AS oldest FROM (
        SELECT at FROM enrol_failures WHERE key = ? AND at >= ? ORDER BY at LIMIT ?)`,
    ),
    personRoles: stmt(
      'SELECT DISTINCT role FROM devices WHERE school = ? AND person_id = ? AND revoked_at IS NULL',
    ),
    createSchool: stmt('INSERT OR IGNORE INTO schools (id, name, created_at) VALUES (?, ?, ?)'),
    listSchools: stmt('SELECT id, name, created_at AS createdAt FROM schools ORDER BY created_at, rowid'),
    latestRev: stmt('SELECT COALESCE(MAX(rev), 0) AS rev FROM records WHERE school = ?'),
    getSchool: stmt('SELECT id, name, created_at AS createdAt FROM schools WHERE id = ?'),
    savepoint: stmt('SAVEPOINT change'),
    release: stmt('RELEASE change'),
    rollbackTo: stmt('ROLLBACK TO change'),
  };
  // Pulls select by school, revision, the caller's keys (or all) and a part of a first pull (or all).
  const cached = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    const known = cached.get(sql);
    if (known) return known;
    const statement = db.prepare(sql);
    cached.set(sql, statement);
    return statement;
  };
  // From the caller's keys to the records changed under them, by index (CROSS JOIN fixes that order):
  // the work follows what the caller receives, not what the whole school changed.
  const selection = (school: string, afterRev: number, keys: readonly string[] | null, part?: PullPart) => {
    const filter = partFilter(part);
    const params = {
      school,
      after: afterRev,
      ...filter.params,
      ...(keys ? { keys: JSON.stringify(keys) } : {}),
    };
    const from = keys
      ? `FROM (SELECT DISTINCT k.id FROM json_each(@keys) wanted
            CROSS JOIN record_keys k ON k.school = @school AND k.key = wanted.value AND k.rev > @after) changed
          CROSS JOIN records r ON r.school = @school AND r.id = changed.id WHERE 1 = 1${filter.sql}`
      : `FROM records r WHERE r.school = @school AND r.rev > @after${filter.sql}`;
    return { from, params };
  };

  // What `idsWhereTrue` found, by school, type and field, with the ids and revisions of that type's
  // records it was read at. Every mentor's sync asks which questionnaires let mentors read answers, and a
  // questionnaire may be megabytes (a school's 140 of 4 MB each made every mentor's sync parse 560 MB):
  // while none changed, their ids and revisions are all that is read. An undone write may hand its
  // revision out again, so whatever was found is dropped whenever anything is undone.
  const found = new Map<string, { versions: string; ids: string[] }>();

  // Revisions are handed out from memory during a write transaction (which runs alone: BEGIN IMMEDIATE
  // holds the write lock) and the counter is written back once, at commit.
  let lastRev: number | null = null;
  const nextRev = () => {
    lastRev = (lastRev ?? (q.readRev.get() as { rev: number }).rev) + 1;
    return lastRev;
  };

  const tx: StorageTx = {
    createSchool: async (id, name, at) => q.createSchool.run(id, name, at).changes > 0,
    listSchools: async () => q.listSchools.all() as School[],
    getSchool: async (id) => q.getSchool.get(id) as School | undefined,
    // BEGIN IMMEDIATE already makes every transaction the only writer of the whole file.
    lockSchool: async () => undefined,
    // A read is a call into the same process: nothing to gain by reading ahead.
    preload: async () => undefined,
    latestRev: async (school) => (q.latestRev.get(school) as { rev: number }).rev,
    getRecord: async (school, id) => {
      const row = q.getRecord.get(school, id) as { rev: number; data: string } | undefined;
      if (!row) return undefined;
      return { ...(JSON.parse(row.data) as Omit<StoredRow, 'rev'>), rev: row.rev };
    },
    putRecord: async (school, row, keys, refs) => {
      const rev = nextRev();
      const fieldRevs = { ...row.fieldRevs };
      for (const [name, r] of Object.entries(fieldRevs)) if (r === 0) fieldRevs[name] = rev;
      const { record, writers, parents } = row;
      const data = JSON.stringify({ record, fieldRevs, writers, parents });
      q.putRecord.run(
        school,
        record.id,
        record.type,
        rev,
        data,
        rev,
        historyDay(record),
        wireText(record),
        rev,
      );
      if (keys) {
        q.dropKeys.run(school, record.id);
        for (const key of keys) q.addKey.run(school, key, record.id, rev);
      } else {
        q.bumpKeys.run(rev, school, record.id);
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
    idsWhereTrue: async (school, type, field) => {
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(field)) throw new Error(`not a field name: ${field}`);
      const { versions } = q.versionsOfType.get(school, type) as { versions: string | null };
      const key = `${school}\n${type}\n${field}`;
      const known = found.get(key);
      if (known && known.versions === (versions ?? '')) return [...known.ids];
      const path = `$.record.fields.${field}`;
      const ids = (q.idsWhereTrue.all(school, type, path) as { id: string }[]).map((r) => r.id);
      found.set(key, { versions: versions ?? '', ids });
      return [...ids];
    },
    pullSince: async (school, afterRev, keys, limit, part, maxChars = Infinity) => {
      const { from, params } = selection(school, afterRev, keys, part);
      const rows = prepared(`SELECT r.rev, r.data ${from} ORDER BY r.rev LIMIT @limit`).iterate({
        ...params,
        limit,
      }) as IterableIterator<{ rev: number; data: string }>;
      return upToChars(rows, (x) => x.data.length, maxChars).map((x) => {
        const { record, fieldRevs } = JSON.parse(x.data) as Omit<StoredRow, 'rev'>;
        return { rev: x.rev, record, fieldRevs, size: x.data.length };
      });
    },
    pullTextSince: async (school, afterRev, keys, limit, part, maxChars = Infinity) => {
      const { from, params } = selection(school, afterRev, keys, part);
      const rows = prepared(
        `SELECT r.rev, CASE WHEN r.wire_rev = r.rev THEN r.wire END AS wire,
          CASE WHEN r.wire_rev = r.rev THEN NULL ELSE r.data END AS data ${from} ORDER BY r.rev LIMIT @limit`,
      ).iterate({ ...params, limit }) as IterableIterator<{
        rev: number;
        wire: string | null;
        data: string | null;
      }>;
      return upToChars(rows, (x) => (x.wire ?? x.data ?? '').length, maxChars).map((x) => {
        const wire = x.wire ?? wireText(parseRecord(x.data as string));
        return { rev: x.rev, wire, size: wire.length };
      });
    },
    readsToChars: true,
    countSince: async (school, afterRev, keys, part) => {
      const { from, params } = selection(school, afterRev, keys, part);
      return (prepared(`SELECT COUNT(*) AS n ${from}`).get(params) as { n: number }).n;
    },
    idsUnderKeys: async (school, keys, createdUpTo) =>
      (
        q.idsUnderKeys.all({ school, keys: JSON.stringify(keys), createdUpTo }) as {
          id: string;
          keys: string;
        }[]
      ).map((r) => ({
        id: r.id,
        keys: JSON.parse(r.keys) as string[],
      })),
    saveScope: async (school, hash, grants, issuedUpTo) =>
      void q.saveScope.run(school, hash, JSON.stringify(grants), issuedUpTo),
    getScope: async (school, hash) => {
      const row = q.getScope.get(school, hash) as { grants: string; issued_up_to: number } | undefined;
      return row && { grants: JSON.parse(row.grants) as string[], issuedUpTo: row.issued_up_to };
    },
    addDevice: async (d, tokenHash) =>
      void q.addDevice.run(d.id, d.schoolId, d.personId, d.role, tokenHash, d.name, d.createdAt),
    deviceByToken: async (tokenHash, school) => {
      const row = (
        school === null ? q.deviceByToken.get(tokenHash) : q.deviceByTokenIn.get(tokenHash, school)
      ) as DeviceRow | undefined;
      return row ? toDevice(row) : undefined;
    },
    deviceInUse: async (school, id) => {
      const row = q.deviceById.get(school, id) as DeviceRow | undefined;
      return row ? toDevice(row) : undefined;
    },
    touchDevice: async (school, id, at) => void q.touchDevice.run(at, school, id),
    hasDeviceWithRole: async (school, role) => q.hasRole.get(school, role) !== undefined,
    listDevices: async (school) => (q.listDevices.all(school) as DeviceRow[]).map(toDevice),
    revokeDevice: async (school, id, at) => q.revokeDevice.run(at, school, id).changes > 0,
    forgetDevicesOf: async (school, personId, at) => {
      q.forgetDevices.run(at, school, personId);
      q.forgetInvites.run(school, personId);
    },
    wipeRecords: async (school) => {
      q.wipeRecords.run(school);
      q.wipeKeys.run(school);
      q.wipeRefs.run(school);
    },
    addInvite: async (i) =>
      void q.addInvite.run(
        i.codeHash,
        i.schoolId,
        i.personId,
        i.role,
        i.expiresAt,
        i.isBootstrap ? 1 : 0,
        i.madeBy?.schoolId ?? null,
        i.madeBy?.deviceId ?? null,
      ),
    inviteByCode: async (codeHash) => {
      const row = q.inviteByCode.get(codeHash) as InviteRow | undefined;
      return row ? toInvite(row) : undefined;
    },
    useInvite: async (school, codeHash, at) => q.useInvite.run(at, school, codeHash).changes > 0,
    dropBootstrapInvites: async (school) => void q.dropBootstrap.run(school),
    dropUnusedInvite: async (school, codeHash) => void q.dropUnused.run(school, codeHash),
    addEnrolFailure: async (key, at, forgetBefore) => {
      q.addEnrolFailure.run(key, at);
      q.forgetEnrolFailures.run(forgetBefore);
    },
    lockEnrolment: async () => undefined,
    enrolFailures: async (key, since, atMost) =>
      q.enrolFailures.get(key, since, atMost) as { count: number; oldest: number | null },
    serverSecret: async (name) => {
      db.prepare('INSERT OR IGNORE INTO server_secrets (name, value) VALUES (?, ?)').run(
        name,
        randomBytes(32).toString('hex'),
      );
      return (db.prepare('SELECT value FROM server_secrets WHERE name = ?').get(name) as { value: string })
        .value;
    },
    personRoles: async (school, personId) =>
      (q.personRoles.all(school, personId) as { role: AnyRole }[]).map((r) => r.role),
    // One name serves nested savepoints: ROLLBACK TO and RELEASE take the innermost of that name.
    // A savepoint outside a transaction would open one of its own, committed at its RELEASE: the changes
    // after a whole transaction was undone would be stored while their push is answered as failed.
    atomically: async (fn) => {
      if (!db.inTransaction) throw new TransactionLostError('no transaction is open');
      const mark = lastRev;
      q.savepoint.run();
      try {
        const result = await fn();
        q.release.run();
        return result;
      } catch (error) {
        found.clear();
        if (!db.inTransaction)
          throw error instanceof TransactionLostError ? error : new TransactionLostError(error);
        q.rollbackTo.run();
        q.release.run();
        lastRev = mark;
        throw error;
      }
    },
  };
  return {
    tx,
    mark: () => lastRev,
    restore(mark) {
      lastRev = mark as number | null;
      found.clear();
    },
    beforeCommit() {
      if (lastRev !== null) q.writeRev.run(String(lastRev));
      lastRev = null;
    },
    afterRollback() {
      lastRev = null;
      found.clear();
    },
  };
}

/**
 * How long a transaction waits for another process's write on the same file before it fails (60 s), how
 * long SQLite itself may block the thread at a time (ms), and the pause between tries (ms). A request that
 * finds another process's long push under way waits for it rather than answering 500 (5 s ran out behind
 * a mentor's push of 500 IDP changes), and the process goes on serving meanwhile.
 */
const BUSY_WAIT_MS = 60_000;
const BUSY_BLOCK_MS = 20;
const BUSY_RETRY_MS = 20;

/** `rows` read one by one until their text reaches `maxChars` (the row that reaches it included). */
function upToChars<T>(rows: IterableIterator<T>, size: (row: T) => number, maxChars: number): T[] {
  const taken: T[] = [];
  let chars = 0;
  for (const row of rows) {
    taken.push(row);
    chars += size(row);
    if (chars >= maxChars) break;
  }
  return taken;
}

/** Creates the tables of a new database, or brings an older one up to SCHEMA_VERSION, in one transaction. */
function migrate(db: Database.Database): void {
  // IMMEDIATE: two processes opening one file at once take turns (busy_timeout) instead of one failing
  // when both upgrade a read to a write.
  db.transaction(() => {
    const isNew =
      db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'`).get() === undefined;
    db.exec(SCHEMA);
    db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('rev', '0')`).run();
    if (isNew) {
      db.exec(Object.values(MIGRATIONS).join('\n'));
      db.prepare(`INSERT INTO meta (key, value) VALUES ('schema', ?)`).run(String(SCHEMA_VERSION));
      return;
    }
    db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', '1')`).run();
    const { value } = db.prepare(`SELECT value FROM meta WHERE key = 'schema'`).get() as { value: string };
    for (let version = Number(value) + 1; version <= SCHEMA_VERSION; version++) {
      db.exec(MIGRATIONS[version] as string);
      db.prepare(`UPDATE meta SET value = ? WHERE key = 'schema'`).run(String(version));
    }
  }).immediate();
}

/**
 * At most how long (ms) after a commit the write-ahead log is copied into the database file. With
 * `synchronous = NORMAL` a commit reaches the disk at the next copy, so this bounds what a power cut can
 * take: the last second of writes, however busy or quiet the school. SQLite's own copy every 1,000 pages
 * is moved to WAL_PAGES_AT_MOST, a backstop: under a burst it copied 4 MB some 30 times a second, most of
 * them the same index pages, and a tenth of the server's time went to it; one copy a second copies each
 * page once.
 */
const CHECKPOINT_WITHIN_MS = 1_000;
const WAL_PAGES_AT_MOST = 10_000;

/**
 * What `npm run backup` writes into its copy (backup.ts). A server that opens a database so marked was
 * restored from a backup, while the original may have issued revisions past the copy's before it was
 * lost, and devices hold cursors at those revisions: new writes under the same numbers would never reach
 * them, and a device's edit would count as made after seeing them. So the revision counter moves to the
 * time in milliseconds (past any count of writes a school makes, at less than one a millisecond), once.
 */
const RESTORED_MARK = 'restored-from-backup';

/** Marks a copy of a database as a backup (see RESTORED_MARK). */
export function markRestored(db: Database.Database): void {
  db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(RESTORED_MARK, '1');
}

function moveRevisionsPastTheOriginal(db: Database.Database, nowMs: number): void {
  db.transaction(() => {
    if (!db.prepare('SELECT 1 FROM meta WHERE key = ?').get(RESTORED_MARK)) return;
    const { rev } = db.prepare(`SELECT CAST(value AS INTEGER) AS rev FROM meta WHERE key = 'rev'`).get() as {
      rev: number;
    };
    // Devices may hold anything of the copy, whatever cursors the copy remembers issuing: a purge for
    // a device whose scope shrinks must be able to name it all.
    db.prepare('UPDATE scopes SET issued_up_to = MAX(issued_up_to, ?)').run(rev);
    db.prepare(`UPDATE meta SET value = ? WHERE key = 'rev'`).run(String(Math.max(rev, nowMs)));
    db.prepare('DELETE FROM meta WHERE key = ?').run(RESTORED_MARK);
  }).immediate();
}

/** SQLite's "busy" (another connection holds what is needed), in any of its extended codes. */
const isBusyError = (error: unknown) => String((error as { code?: string }).code).startsWith('SQLITE_BUSY');

/** Runs `fn` (which leaves no transaction open when it throws) again while SQLite says "busy". */
function whileBusy(fn: () => void): void {
  const started = Date.now();
  for (;;) {
    try {
      fn();
      return;
    } catch (error) {
      if (!isBusyError(error) || Date.now() - started > BUSY_WAIT_MS) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, BUSY_RETRY_MS);
    }
  }
}

/** Opens (creating if needed) the database file; `:memory:` gives a throw-away database for tests. */
export function openSqliteStorage(file: string): Storage {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // First: another process opening the same file at once makes this one wait rather than fail.
  db.pragma(`busy_timeout = ${BUSY_WAIT_MS}`);
  // Some steps of opening (switching a new file to WAL, reading the log another process is recovering)
  // answer "locked" without waiting: the whole opening is tried again until BUSY_WAIT_MS has passed.
  whileBusy(() => {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`wal_autocheckpoint = ${WAL_PAGES_AT_MOST}`);
    // What is deleted is overwritten, not left in free space: an erased pupil's contacts must not stay
    // in the file, nor in the backups copied from it (152-ФЗ, art. 21: personal data are destroyed).
    db.pragma('secure_delete = ON');
    migrate(db);
    moveRevisionsPastTheOriginal(db, Date.now());
  });
  // From here on a transaction that finds another process writing waits for it without holding up this
  // process: SQLite's own wait blocks the thread (health, every other request) for as long as it lasts.
  db.pragma(`busy_timeout = ${BUSY_BLOCK_MS}`);
  // A deferred transaction takes its snapshot at its first read: taken in `begin`, so that a moment when
  // another process holds the log is waited out like a busy BEGIN, never met by a read inside it.
  const firstRead = db.prepare(`SELECT 1 FROM meta WHERE key = 'rev'`);
  const begin = async (statement: string) => {
    const started = Date.now();
    for (;;) {
      try {
        db.exec(statement);
        if (statement === 'BEGIN') firstRead.get();
        return;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        if (!isBusyError(error) || Date.now() - started > BUSY_WAIT_MS) throw error;
        await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
      }
    }
  };
  const engine = createTx(db);
  // The write-ahead log goes back into the database file within CHECKPOINT_WITHIN_MS of a commit: on a
  // thread of its own (sqlite-checkpointer.ts), or between transactions on this one should that thread
  // fail (an in-memory database has no log).
  const checkpointer = file === ':memory:' ? null : createCheckpointer(file);
  const checkpointHere = () =>
    runner.submit('outside', async () => db.pragma('wal_checkpoint(PASSIVE)')).catch(() => undefined);
  let checkpoint: NodeJS.Timeout | undefined;
  let isClosed = false;
  const runner = createGroupRunner(db, {
    ...engine,
    begin,
    afterWrite() {
      if (isClosed || checkpoint) return;
      checkpoint = setTimeout(() => {
        checkpoint = undefined;
        if (!checkpointer) return void checkpointHere();
        // Whatever went wrong there, the copy is made here: the same as before that thread existed.
        checkpointer.checkpoint().catch(checkpointHere);
      }, CHECKPOINT_WITHIN_MS);
      checkpoint.unref();
    },
  });

  return {
    transaction: (fn) => runner.submit('write', () => fn(engine.tx)),
    // A deferred transaction takes no write lock: other processes on the file write meanwhile.
    read: (fn) => runner.submit('read', () => fn(engine.tx)),
    async close() {
      isClosed = true;
      clearTimeout(checkpoint);
      // The last connection to close copies the log into the file and removes it: this one.
      await checkpointer?.close();
      await runner.submit('outside', async () => db.close());
    },
  };
}
