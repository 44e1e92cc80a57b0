// The server as `npm start` runs it: a real process configured by the environment.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../support/pg-cluster';
import { type ServerProcess, startServerProcess } from '../support/server-process';
import { TEST_ENGINE } from '../support/test-storage';

let running: ServerProcess | null = null;
afterEach(() => {
  running?.child.kill('SIGKILL');
  running = null;
});

// On the PostgreSQL run, each server gets a database of its own.
let database: Awaited<ReturnType<typeof createDatabase>> | null = null;
beforeEach(async () => {
  if (TEST_ENGINE === 'postgres') database = await createDatabase(inject('pgClusterUrl'));
});
afterEach(async () => {
  await database?.drop();
  database = null;
});

async function start(env: Record<string, string>): Promise<ServerProcess> {
  running = await startServerProcess(
    { ...(database ? { DATABASE_URL: database.url } : {}), ...env },
    "First curator's code",
  );
  return running;
}

describe('npm start', () => {
  it('prints its address and the first curator’s code, logs no personal data, and stops cleanly on SIGTERM', async () => {
    const server = await start({ NASTAVNIK_BOOTSTRAP_CODE: 'MAIN-TEST' });
    expect(server.output()).toContain("First curator's code: MAIN-TEST");
    expect(server.output()).toContain(TEST_ENGINE === 'postgres' ? 'Data: PostgreSQL' : 'nastavnik.sqlite');
    const enrol = await fetch(`${server.url}/api/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'MAIN-TEST', deviceName: 'Телефон Секретовой' }),
    });
    const { token } = (await enrol.json()) as { token: string };
    const stamp = `${new Date().toISOString()}_0001_dev1`;
    const sync = await fetch(`${server.url}/api/v1/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        cursor: null,
        changes: [
          {
            id: '0193a3f0-0000-7000-8000-0000000000aa',
            type: 'person',
            fields: { fullName: 'Секретова Дарья', kind: 'student' },
            stamps: { fullName: stamp, kind: stamp },
          },
        ],
      }),
    });
    expect(sync.status).toBe(200);
    expect(await server.stop()).toBe(0);
    const log = server.output();
    expect(log).toContain('/api/v1/sync');
    for (const secret of ['Секретов', token, 'MAIN-TEST"']) expect(log).not.toContain(secret);
  });

  it('speaks HTTPS when given a certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nastavnik-tls-'));
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ],
      { stdio: 'ignore' },
    );
    const server = await start({ TLS_CERT: cert, TLS_KEY: key });
    expect(server.url).toMatch(/^https:/);
    const body = await new Promise<string>((resolve, reject) => {
      get(`${server.url}/api/v1/health`, { rejectUnauthorized: false }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect(JSON.parse(body)).toMatchObject({ ok: true });
  });

  it('refuses to start with half a TLS configuration, and says why', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nastavnik-main-'));
    const run = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, PORT: '0', NASTAVNIK_DATA_DIR: dataDir, TLS_CERT: '/nowhere.pem', TLS_KEY: '' },
    });
    let output = '';
    run.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise((resolve) => run.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toMatch(/TLS_CERT and TLS_KEY/);
  });
});
