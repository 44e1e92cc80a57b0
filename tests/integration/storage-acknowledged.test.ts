// Transactions that share one COMMIT (storage/sqlite-group-commit.ts) keep what one at a time gave:
// a push answered as failed stores nothing, no revision is handed out twice, and a read sees every write
// another process acknowledged before the read was asked. (Both found by an attack round.) And on
// PostgreSQL, a transaction it aborted is never answered as stored.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { authenticateDevice } from '../../src/server/authenticate';
import { bootstrap } from '../../src/server/enrol-service';
import { hashSecret, newToken } from '../../src/server/secrets';
import { createServerClock } from '../../src/server/server-clock';
import { openSqliteStorage } from '../../src/server/storage/sqlite';
import { call, change, enrolWith, pairChange, pullAll, push } from '../support/test-server';
import { openTestStorage, TEST_ENGINE } from '../support/test-storage';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const fileIn = (prefix: string) => join(mkdtempSync(join(tmpdir(), prefix)), 'nastavnik.sqlite');

it.runIf(TEST_ENGINE === 'sqlite')(
  'a full disk in the middle of a push stores none of it, and no revision is handed out twice',
  async () => {
    // The server's own connection, to fill its disk: SQLite's page limit is a connection's own.
    let db: Database.Database | undefined;
    const pragma = Database.prototype.pragma;
    Database.prototype.pragma = function (this: Database.Database, ...args: Parameters<typeof pragma>) {
      db ??= this;
      return pragma.apply(this, args);
    } as typeof pragma;
    const storage = openSqliteStorage(fileIn('nastavnik-full-'));
    Database.prototype.pragma = pragma;
    const clock = createServerClock();
    await bootstrap(storage, clock, 'BOOT');
    const app = await createApp({ storage, clock, staticDir: null, summaryMinAgeMs: 0 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    cleanups.push(async () => {
      await app.close();
      await storage.close();
    });
    const server = { url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
    const curator = await enrolWith(server, 'BOOT', 'cur');
    const mentee = change(curator.stamper, 'person', { fullName: 'Ученик', kind: 'student' });
    const mentor = change(curator.stamper, 'person', { fullName: 'Наставник', kind: 'teacher' });
    const pair = pairChange(curator.stamper, mentor.id, [mentee.id]);
    await push(server, curator, [mentor, mentee, pair]);
    const sql = db as Database.Database;
    const revOf = (id: string) =>
      (sql.prepare('SELECT rev FROM records WHERE id = ?').get(id) as { rev: number } | undefined)?.rev;

    // A few dozen pages left, and a page cache small enough that SQLite writes them mid-transaction:
    // the push's large meetings fill the disk, and SQLite undoes the whole transaction.
    sql.pragma('wal_checkpoint(TRUNCATE)');
    sql.pragma(`max_page_count = ${(sql.pragma('page_count', { simple: true }) as number) + 40}`);
    sql.pragma('cache_size = 20');
    const meetings = Array.from({ length: 12 }, (_, i) =>
      change(curator.stamper, 'meeting', {
        pairId: pair.id,
        date: '2026-11-25',
        kind: 'regular',
        durationMin: 30,
        notes: `${i} ${'я'.repeat(19_000)}`,
      }),
    );
    const small = change(curator.stamper, 'person', { fullName: 'Новенькая', kind: 'student' });
    const answer = await call(server, 'POST', '/api/v1/sync', {
      token: curator.token,
      body: { cursor: curator.cursor, changes: [...meetings, small] },
    });
    sql.pragma('max_page_count = 1000000000');
    sql.pragma('cache_size = -2000');
    expect(answer.status).not.toBe(200);
    // Answered as failed: nothing of it is stored (the device keeps it all and sends it again).
    expect(revOf(small.id)).toBeUndefined();
    expect(meetings.filter((m) => revOf(m.id) !== undefined)).toEqual([]);

    // The school goes on: a device that synced in between misses none of what comes next.
    const watcher = { ...curator, cursor: null };
    await pullAll(server, watcher);
    const later = Array.from({ length: 20 }, (_, i) =>
      change(curator.stamper, 'person', { fullName: `Ученик ${i}`, kind: 'student' }),
    );
    await push(server, curator, later);
    const { records } = await pullAll(server, watcher);
    expect(later.filter((c) => !records.has(c.id)).map((c) => c.id)).toEqual([]);
    expect(sql.prepare('SELECT rev FROM records GROUP BY school, rev HAVING COUNT(*) > 1').all()).toEqual([]);
  },
);

it.runIf(TEST_ENGINE === 'sqlite')(
  "a read sees every write another process acknowledged before it was asked, while this process's long read goes on",
  async () => {
    const file = fileIn('nastavnik-reads-');
    const here = openSqliteStorage(file);
    const other = openSqliteStorage(file);
    cleanups.push(async () => {
      await here.close();
      await other.close();
    });
    const clock = createServerClock();
    const token = newToken('s');

    /** A read of this process that goes on (an export page, say) until the test lets it end. */
    const longRead = () => {
      let end = () => {};
      const ended = new Promise<void>((resolve) => {
        end = resolve;
      });
      let isReading = false;
      const done = here.read(async (tx) => {
        await tx.listSchools();
        isReading = true;
        await ended;
      });
      return { isReading: () => isReading, end, done };
    };

    const first = longRead();
    await expect.poll(first.isReading).toBe(true);
    // The other process enrols a device, and says so.
    await other.transaction(async (tx) => {
      await tx.createSchool('s', 'Школа', new Date().toISOString());
      await tx.lockSchool('s');
      await tx.putRecord(
        's',
        {
          record: {
            id: 'p1',
            type: 'person',
            fields: { fullName: 'Наставник', kind: 'teacher' },
            stamps: {},
          },
          fieldRevs: {},
        },
        ['person:p1'],
        [],
      );
      await tx.addDevice(
        {
          id: 'd1',
          schoolId: 's',
          personId: 'p1',
          role: 'mentor',
          name: 'Телефон',
          createdAt: new Date().toISOString(),
          lastSeenAt: null,
          revokedAt: null,
        },
        hashSecret(token),
      );
    });
    // The device's first request reaches this process only now.
    const enrolled = authenticateDevice(here, clock, token);
    first.end();
    await first.done;
    expect(await enrolled).toMatchObject({ personId: 'p1' });

    // A revocation the other process acknowledged shuts the device out here at once.
    const second = longRead();
    await expect.poll(second.isReading).toBe(true);
    await other.transaction((tx) => tx.revokeDevice('s', 'd1', new Date().toISOString()));
    const revoked = authenticateDevice(here, clock, token);
    second.end();
    await second.done;
    expect(await revoked).toBeUndefined();
  },
);

it.runIf(TEST_ENGINE === 'postgres')(
  'a transaction PostgreSQL aborted, its failed statement passed over, is not answered as stored',
  async () => {
    const { storage, dispose } = await openTestStorage();
    cleanups.push(dispose);
    const stored = storage.transaction(async (tx) => {
      await tx.createSchool('s9', 'Школа', new Date().toISOString());
      // A statement fails (no bigint) and whoever ran it goes on: PostgreSQL has aborted the transaction,
      // and its COMMIT rolls it back without an error.
      await tx.enrolFailures('k', 1.5, 1).catch(() => undefined);
    });
    await expect(stored).rejects.toThrow(/undone as a whole/);
    expect(await storage.read((tx) => tx.getSchool('s9'))).toBeUndefined();
  },
);
