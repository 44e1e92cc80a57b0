// PostgreSQL storage (`DATABASE_URL=postgres://…`): a district's many schools, served by several
// stateless server processes at once. Transactions of different schools run side by side; within a
// school, writers take the school's row lock first (`lockSchool`), so revisions commit in the order they
// are handed out and a pull by revision never skips a late commit (see migrations/postgres/001).
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import type { SyncedRecord } from '../../domain/record';
import type { AnyRole } from '../../domain/sync-contract';
import type { PullPart } from '../../domain/sync-cursor';
import { createWriteBuffer } from './postgres-writes';
import {
  type Device,
  type Invite,
  type School,
  type Storage,
  type StorageTx,
  type StoredRow,
  TransactionLostError,
  type TransactionOptions,
} from './storage';
import { wireText } from './wire-text';

const MIGRATIONS = new URL('./migrations/postgres/', import.meta.url);
/** Any constant: the advisory lock that lets one process at a time apply migrations. */
const MIGRATION_LOCK = 7_261_004;
/** Conflicts PostgreSQL resolves by aborting one transaction: it is simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 5;

type Row = Record<string, unknown>;

const toDevice = (r: Row): Device => ({
  id: r.id as string,
  schoolId: r.school as string,
  personId: r.person_id as string,
  role: r.role as AnyRole,
  name: r.name as string,
  createdAt: r.created_at as string,
  lastSeenAt: (r.last_seen_at as string | null) ?? null,
  revokedAt: (r.revoked_at as string | null) ?? null,
});

const toInvite = (r: Row): Invite => ({
  codeHash: r.code_hash as string,
  schoolId: r.school as string,
  personId: r.person_id as string,
  role: r.role as AnyRole,
  expiresAt: r.expires_at as string,
  usedAt: (r.used_at as string | null) ?? null,
  isBootstrap: r.is_bootstrap === true,
  madeBy:
    r.made_by_school && r.made_by_device
      ? { schoolId: r.made_by_school as string, deviceId: r.made_by_device as string }
      : null,
});

const toSchool = (r: Row): School => ({
  id: r.school as string,
  name: r.name as string,
  createdAt: r.created_at as string,
});

// A stored record was validated by its type's schema before it was written (validate.ts).
const parseRecord = <T extends string = string>(data: string): SyncedRecord<T> =>
  (JSON.parse(data) as { record: SyncedRecord<T> }).record;

/**
 * The rows a pull selects: a school's records changed after a revision, under the caller's keys (null:
 * all) and in one part of a first pull (see pull-order.ts), with the name of its prepared statement.
 */
function selection(school: string, afterRev: number, keys: readonly string[] | null, part?: PullPart) {
  const values: unknown[] = [school, afterRev];
  // From the caller's keys to the records changed under them, by index: the work follows what the
  // caller receives, not what the whole school changed.
  let from = keys
    ? `FROM records r WHERE r.school = $1 AND r.id IN (
         SELECT k.id FROM record_keys k WHERE k.school = $1 AND k.key = ANY($3::text[]) AND k.rev > $2)`
    : 'FROM records r WHERE r.school = $1 AND r.rev > $2';
  if (keys) values.push([...keys]);
  if (part) {
    values.push(part.upTo, part.cutoff);
    const [upTo, cutoff] = [`$${values.length - 1}`, `$${values.length}`];
    from +=
      part.part === 'current'
        ? ` AND r.rev <= ${upTo} AND (r.day IS NULL OR r.day >= ${cutoff})`
        : ` AND r.rev <= ${upTo} AND r.day < ${cutoff}`;
  }
  return { name: `${keys ? 'Keys' : 'All'}${part ? part.part : ''}`, from, values };
}

/**
 * What `idsWhereTrue` found, by school, type and field, with the ids and revisions of that type's records
 * it was read at (see storage/sqlite.ts: a school's questionnaires may be megabytes each, and every
 * mentor's sync asks which ones let mentors read answers). Shared by the storage's connections; a
 * transaction adds what it found only once it has committed, since a revision an undone write held is
 * handed out again.
 */
type Found = Map<string, { versions: string; ids: string[] }>;

function createTx(
  client: pg.PoolClient,
  found: Found,
): { tx: StorageTx; flush(): Promise<void>; committed(): void } {
  // Named statements are parsed once per connection and reused.
  const run = (name: string, text: string, values: unknown[]) => client.query({ name, text, values });
  const rows = async (name: string, text: string, values: unknown[]) =>
    (await run(name, text, values)).rows as Row[];
  /** A read of more than one record sees what this transaction wrote: the buffer is written first. */
  const read = async (name: string, text: string, values: unknown[]) => {
    await writes.flush();
    return rows(name, text, values);
  };
  let savepoints = 0;
  const writes = createWriteBuffer(run);
  // Records read while their school is locked: no one else writes them until this transaction ends.
  let cache = new Map<string, StoredRow | null>();
  const cacheKey = (school: string, id: string) => `${school}\u0000${id}`;
  let foundHere = new Map<string, { versions: string; ids: string[] }>();
  const toStored = (row: Row): StoredRow => ({
    ...(JSON.parse(row.data as string) as Omit<StoredRow, 'rev'>),
    rev: Number(row.rev),
  });

  const tx: StorageTx = {
    createSchool: async (id, name, at) =>
      (
        await run(
          'createSchool',
          'INSERT INTO schools (school, name, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          [id, name, at],
        )
      ).rowCount === 1,
    listSchools: async () =>
      (
        await rows(
          'listSchools',
          'SELECT school, name, created_at FROM schools ORDER BY created_at, school',
          [],
        )
      ).map(toSchool),
    getSchool: async (id) => {
      const [row] = await rows(
        'getSchool',
        'SELECT school, name, created_at FROM schools WHERE school = $1',
        [id],
      );
      return row ? toSchool(row) : undefined;
    },
    lockSchool: async (school) => {
      if (writes.isLocked(school)) return;
      const [row] = await rows('lockSchool', 'SELECT rev FROM schools WHERE school = $1 FOR UPDATE', [
        school,
      ]);
      if (!row) throw new Error(`no school ${school}`);
      writes.locked(school, Number(row.rev));
    },
    latestRev: async (school) => {
      const held = writes.latestRev(school);
      if (held !== undefined) return held;
      const [row] = await rows('latestRev', 'SELECT rev FROM schools WHERE school = $1', [school]);
      return Number(row?.rev ?? 0);
    },
    getRecord: async (school, id) => {
      const written = writes.get(school, id);
      if (written) return written;
      const key = cacheKey(school, id);
      if (cache.has(key)) return cache.get(key) ?? undefined;
      const [row] = await rows('getRecord', 'SELECT rev, data FROM records WHERE school = $1 AND id = $2', [
        school,
        id,
      ]);
      const stored = row ? toStored(row) : undefined;
      if (writes.isLocked(school)) cache.set(key, stored ?? null);
      return stored;
    },
    preload: async (school, ids) => {
      if (!writes.isLocked(school)) return;
      const missing = [...new Set(ids)].filter(
        (id) => !cache.has(cacheKey(school, id)) && !writes.get(school, id),
      );
      if (!missing.length) return;
      const found = await rows(
        'preload',
        'SELECT id, rev, data FROM records WHERE school = $1 AND id = ANY($2::text[])',
        [school, missing],
      );
      for (const id of missing) cache.set(cacheKey(school, id), null);
      for (const row of found) cache.set(cacheKey(school, row.id as string), toStored(row));
    },
    putRecord: async (school, row, keys, refs) => {
      const rev = writes.put(school, row, keys, refs);
      cache.set(cacheKey(school, row.record.id), writes.get(school, row.record.id) ?? null);
      return rev;
    },
    findByRef: async (school, type, refId) =>
      (
        await read(
          'findByRef',
          `SELECT r.data FROM record_refs f JOIN records r ON r.school = f.school AND r.id = f.id
           WHERE f.school = $1 AND f.ref_id = $2 AND f.type = $3`,
          [school, refId, type],
        )
      ).map((r) => parseRecord(r.data as string)),
    listByType: async (school, type) =>
      (
        await read('listByType', 'SELECT data FROM records WHERE school = $1 AND type = $2', [school, type])
      ).map((r) => parseRecord(r.data as string)),
    readsToChars: false,
    pullSince: async (school, afterRev, keys, limit, part) => {
      const { name, from, values } = selection(school, afterRev, keys, part);
      const found = await read(
        `pull${name}`,
        `SELECT r.rev, r.data ${from} ORDER BY r.rev LIMIT $${values.length + 1}`,
        [...values, limit],
      );
      return found.map((r) => {
        const { record, fieldRevs } = JSON.parse(r.data as string) as Omit<StoredRow, 'rev'>;
        return { rev: Number(r.rev), record, fieldRevs, size: (r.data as string).length };
      });
    },
    pullTextSince: async (school, afterRev, keys, limit, part) => {
      const { name, from, values } = selection(school, afterRev, keys, part);
      const found = await read(
        `pullText${name}`,
        `SELECT r.rev, CASE WHEN r.wire_rev = r.rev THEN r.wire END AS wire,
           CASE WHEN r.wire_rev = r.rev THEN NULL ELSE r.data END AS data ${from} ORDER BY r.rev
         LIMIT $${values.length + 1}`,
        [...values, limit],
      );
      return found.map((r) => {
        const wire = (r.wire as string | null) ?? wireText(parseRecord(r.data as string));
        return { rev: Number(r.rev), wire, size: wire.length };
      });
    },
    countSince: async (school, afterRev, keys, part) => {
      const { name, from, values } = selection(school, afterRev, keys, part);
      const [row] = await read(`count${name}`, `SELECT COUNT(*) AS n ${from}`, values);
      return Number(row?.n ?? 0);
    },
    idsUnderKeys: async (school, keys, createdUpTo) =>
      (
        await read(
          'idsUnderKeys',
          `SELECT k.id, array_agg(k.key) AS keys FROM record_keys k
           JOIN records r ON r.school = k.school AND r.id = k.id
           WHERE k.school = $1 AND r.created_rev <= $3 AND k.id IN (
             SELECT id FROM record_keys WHERE school = $1 AND key = ANY($2::text[]))
           GROUP BY k.id`,
          [school, [...keys], createdUpTo],
        )
      ).map((r) => ({ id: r.id as string, keys: r.keys as string[] })),
    idsWhereTrue: async (school, type, field) => {
      const [{ versions }] = (await read(
        'versionsOfType',
        `SELECT COALESCE(string_agg(id || ' ' || rev, ',' ORDER BY id), '') AS versions FROM records
         WHERE school = $1 AND type = $2`,
        [school, type],
      )) as [{ versions: string }];
      const key = `${school}\n${type}\n${field}`;
      const known = foundHere.get(key) ?? found.get(key);
      if (known && known.versions === versions) return [...known.ids];
      const ids = (
        await read(
          'idsWhereTrue',
          // json, not jsonb: jsonb refuses a whole record whose text holds U+0000 anywhere (validation
          // keeps such text out now; a record stored before must not fail every mentor's sync).
          `SELECT id FROM records WHERE school = $1 AND type = $2
           AND (data::json #> '{record,deleted}') IS NULL AND (data::json #>> ARRAY['record','fields',$3]) = 'true'`,
          [school, type, field],
        )
      ).map((r) => r.id as string);
      foundHere.set(key, { versions, ids });
      return [...ids];
    },
    saveScope: async (school, hash, grants, issuedUpTo) =>
      void (await run(
        'saveScope',
        `INSERT INTO scopes (school, hash, grants, issued_up_to) VALUES ($1, $2, $3, $4)
          ON CONFLICT (school, hash) DO UPDATE SET issued_up_to = EXCLUDED.issued_up_to
          WHERE scopes.issued_up_to < EXCLUDED.issued_up_to`,
        [school, hash, JSON.stringify(grants), issuedUpTo],
      )),
    getScope: async (school, hash) => {
      const [row] = await rows(
        'getScope',
        'SELECT grants, issued_up_to FROM scopes WHERE school = $1 AND hash = $2',
        [school, hash],
      );
      return (
        row && { grants: JSON.parse(row.grants as string) as string[], issuedUpTo: Number(row.issued_up_to) }
      );
    },
    addDevice: async (d, tokenHash) =>
      void (await run(
        'addDevice',
        `INSERT INTO devices (school, id, person_id, role, token_hash, name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [d.schoolId, d.id, d.personId, d.role, tokenHash, d.name, d.createdAt],
      )),
    deviceByToken: async (tokenHash, school) => {
      const [row] =
        school === null
          ? await rows('deviceByToken', 'SELECT * FROM devices WHERE token_hash = $1', [tokenHash])
          : await rows('deviceByTokenIn', 'SELECT * FROM devices WHERE school = $1 AND token_hash = $2', [
              school,
              tokenHash,
            ]);
      return row ? toDevice(row) : undefined;
    },
    deviceInUse: async (school, id) => {
      const [row] = await rows(
        'deviceInUse',
        'SELECT * FROM devices WHERE school = $1 AND id = $2 FOR SHARE',
        [school, id],
      );
      if (!row) return undefined;
      const device = toDevice(row);
      await run('personInUse', 'SELECT 1 FROM records WHERE school = $1 AND id = $2 FOR SHARE', [
        school,
        device.personId,
      ]);
      return device;
    },
    touchDevice: async (school, id, at) =>
      void (await run('touchDevice', 'UPDATE devices SET last_seen_at = $3 WHERE school = $1 AND id = $2', [
        school,
        id,
        at,
      ])),
    hasDeviceWithRole: async (school, role) =>
      (await rows('hasRole', 'SELECT 1 FROM devices WHERE school = $1 AND role = $2 LIMIT 1', [school, role]))
        .length > 0,
    listDevices: async (school) =>
      (
        await rows('listDevices', 'SELECT * FROM devices WHERE school = $1 ORDER BY created_at', [school])
      ).map(toDevice),
    revokeDevice: async (school, id, at) =>
      (
        await run(
          'revokeDevice',
          'UPDATE devices SET revoked_at = $3 WHERE school = $1 AND id = $2 AND revoked_at IS NULL',
          [school, id, at],
        )
      ).rowCount === 1,
    forgetDevicesOf: async (school, personId, at) => {
      await run(
        'forgetDevices',
        `UPDATE devices SET name = '', revoked_at = COALESCE(revoked_at, $3) WHERE school = $1 AND person_id = $2`,
        [school, personId, at],
      );
      await run(
        'forgetInvites',
        'DELETE FROM invites WHERE school = $1 AND person_id = $2 AND used_at IS NULL',
        [school, personId],
      );
    },
    wipeRecords: async (school) => {
      if (!writes.isLocked(school)) throw new Error(`wipe of school ${school} without lockSchool()`);
      await writes.flush();
      cache = new Map([...cache].filter(([key]) => !key.startsWith(`${school}\u0000`)));
      for (const table of ['records', 'record_keys', 'record_refs'])
        await run(`wipe_${table}`, `DELETE FROM ${table} WHERE school = $1`, [school]);
    },
    addInvite: async (i) =>
      void (await run(
        'addInvite',
        `INSERT INTO invites (school, code_hash, person_id, role, expires_at, is_bootstrap, made_by_school, made_by_device)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          i.schoolId,
          i.codeHash,
          i.personId,
          i.role,
          i.expiresAt,
          i.isBootstrap,
          i.madeBy?.schoolId ?? null,
          i.madeBy?.deviceId ?? null,
        ],
      )),
    inviteByCode: async (codeHash) => {
      const [row] = await rows(
        'inviteByCode',
        'SELECT * FROM invites WHERE code_hash = $1 ORDER BY used_at IS NULL DESC LIMIT 1',
        [codeHash],
      );
      return row ? toInvite(row) : undefined;
    },
    useInvite: async (school, codeHash, at) =>
      (
        await run(
          'useInvite',
          'UPDATE invites SET used_at = $3 WHERE school = $1 AND code_hash = $2 AND used_at IS NULL',
          [school, codeHash, at],
        )
      ).rowCount === 1,
    dropBootstrapInvites: async (school) =>
      void (await run(
        'dropBootstrap',
        'DELETE FROM invites WHERE school = $1 AND is_bootstrap AND used_at IS NULL',
        [school],
      )),
    dropUnusedInvite: async (school, codeHash) =>
      void (await run(
        'dropUnused',
        'DELETE FROM invites WHERE school = $1 AND code_hash = $2 AND used_at IS NULL',
        [school, codeHash],
      )),
    addEnrolFailure: async (key, at, forgetBefore) => {
      await run('addEnrolFailure', 'INSERT INTO enrol_failures (key, at) VALUES ($1, $2)', [key, at]);
      await run('forgetEnrolFailures', 'DELETE FROM enrol_failures WHERE at < $1', [forgetBefore]);
    },
    // One advisory lock for every enrolment attempt of the cluster's database (the key is arbitrary).
    lockEnrolment: async () => {
      await run('lockEnrolment', 'SELECT pg_advisory_xact_lock(7300451)', []);
    },
    enrolFailures: async (key, since, atMost) => {
      const [row] = await rows(
        'enrolFailures',
        `SELECT count(*)::int AS count, min(at) AS oldest FROM (
           SELECT at FROM enrol_failures WHERE key = $1 AND at >= $2 ORDER BY at LIMIT $3) noted`,
        [key, since, atMost],
      );
      return { count: Number(row?.count ?? 0), oldest: row?.oldest == null ? null : Number(row.oldest) };
    },
    serverSecret: async (name) => {
      await run(
        'addSecret',
        'INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
        [name, randomBytes(32).toString('hex')],
      );
      const [row] = await rows('secret', 'SELECT value FROM server_secrets WHERE name = $1', [name]);
      return String(row?.value);
    },
    personRoles: async (school, personId) =>
      (
        await rows(
          'personRoles',
          'SELECT DISTINCT role FROM devices WHERE school = $1 AND person_id = $2 AND revoked_at IS NULL',
          [school, personId],
        )
      ).map((r) => r.role as AnyRole),
    atomically: async (fn) => {
      const name = `change_${++savepoints}`;
      await writes.flush();
      const restore = writes.mark();
      const cached = new Map(cache);
      const foundBefore = new Map(foundHere);
      await client.query(`SAVEPOINT ${name}`);
      try {
        const result = await fn();
        await writes.flush();
        await client.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (error) {
        restore();
        cache = cached;
        foundHere = foundBefore;
        // A connection lost, or a transaction PostgreSQL aborted as a whole: nothing of it stands.
        try {
          await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
          await client.query(`RELEASE SAVEPOINT ${name}`);
        } catch (undoError) {
          throw new TransactionLostError(undoError);
        }
        throw error;
      }
    },
  };
  return {
    tx,
    flush: () => writes.flush(),
    committed() {
      for (const [key, entry] of foundHere) found.set(key, entry);
    },
  };
}

/**
 * A database restored from a `npm run backup` copy (a row in `restore_marks`, migration 006): every
 * school's revision counter moves to the time in milliseconds, once — past any revision the lost original
 * gave out after the copy, at fewer than one a millisecond (the same as SQLite's, storage/sqlite.ts).
 */
async function moveRevisionsPastTheOriginal(client: pg.PoolClient, nowMs: number): Promise<void> {
  await client.query('BEGIN');
  try {
    const marks = await client.query('DELETE FROM restore_marks RETURNING id');
    if (marks.rowCount) {
      // Devices may hold anything of the copy, whatever cursors the copy remembers issuing: a purge for
      // a device whose scope shrinks must be able to name it all.
      await client.query(
        'UPDATE scopes SET issued_up_to = GREATEST(scopes.issued_up_to, s.rev) FROM schools s WHERE s.school = scopes.school',
      );
      await client.query('UPDATE schools SET rev = GREATEST(rev, $1)', [nowMs]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** Applies the migrations in the repo that this database has not seen, one process at a time. */
async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const done = new Set(
      (await client.query('SELECT version FROM schema_migrations')).rows.map((r) => r.version as string),
    );
    for (const file of readdirSync(MIGRATIONS)
      .filter((f) => f.endsWith('.sql'))
      .sort()) {
      if (done.has(file)) continue;
      await client.query('BEGIN');
      try {
        await client.query(readFileSync(new URL(file, MIGRATIONS), 'utf8'));
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${file} failed: ${(error as Error).message}`);
      }
    }
    await moveRevisionsPastTheOriginal(client, Date.now());
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

/**
 * Connects to PostgreSQL at `url` (`postgres://user:pass@host:port/db`) and brings its schema up to
 * date. `poolSize` connections at most (one per concurrent transaction).
 */
export async function openPostgresStorage(url: string, poolSize = 10): Promise<Storage> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection that breaks (the database restarted) is dropped from the pool, not fatal.
  pool.on('error', () => undefined);
  await migrate(pool);
  const found: Found = new Map();

  return {
    async transaction<T>(fn: (tx: StorageTx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        try {
          // A snapshot's write that meets another's committed meanwhile fails with 40001: tried again.
          await client.query(options.snapshot ? 'BEGIN ISOLATION LEVEL REPEATABLE READ' : 'BEGIN');
          const { tx, flush, committed } = createTx(client, found);
          const result = await fn(tx);
          await flush();
          // A transaction a failed statement aborted (its error caught and passed over) ends in a ROLLBACK
          // that COMMIT reports without an error: it must not be answered as stored.
          const end = await client.query('COMMIT');
          if (end.command === 'ROLLBACK') throw new TransactionLostError('COMMIT rolled it back');
          committed();
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          const code = (error as { code?: string }).code;
          if (attempt < MAX_ATTEMPTS && code !== undefined && RETRYABLE.has(code)) continue;
          throw error;
        } finally {
          client.release();
        }
      }
    },
    async read<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T> {
      // Each statement reads what is committed when it runs: no BEGIN and COMMIT to wait for.
      const client = await pool.connect();
      try {
        const { tx, committed } = createTx(client, found);
        const result = await fn(tx);
        committed();
        return result;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
