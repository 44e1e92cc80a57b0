// How hard answers are compressed follows the server's load (src/server/compression.ts): densest while
// few devices are connected, fast while many are — so that 300 phones syncing at once are not queued
// behind brotli's densest setting. Over real HTTP.
import { once } from 'node:events';
import { request } from 'node:http';
import { connect } from 'node:net';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerMeter,
  BUSY_QUALITY,
  brotli,
  connectionMeter,
  requestMeter,
} from '../../src/server/compression';
import {
  type Actor,
  addMember,
  BOOTSTRAP_CODE,
  change,
  enrolWith,
  pairChange,
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
  const pair = pairChange(curator.stamper, mentor.personId, [mentee.id]);
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
    expect(busy.sent.equals(at(busy.json, BUSY_QUALITY))).toBe(true);
    expect(idle.sent.length).toBeLessThan(busy.sent.length);
  });
});

describe('the load meter', () => {
  it('says busy while many devices are connected, and calm once they have gone', async () => {
    const app = Fastify();
    const meter = connectionMeter(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const connectAll = async (n: number) => {
      const sockets = Array.from({ length: n }, () => connect(port, '127.0.0.1'));
      await Promise.all(sockets.map((s) => once(s, 'connect')));
      return sockets;
    };
    // The server counts a connection when its loop accepts it.
    const accepted = () => new Promise<number>((resolve) => app.server.getConnections((_, n) => resolve(n)));
    // A browser: up to six connections.
    const browser = await connectAll(6);
    await expect.poll(accepted).toBe(6);
    expect(meter()).toBe(false);
    const school = await connectAll(20);
    await expect.poll(accepted).toBe(26);
    expect(meter()).toBe(true);
    for (const s of school) s.destroy();
    await expect.poll(meter).toBe(false);
    for (const s of browser) s.destroy();
    await app.close();
  });
});

describe('the requests waiting', () => {
  it('says busy while another request is taken in and not answered, and calm once it is', async () => {
    // (Closing drops fetch's kept-alive connections rather than waiting on them.)
    const app = Fastify({ forceCloseConnections: true });
    const meter = requestMeter(app);
    let slowArrived = 0;
    let release = () => {};
    let held = new Promise<void>((resolve) => (release = resolve));
    app.get('/slow', async () => {
      slowArrived += 1;
      await held;
      return { ok: true };
    });
    // What the meter says while this request is being answered.
    app.get('/quick', async () => ({ busy: meter() }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const quick = async () => ((await (await fetch(`${url}/quick`)).json()) as { busy: boolean }).busy;
    // Alone: only the request being answered.
    expect(await quick()).toBe(false);
    // Another device's request taken in and waiting on its answer.
    const slow = fetch(`${url}/slow`);
    await expect.poll(() => slowArrived).toBe(1);
    expect(await quick()).toBe(true);
    release();
    await (await slow).text();
    await expect.poll(quick).toBe(false);
    // A request whose device gave up counts as gone too.
    held = new Promise<void>((resolve) => (release = resolve));
    const aborted = new AbortController();
    const cut = fetch(`${url}/slow`, { signal: aborted.signal }).catch(() => 'cut');
    await expect.poll(() => slowArrived).toBe(2);
    expect(await quick()).toBe(true);
    aborted.abort();
    expect(await cut).toBe('cut');
    await expect.poll(quick).toBe(false);
    release();
    await app.close();
  });
});

describe('the pace of answers', () => {
  it('says busy from the fourth answer within a quarter of a second, and calm again after a pause', () => {
    let now = 0;
    const meter = answerMeter(() => now);
    // A burst: an answer every 20 ms (each at the densest setting would take about that long).
    const burst = Array.from({ length: 6 }, () => {
      now += 20;
      return meter();
    });
    expect(burst).toEqual([false, false, false, true, true, true]);
    // One device alone: its requests a round trip apart.
    const alone = Array.from({ length: 3 }, () => {
      now += 1_000;
      return meter();
    });
    expect(alone).toEqual([false, false, false]);
  });
});
