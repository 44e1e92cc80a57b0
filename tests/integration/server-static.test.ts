// The built app is served so that updates are seen at once and hashed assets are cached for good.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;

beforeAll(async () => {
  const dist = mkdtempSync(join(tmpdir(), 'nastavnik-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Наставник</title>');
  writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  server = await startTestServer({ staticDir: dist });
});
afterAll(async () => server.close());

describe('serving the app', () => {
  it('sends index.html and the service worker with no-cache, hashed assets as immutable', async () => {
    const index = await fetch(`${server.url}/`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const sw = await fetch(`${server.url}/sw.js`);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${server.url}/assets/index-abc123.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('opens index.html on any route of the app, but not for the API or missing files', async () => {
    const route = await fetch(`${server.url}/pairs/0193`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('Наставник');
    expect((await fetch(`${server.url}/api/v1/nothing`)).status).toBe(404);
    expect((await fetch(`${server.url}/assets/missing-1.js`)).status).toBe(404);
  });

  it('answers health', async () => {
    const health = await fetch(`${server.url}/api/v1/health`);
    expect(await health.json()).toMatchObject({ ok: true, version: expect.any(String) });
  });
});

describe('security headers of the shell', () => {
  it('a URL the server cannot read is answered with the same headers, and not repeated back', async () => {
    const r = await fetch(`${server.url}/%3Cscript%3Ealert(1)%3C/script%3E%`);
    expect(r.status).toBe(400);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    const body = await r.text();
    expect(JSON.parse(body)).toEqual({ error: 'bad-request', reason: 'the URL is not valid' });
  });

  it('a request that is not HTTP, or that Node refuses itself, is answered { error, reason } with them too', async () => {
    const cases = [
      { sent: 'GARBAGE <script>\r\n\r\n', status: 400, error: 'bad-request' },
      // A body that would be read both ways (request smuggling): Node's parser refuses it.
      {
        sent: 'POST /api/v1/enrol HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n',
        status: 400,
        error: 'bad-request',
      },
      // Refusals Node made itself, without a body.
      { sent: 'GET /api/v1/health HTTP/1.1\r\n\r\n', status: 400, error: 'bad-request' },
      {
        sent: 'POST /api/v1/enrol HTTP/1.1\r\nhost: x\r\nexpect: <script>\r\ncontent-length: 2\r\n\r\n{}',
        status: 417,
        error: 'bad-request',
      },
      // The file server's own refusal of a path out of the app's folder: its code says what its status says.
      {
        sent: 'GET /assets/../../../etc/passwd HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n',
        status: 403,
        error: 'forbidden',
      },
      {
        sent: `GET /api/v1/health?${'a'.repeat(70_000)} HTTP/1.1\r\nhost: x\r\n\r\n`,
        status: 431,
        error: 'too-large',
      },
    ];
    for (const { sent, status, error } of cases) {
      const answer = await rawExchange(sent);
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      expect(head.startsWith(`HTTP/1.1 ${status} `), sent.slice(0, 20)).toBe(true);
      expect(head.toLowerCase()).toContain('x-content-type-options: nosniff');
      expect(head.toLowerCase()).toContain('x-frame-options: deny');
      expect(head.toLowerCase()).toContain("content-security-policy: default-src 'self'");
      expect(JSON.parse(body)).toEqual({ error, reason: expect.any(String) });
      expect(body).not.toContain('script');
    }
  });

  it('every page, the service worker and the assets are sent with nosniff, no framing and a strict CSP', async () => {
    for (const path of ['/', '/pairs/0193', '/sw.js', '/assets/index-abc123.js', '/api/v1/health']) {
      const r = await fetch(`${server.url}${path}`);
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('x-frame-options'), path).toBe('DENY');
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      // Scripts only from files: no inline script, no eval; and no forced HTTPS on a school's plain-HTTP network.
      expect(csp, path).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp, path).not.toContain('upgrade-insecure-requests');
      expect(r.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('a sync answer carries nosniff, but not the policies of a page (bytes over mobile data)', async () => {
    for (const path of ['/api/v1/sync', '/api/v2/sync']) {
      const r = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer nobody' },
        body: JSON.stringify({ cursor: null, changes: [] }),
      });
      expect(r.status, path).toBe(401);
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('x-frame-options'), path).toBeNull();
      expect(r.headers.get('content-type'), path).toBe('application/json');
      expect(r.headers.get('content-security-policy'), path).toBeNull();
      expect(r.headers.get('cross-origin-opener-policy'), path).toBeNull();
    }
  });
});

/** Sends `text` as it is on a connection of its own; answers everything the server sent until it closed. */
function rawExchange(text: string): Promise<string> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    socket.on('error', () => undefined); // the server cuts the line after answering
    socket.on('close', () => resolve(received));
  });
}
