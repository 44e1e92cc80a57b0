// One device's token cannot hold the server's memory: a few of its requests are worked on at once, and
// the others wait their turn with their bodies unread. Before the bound, one pupil's phone could send
// dozens of 4 MB syncs at once, each read and parsed in the one process every school's sync uses.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  addMember,
  BOOTSTRAP_CODE,
  call,
  enrolWith,
  startTestServer,
  type TestServer,
} from '../support/test-server';

let server: TestServer;
let curator: Actor;
let mentee: Actor;

beforeAll(async () => {
  server = await startTestServer();
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
  mentee = await addMember(server, curator, 'mentee', { fullName: 'Ваня', kind: 'student' }, 'mee');
});
afterAll(async () => server.close());

/** A sync whose body is declared as 3 MB and only begun: it stays under way until `end()`. */
function openSync(actor: Actor) {
  const { hostname, port } = new URL(server.url);
  const req = httpRequest({
    hostname,
    port,
    path: '/api/v2/sync',
    method: 'POST',
    headers: {
      authorization: `Bearer ${actor.token}`,
      'content-type': 'application/json',
      'content-length': String(3 * 1024 * 1024),
    },
  });
  req.on('error', () => undefined); // cut off by the test itself
  req.write('{"cursor":null,"changes":[');
  return { end: () => req.destroy() };
}

const sync = (actor: Actor) =>
  call(server, 'POST', '/api/v1/sync', { token: actor.token, body: { cursor: null, changes: [] } });

describe('requests of one device at once', () => {
  // Which of them waits, and for how long, is device-gate.test.ts's: here, that the gate is on every
  // device's requests and refuses none of them, whether the requests before end or are cut off.
  it('with four of a device’s requests under way and one cut off, a fifth is answered; other devices sync', async () => {
    const open = Array.from({ length: 4 }, () => openSync(mentee));
    const fifth = sync(mentee);
    expect((await sync(curator)).status).toBe(200);
    (open.shift() as { end(): void }).end();
    expect((await fifth).status).toBe(200);
    for (const o of open) o.end();
  });

  it('a device’s requests sent together are all answered, in turn', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => sync(mentee)));
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(200));
  });
});
