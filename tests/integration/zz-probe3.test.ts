import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => server.close());

it('probe many idle connections', async () => {
  const { hostname, port } = new URL(server.url);
  const sockets: Socket[] = [];
  for (let i = 0; i < 8000; i++) {
    const s = connect(Number(port), hostname);
    s.on('error', () => undefined);
    sockets.push(s);
    if (i % 500 === 0) await new Promise((r) => setTimeout(r, 10));
  }
  await new Promise((r) => setTimeout(r, 1000));
  const t0 = Date.now();
  const r = await fetch(`${server.url}/api/v1/health`);
  console.log('health with 8000 idle', r.status, Date.now() - t0, 'ms', 'connections', await new Promise((res) => server.app.server.getConnections((_e, n) => res(n))));
  for (const s of sockets) s.destroy();
});
