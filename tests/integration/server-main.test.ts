// The server as `npm start` runs it: a real process configured by the environment.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// Node runs the server itself (tsx as a loader, not as a parent process), so a kill reaches it.
let child: ChildProcess | null = null;
afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
});

function start(env: Record<string, string>): Promise<{ output: () => string; url: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nastavnik-main-'));
  child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      NASTAVNIK_DATA_DIR: dataDir,
      NASTAVNIK_STATIC_DIR: 'tests/support/static',
      ...env,
    },
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  // Waits for the lines it prints once it listens (vitest's test timeout bounds the wait).
  return new Promise((resolve, reject) => {
    const check = () => {
      const url = /(https?:\/\/localhost:\d+)/.exec(output)?.[1];
      if (url && output.includes('code')) resolve({ output: () => output, url });
    };
    child?.stdout?.on('data', check);
    child?.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

function exitCode(): Promise<number | null> {
  return new Promise((resolve) => child?.once('exit', (code) => resolve(code)));
}

describe('npm start', () => {
  it('prints its address and the first curator’s code, logs no personal data, and stops cleanly on SIGTERM', async () => {
    const server = await start({ NASTAVNIK_BOOTSTRAP_CODE: 'MAIN-TEST' });
    expect(server.output()).toContain("First curator's code: MAIN-TEST");
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
    const exited = exitCode();
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
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
