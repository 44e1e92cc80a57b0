// Enrolment: one-time codes that expire, rate-limited guessing, hashed secrets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAttemptLimiter } from '../../src/server/attempt-limiter';
import { createServerClock } from '../../src/server/server-clock';
import {
  type Actor,
  BOOTSTRAP_CODE,
  call,
  change,
  createStamper,
  push,
  startTestServer,
  type TestServer,
} from '../support/test-server';

let server: TestServer;
let curator: Actor;
let now = Date.now();

beforeAll(async () => {
  server = await startTestServer({
    clock: createServerClock(() => now),
    enrolLimiter: createAttemptLimiter(3, 60_000, () => now),
  });
  const first = await call(server, 'POST', '/api/v1/enrol', {
    body: { code: 'test-boot', deviceName: 'Учительская' },
  });
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({
    role: 'curator',
    token: expect.any(String),
    person: { type: 'person' },
  });
  curator = {
    token: first.body.token as string,
    personId: (first.body.person as { id: string }).id,
    stamper: createStamper('c1'),
    cursor: null,
    role: 'curator',
  };
});
afterAll(async () => server.close());

describe('enrolment', () => {
  it('the bootstrap code works once (written in any case)', async () => {
    const again = await call(server, 'POST', '/api/v1/enrol', {
      body: { code: BOOTSTRAP_CODE, deviceName: 'x' },
    });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'invalid-code', reason: expect.stringMatching(/not valid/) });
  });

  it('an invite is one-time, expires after a week, and the server keeps only hashes', async () => {
    const person = change(curator.stamper, 'person', { fullName: 'Пётр', kind: 'teacher' });
    await push(server, curator, [person]);
    const invite = await call(server, 'POST', '/api/v1/invites', {
      token: curator.token,
      body: { personId: person.id, role: 'mentor' },
    });
    expect(invite.status).toBe(200);
    const code = invite.body.code as string;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(Date.parse(invite.body.expiresAt as string) - now).toBe(7 * 24 * 3600 * 1000);
    const enrolled = await call(server, 'POST', '/api/v1/enrol', {
      body: { code: code.toLowerCase().replace('-', ' '), deviceName: 'phone' },
    });
    expect(enrolled.status).toBe(200);
    expect(enrolled.body.role).toBe('mentor');
    expect(
      (await call(server, 'POST', '/api/v1/enrol', { body: { code, deviceName: 'phone' } })).status,
    ).toBe(400);

    const stale = await call(server, 'POST', '/api/v1/invites', {
      token: curator.token,
      body: { personId: person.id, role: 'mentor' },
    });
    now += 8 * 24 * 3600 * 1000;
    expect(
      (await call(server, 'POST', '/api/v1/enrol', { body: { code: stale.body.code, deviceName: 'late' } }))
        .status,
    ).toBe(400);

    const stored = await server.rawText();
    expect(stored).not.toContain(enrolled.body.token as string);
    expect(stored).not.toContain(code.replace('-', ''));
  });

  it('invites are for curators, for people that exist, with a known role', async () => {
    const missing = await call(server, 'POST', '/api/v1/invites', {
      token: curator.token,
      body: { personId: '0193a3f0-0000-7000-8000-00000000dead', role: 'mentor' },
    });
    expect(missing.status).toBe(404);
    const badRole = await call(server, 'POST', '/api/v1/invites', {
      token: curator.token,
      body: { personId: curator.personId, role: 'king' },
    });
    expect(badRole.status).toBe(400);
    expect(badRole.body.reason).toMatch(/role/);
  });

  it('guessing codes is rate-limited per address', async () => {
    now += 61_000; // a fresh window: the tests above made wrong attempts too
    for (let i = 0; i < 3; i++) {
      expect(
        (await call(server, 'POST', '/api/v1/enrol', { body: { code: `WRONG-00${i}`, deviceName: 'x' } }))
          .status,
      ).toBe(400);
    }
    const blocked = await call(server, 'POST', '/api/v1/enrol', {
      body: { code: 'WRONG-999', deviceName: 'x' },
    });
    expect(blocked.status).toBe(429);
    now += 61_000;
    expect(
      (await call(server, 'POST', '/api/v1/enrol', { body: { code: 'WRONG-999', deviceName: 'x' } })).status,
    ).toBe(400);
  });
});
