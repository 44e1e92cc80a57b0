// How hard answers are compressed follows the server's load (src/server/compression.ts): densest while
// it has time to spare or only one device's work to do, fast while many devices wait — so that 300
// phones syncing at once are not queued behind brotli's densest setting. Over real HTTP.
import { once } from 'node:events';
import { request } from 'node:http';
import { connect } from 'node:net';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotli, FAST_QUALITY, loadMeter } from '../../src/server/compression';
import {
  type Actor,
  addMember,
  BOOTSTRAP_CODE,
  change,
  enrolWith,
  push,
  startTestServer,
  type TestServer,
} from '../support/test-server';

let server: TestServer;
let isBusy = false;
let mentor: Actor;

beforeAll(async () => {
  server = await startTestServer({ isBusy: () => isBusy });
  const curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
  mentor = await addMember(server, curator, 'mentor', { fullName: 'Наставник' }, 'mentor');
  const mentee = change(curator.stamper, 'person', { fullName: 'Ученик', kind: 'student' });
  const pair = change(curator.stamper, 'pair', {
    mentorId: mentor.personId,
    menteeIds: [mentee.id],
    form: 'учитель–ученик',
    status: 'active',
  });
  // Enough meetings for an answer of some kilobytes, where the two settings differ.
  const meetings = Array.from({ length: 30 }, (_, i) =>
    change(curator.stamper, 'meeting', {
      pairId: pair.id,
      date: `2026-09-${String(i + 1).padStart(2, '0')}`,
      kind: 'regular',
      durationMin: 40 + i,
      notes: `Встреча ${i + 1}: разобрали задачи недели и наметили следующие шаги`,
    }),
  );
  expect((await push(server, curator, [mentee, pair, ...meetings])).rejected).toEqual([]);
});

afterAll(async () => server.close());

/** A first pull's answer as sent (brotli), and the JSON it stands for. node:http: fetch would decode it. */
function firstPull(): Promise<{ sent: Buffer; json: Buffer }> {
  const body = JSON.stringify({ cursor: null, changes: [] });
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}/api/v1/sync`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${mentor.token}`,
          'content-type': 'application/json',
          'accept-encoding': 'gzip, deflate, br',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-encoding']).toBe('br');
          const sent = Buffer.concat(chunks);
          resolve({ sent, json: brotliDecompressSync(sent) });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('compressed answers', () => {
  it('take the densest setting while the server is idle and the fast one while it is busy', async () => {
    isBusy = false;
    const idle = await firstPull();
    isBusy = true;
    const busy = await firstPull();
    // The same answer either way (but for the server's time).
    const { serverTime: _a, ...idleAnswer } = JSON.parse(idle.json.toString('utf8'));
    const { serverTime: _b, ...busyAnswer } = JSON.parse(busy.json.toString('utf8'));
    expect(busyAnswer).toEqual(idleAnswer);
    const at = (json: Buffer, quality: number) => brotliCompressSync(json, brotli(quality, json.length));
    expect(idle.sent.equals(at(idle.json, constants.BROTLI_MAX_QUALITY))).toBe(true);
    expect(busy.sent.equals(at(busy.json, FAST_QUALITY))).toBe(true);
    expect(idle.sent.length).toBeLessThan(busy.sent.length);
  });
});

describe('the load meter', () => {
  /** Work that holds the loop for three of the meter's windows: no snapshot can be taken meanwhile. */
  const holdTheLoop = () => {
    const until = performance.now() + 300;
    while (performance.now() < until) {
      /* busy */
    }
  };

  it('says busy while many devices are connected and the loop works without a break, idle once it rests', async () => {
    const app = Fastify();
    const meter = loadMeter(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const sockets = Array.from({ length: 20 }, () => connect(port, '127.0.0.1'));
    await Promise.all(sockets.map((s) => once(s, 'connect')));
    await expect.poll(meter, { timeout: 5_000 }).toBe(false);
    // The server accepts the connections when its loop gets to them.
    const accepted = () => new Promise<number>((resolve) => app.server.getConnections((_, n) => resolve(n)));
    await expect.poll(accepted).toBe(sockets.length);
    holdTheLoop();
    expect(meter()).toBe(true);
    await expect.poll(meter, { timeout: 5_000 }).toBe(false);
    for (const s of sockets) s.destroy();
    await app.close();
  });

  it("says idle after one device's heavy request: nobody waits behind the next answer", async () => {
    const app = Fastify();
    const meter = loadMeter(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    await expect.poll(meter, { timeout: 5_000 }).toBe(false);
    holdTheLoop();
    expect(meter()).toBe(false);
    socket.destroy();
    await app.close();
  });
});
