// `npm run backup` on a running server: a consistent snapshot, WAL included, that a new server starts
// from with every record; an engine the command cannot back up is refused with a reason.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { SyncedRecord } from '../../src/domain/record';
import { createDatabase } from '../support/pg-cluster';
import { call, change, createStamper } from '../support/test-server';
import { TEST_ENGINE } from '../support/test-storage';

const run = promisify(execFile);
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Starts `npm start`'s server as a process and resolves with its address once it listens. */
function startServer(env: Record<string, string>): Promise<{ url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      NASTAVNIK_STATIC_DIR: 'tests/support/static',
      ...env,
    },
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      const url = /(http:\/\/localhost:\d+)/.exec(output)?.[1];
      if (url && output.includes('Data:')) resolve({ url: url.replace('localhost', '127.0.0.1') });
    });
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  });
}

function recordsIn(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  } catch {
    return 0; // no table at all
  } finally {
    db.close();
  }
}

function backup(env: Record<string, string>, target: string) {
  return run(process.execPath, ['--import', 'tsx', 'src/server/backup-main.ts', target], {
    env: { ...process.env, ...env },
  });
}

/** Pulls every page as the device of `token`; resolves with its cursor at the end. */
async function pullToEnd(server: { url: string }, token: string): Promise<string> {
  let cursor: string | null = null;
  for (;;) {
    const page = await call(server, 'POST', '/api/v1/sync', { token, body: { cursor, changes: [] } });
    cursor = page.body.cursor as string;
    if (page.body.hasMore !== true) return cursor;
  }
}

describe('npm run backup', () => {
  it('snapshots a running server, and a server started from the snapshot has every record', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nastavnik-live-'));
    const server = await startServer({ NASTAVNIK_DATA_DIR: dataDir, NASTAVNIK_BOOTSTRAP_CODE: 'LIVE-BOOT' });
    const enrol = await call(server, 'POST', '/api/v1/enrol', {
      body: { code: 'LIVE-BOOT', deviceName: 'pc' },
    });
    const token = enrol.body.token as string;
    const stamper = createStamper('pc');
    const people = Array.from({ length: 40 }, (_, i) =>
      change(stamper, 'person', { fullName: `Участник ${i + 1}`, kind: 'student' }),
    );
    const pushed = await call(server, 'POST', '/api/v1/sync', {
      token,
      body: { cursor: null, changes: people },
    });
    expect(pushed.body.rejected).toEqual([]);

    // Why a command is needed: the running server's newest data is still in its write-ahead log, so a
    // copy of the database file alone does not hold it.
    const naive = join(dataDir, 'copied.sqlite');
    copyFileSync(join(dataDir, 'nastavnik.sqlite'), naive);
    expect(recordsIn(naive)).toBeLessThan(people.length);

    const target = join(dataDir, 'backups', 'snapshot.sqlite');
    const { stdout } = await backup({ NASTAVNIK_DATA_DIR: dataDir }, target);
    expect(stdout).toContain(`Backup written: ${target}`);
    expect(recordsIn(target)).toBeGreaterThanOrEqual(people.length);
    // The server goes on working while and after it is backed up, and a device pulls what it wrote.
    const later = change(stamper, 'person', { fullName: 'После копии', kind: 'teacher' });
    expect(
      (await call(server, 'POST', '/api/v1/sync', { token, body: { cursor: null, changes: [later] } }))
        .status,
    ).toBe(200);
    const cursor = await pullToEnd(server, token);

    // Restore: a server started on the snapshot (the original still running) holds what it held then.
    const restored = await startServer({
      NASTAVNIK_DATA_DIR: mkdtempSync(join(tmpdir(), 'nastavnik-restored-')),
      DATABASE_URL: `sqlite:${target}`,
    });
    const exported = await call(restored, 'GET', '/api/v1/export', { token });
    expect(exported.status).toBe(200);
    const names = (exported.body.records as SyncedRecord[]).map((r) => r.fields.fullName);
    for (const p of people) expect(names).toContain(p.fields.fullName);
    expect(names).not.toContain('После копии');
    // What is written after the restore reaches the device, whose cursor is past the copy's revisions.
    const afterRestore = change(stamper, 'person', { fullName: 'После восстановления', kind: 'teacher' });
    expect(
      (
        await call(restored, 'POST', '/api/v1/sync', {
          token,
          body: { cursor: null, changes: [afterRestore] },
        })
      ).body.rejected,
    ).toEqual([]);
    const next = await call(restored, 'POST', '/api/v1/sync', { token, body: { cursor, changes: [] } });
    expect((next.body.changes as SyncedRecord[]).map((r) => r.id)).toContain(afterRestore.id);
  });

  it('after a restore, a device whose scope shrinks is told to drop what it pulled from the lost original', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nastavnik-live-'));
    const server = await startServer({ NASTAVNIK_DATA_DIR: dataDir, NASTAVNIK_BOOTSTRAP_CODE: 'LIVE-PURGE' });
    const curator = await call(server, 'POST', '/api/v1/enrol', {
      body: { code: 'LIVE-PURGE', deviceName: 'pc' },
    });
    const token = curator.body.token as string;
    const stamper = createStamper('pc');
    const sync = (url: { url: string }, who: string, cursor: string | null, changes: unknown[] = []) =>
      call(url, 'POST', '/api/v1/sync', { token: who, body: { cursor, changes } });
    const [mentor, other, pupil] = [
      change(stamper, 'person', { fullName: 'Наставник', kind: 'teacher' }),
      change(stamper, 'person', { fullName: 'Другой наставник', kind: 'teacher' }),
      change(stamper, 'person', { fullName: 'Ученик', kind: 'student' }),
    ];
    const pair = change(stamper, 'pair', {
      mentorId: mentor.id,
      menteeIds: [pupil.id],
      form: 'учитель–ученик',
      status: 'active',
    });
    const meeting = (notes: string) =>
      change(stamper, 'meeting', {
        pairId: pair.id,
        date: '2026-11-02',
        kind: 'regular',
        durationMin: 30,
        notes,
      });
    const first = meeting('До копии');
    expect((await sync(server, token, null, [mentor, other, pupil, pair, first])).body.rejected).toEqual([]);
    const invite = await call(server, 'POST', '/api/v1/invites', {
      token,
      body: { personId: mentor.id, role: 'mentor' },
    });
    const phone = await call(server, 'POST', '/api/v1/enrol', {
      body: { code: invite.body.code, deviceName: 'phone' },
    });
    const phoneToken = phone.body.token as string;
    let cursor = (await sync(server, phoneToken, null)).body.cursor as string;
    // A meeting written before the copy, which the phone pulls only after it was taken.
    const second = meeting('Перед копией');
    expect((await sync(server, token, null, [second])).body.rejected).toEqual([]);
    const target = join(dataDir, 'backups', 'purge.sqlite');
    await backup({ NASTAVNIK_DATA_DIR: dataDir }, target);
    const pulled = await sync(server, phoneToken, cursor);
    expect((pulled.body.changes as SyncedRecord[]).map((r) => r.id)).toContain(second.id);
    cursor = pulled.body.cursor as string;

    const restored = await startServer({
      NASTAVNIK_DATA_DIR: mkdtempSync(join(tmpdir(), 'nastavnik-restored-')),
      DATABASE_URL: `sqlite:${target}`,
    });
    const handover = change(stamper, 'pair', { mentorId: other.id }, pair.id);
    expect((await sync(restored, token, null, [handover])).body.rejected).toEqual([]);
    const after = await sync(restored, phoneToken, cursor);
    expect(after.body.purge).toEqual(expect.arrayContaining([pair.id, first.id, second.id]));
  });

  it('refuses an engine it cannot back up, with a reason', async () => {
    const failed = await backup({ DATABASE_URL: 'mysql://school@localhost/nastavnik' }, 'x.sqlite').then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('"mysql"');
  });

  it.runIf(TEST_ENGINE === 'postgres')(
    'on PostgreSQL, snapshots a running server with pg_dump, and a server on the restored copy has every record',
    async () => {
      const database = await createDatabase(inject('pgClusterUrl'));
      const server = await startServer({
        DATABASE_URL: database.url,
        NASTAVNIK_DATA_DIR: mkdtempSync(join(tmpdir(), 'nastavnik-live-')),
        NASTAVNIK_BOOTSTRAP_CODE: 'LIVE-PG',
      });
      const enrol = await call(server, 'POST', '/api/v1/enrol', {
        body: { code: 'LIVE-PG', deviceName: 'pc' },
      });
      const token = enrol.body.token as string;
      const stamper = createStamper('pc');
      const people = Array.from({ length: 20 }, (_, i) =>
        change(stamper, 'person', { fullName: `Участник ${i + 1}`, kind: 'student' }),
      );
      await call(server, 'POST', '/api/v1/sync', { token, body: { cursor: null, changes: people } });
      const target = join(mkdtempSync(join(tmpdir(), 'nastavnik-pgdump-')), 'snapshot.dump');
      const { stdout } = await backup({ DATABASE_URL: database.url }, target);
      expect(stdout).toContain(`Backup written: ${target} (postgres,`);
      // The original goes on, and the device pulls what it wrote after the copy was taken.
      const later = change(stamper, 'person', { fullName: 'После копии', kind: 'teacher' });
      await call(server, 'POST', '/api/v1/sync', { token, body: { cursor: null, changes: [later] } });
      const cursor = await pullToEnd(server, token);
      const copy = await createDatabase(inject('pgClusterUrl'));
      await run('pg_restore', ['--no-owner', `--dbname=${copy.url}`, target]);
      const restored = await startServer({
        DATABASE_URL: copy.url,
        NASTAVNIK_DATA_DIR: mkdtempSync(join(tmpdir(), 'nastavnik-restored-')),
      });
      const exported = await call(restored, 'GET', '/api/v1/export', { token });
      const names = (exported.body.records as SyncedRecord[]).map((r) => r.fields.fullName);
      for (const p of people) expect(names).toContain(p.fields.fullName);
      // What is written after the restore reaches the device, whose cursor is past the copy's revisions.
      const afterRestore = change(stamper, 'person', { fullName: 'После восстановления', kind: 'teacher' });
      await call(restored, 'POST', '/api/v1/sync', {
        token,
        body: { cursor: null, changes: [afterRestore] },
      });
      const next = await call(restored, 'POST', '/api/v1/sync', { token, body: { cursor, changes: [] } });
      expect((next.body.changes as SyncedRecord[]).map((r) => r.id)).toContain(afterRestore.id);
      for (const child of children.splice(0)) child.kill('SIGKILL');
      await copy.drop();
      await database.drop();
    },
  );
});
