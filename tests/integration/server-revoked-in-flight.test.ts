// A request let in when it arrived does nothing once its device is revoked (or its person archived)
// before its body has come in: the token is checked when the headers arrive, and again in the
// transaction that does the work. A revoked curator holding one request open must not come away with a
// new curator code, nor a mentor with a push stored and the programme's data pulled; and the codes a
// device made before it was revoked let no one in afterwards.
import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Actor,
  addMember,
  BOOTSTRAP_CODE,
  call,
  change,
  DISTRICT_CODE,
  enrolWith,
  pairChange,
  push,
  startTestServer,
  type TestServer,
} from '../support/test-server';

let server: TestServer;
let curator: Actor;

beforeEach(async () => {
  server = await startTestServer();
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
});
afterEach(async () => server.close());

/** The curator's view of a device of `personId`. */
async function deviceOf(personId: string): Promise<{ id: string; lastSeenAt: string | null }> {
  const r = await call(server, 'GET', '/api/v1/devices', { token: curator.token });
  const devices = r.body.devices as { id: string; personId: string; lastSeenAt: string | null }[];
  const device = devices.find((d) => d.personId === personId);
  if (!device) throw new Error(`no device of ${personId}`);
  return device;
}

/**
 * Sends the headers and the first bytes of a request, and returns once the server has let it in (the
 * device's last-seen time is written by that check: a device enrolled for the test has none before).
 * `finish()` sends the rest and gives the answer.
 */
async function openRequest(actor: Actor, path: string, body: unknown) {
  const text = JSON.stringify(body);
  expect((await deviceOf(actor.personId)).lastSeenAt).toBeNull();
  const req = httpRequest(`${server.url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${actor.token}`,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    },
  });
  const answer = new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      let got = '';
      res.on('data', (d) => {
        got += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: got ? JSON.parse(got) : {} }));
    });
  });
  req.write(text.slice(0, 5));
  await expect
    .poll(async () => (await deviceOf(actor.personId)).lastSeenAt, { timeout: 20_000 })
    .not.toBeNull();
  return {
    finish: async () => {
      req.end(text.slice(5));
      return answer;
    },
  };
}

const revoke = async (personId: string) => {
  const r = await call(server, 'POST', `/api/v1/devices/${(await deviceOf(personId)).id}/revoke`, {
    token: curator.token,
  });
  expect(r.status).toBe(200);
};

describe('a request under way when its device is revoked', () => {
  it('a curator revoked meanwhile gets no invite code', async () => {
    const second = await addMember(server, curator, 'curator', { fullName: 'Второй куратор' }, 'cur2');
    const open = await openRequest(second, '/api/v1/invites', { personId: second.personId, role: 'curator' });
    await revoke(second.personId);
    const answer = await open.finish();
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBeUndefined();
  });

  it('a mentor revoked meanwhile stores nothing and receives nothing; archived, is told so', async () => {
    const mentor = await addMember(server, curator, 'mentor', { fullName: 'Наставник' }, 'men');
    const mentee = change(curator.stamper, 'person', { fullName: 'Ученица', kind: 'student' });
    const pair = pairChange(curator.stamper, mentor.personId, [mentee.id]);
    expect((await push(server, curator, [mentee, pair])).rejected).toEqual([]);
    const meeting = change(mentor.stamper, 'meeting', {
      pairId: pair.id,
      date: '2026-11-25',
      kind: 'regular',
      durationMin: 45,
      notes: 'Записано после отзыва',
    });
    const open = await openRequest(mentor, '/api/v1/sync', { cursor: null, changes: [meeting] });
    await revoke(mentor.personId);
    const answer = await open.finish();
    expect(answer.status).toBe(401);
    expect(answer.body.changes).toBeUndefined();
    const exported = await call(server, 'GET', '/api/v1/export', { token: curator.token });
    expect(JSON.stringify(exported.body)).not.toContain('Записано после отзыва');

    const other = await addMember(server, curator, 'mentor', { fullName: 'Другой наставник' }, 'men2');
    const pull = await openRequest(other, '/api/v1/sync', { cursor: null, changes: [] });
    expect(
      (await push(server, curator, [change(curator.stamper, 'person', { archived: true }, other.personId)]))
        .rejected,
    ).toEqual([]);
    const archived = await pull.finish();
    expect(archived.status).toBe(403);
    expect(archived.body.error).toBe('archived');
  });
});

describe('codes made on a device revoked since', () => {
  it('let no one in: a curator code a lost phone made for its own person is refused', async () => {
    const second = await addMember(server, curator, 'curator', { fullName: 'Ушедший куратор' }, 'cur2');
    const made = await call(server, 'POST', '/api/v1/invites', {
      token: second.token,
      body: { personId: second.personId, role: 'curator' },
    });
    expect(made.status).toBe(200);
    const spare = await call(server, 'POST', '/api/v1/invites', {
      token: curator.token,
      body: { personId: second.personId, role: 'mentor' },
    });
    await revoke(second.personId);
    const enrol = await call(server, 'POST', '/api/v1/enrol', {
      body: { code: made.body.code, deviceName: 'чужой' },
    });
    expect(enrol.status).toBe(400);
    expect(enrol.body.token).toBeUndefined();
    // A code made on a device that still works is not affected.
    const kept = await call(server, 'POST', '/api/v1/enrol', {
      body: { code: spare.body.code, deviceName: 'свой' },
    });
    expect(kept.status).toBe(200);
  });

  it('a code refused while its maker was archived stays dead once they are back', async () => {
    const second = await addMember(server, curator, 'curator', { fullName: 'Отпускник' }, 'cur3');
    const pupil = change(curator.stamper, 'person', { fullName: 'Ученик', kind: 'student' });
    expect((await push(server, curator, [pupil])).rejected).toEqual([]);
    const made = await call(server, 'POST', '/api/v1/invites', {
      token: second.token,
      body: { personId: pupil.id, role: 'mentee' },
    });
    const archive = (archived: boolean) =>
      push(server, curator, [change(curator.stamper, 'person', { archived }, second.personId)]);
    expect((await archive(true)).rejected).toEqual([]);
    const enrol = () =>
      call(server, 'POST', '/api/v1/enrol', { body: { code: made.body.code, deviceName: 'x' } });
    expect((await enrol()).status).toBe(400);
    expect((await archive(false)).rejected).toEqual([]);
    expect((await enrol()).status).toBe(400);
  });

  it("a district administrator's codes die with their phone", async () => {
    const admin = await enrolWith(server, DISTRICT_CODE, 'district-admin');
    const deputyCode = await call(server, 'POST', '/api/v1/district/invites', {
      token: admin.token,
      body: { fullName: 'Заместитель', role: 'district-admin' },
    });
    const deputy = await enrolWith(server, deputyCode.body.code as string, 'deputy-phone');
    const made = await call(server, 'POST', '/api/v1/district/invites', {
      token: deputy.token,
      body: { fullName: 'Кто-то', role: 'district-admin' },
    });
    const school = await call(server, 'POST', '/api/v1/district/schools', {
      token: deputy.token,
      body: { name: 'Школа с потерянным кодом' },
    });
    const devices = (await call(server, 'GET', '/api/v1/devices', { token: admin.token })).body.devices as {
      id: string;
      personId: string;
    }[];
    const phone = devices.find((d) => d.personId === deputy.personId) as { id: string };
    expect(
      (await call(server, 'POST', `/api/v1/devices/${phone.id}/revoke`, { token: admin.token })).status,
    ).toBe(200);
    for (const code of [made.body.code, school.body.code]) {
      const enrol = await call(server, 'POST', '/api/v1/enrol', { body: { code, deviceName: 'x' } });
      expect(enrol.status).toBe(400);
    }
  });
});
