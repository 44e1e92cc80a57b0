// Bad input is refused with a reason and changes nothing; retries change nothing; one bad change
// does not block the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc } from '../../src/domain/hlc';
import { LIMITS } from '../../src/domain/sync-contract';
import {
  type Actor,
  addMember,
  BOOTSTRAP_CODE,
  call,
  change,
  enrolWith,
  exportText,
  pairChange,
  push,
  startTestServer,
  type TestServer,
} from '../support/test-server';

let server: TestServer;
let curator: Actor;
let mentor: Actor;
let pairId: string;

beforeAll(async () => {
  server = await startTestServer();
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur1');
  mentor = await addMember(server, curator, 'mentor', { fullName: 'Анна Петровна' }, 'men1');
  const mentee = change(curator.stamper, 'person', { fullName: 'Ваня', kind: 'student' });
  const pair = pairChange(curator.stamper, mentor.personId, [mentee.id]);
  pairId = pair.id;
  const r = await push(server, curator, [mentee, pair]);
  expect(r.rejected).toEqual([]);
});

afterAll(async () => server.close());

const meeting = (actor: Actor, fields: Record<string, unknown> = {}) =>
  change(actor.stamper, 'meeting', {
    pairId,
    date: '2026-11-25',
    kind: 'organisational',
    durationMin: 30,
    notes: 'Знакомство',
    ...fields,
  });

async function expectUnchanged(run: () => Promise<void>) {
  const before = await exportText(server, curator);
  await run();
  expect(await exportText(server, curator)).toBe(before);
}

describe('a sync request that is not valid', () => {
  const sync = (raw: string) => call(server, 'POST', '/api/v1/sync', { token: mentor.token, raw });

  it('bad JSON is refused whole with 400 and a reason', async () => {
    await expectUnchanged(async () => {
      const r = await sync('{"cursor": null, "changes": [');
      expect(r.status).toBe(400);
      expect(r.body.reason).toMatch(/JSON/);
    });
  });

  it('a body that is not UTF-8, or says it is in another charset, is refused and changes nothing', async () => {
    // «Иван» as Windows-1251 writes it (a roster from a school's older system), and «José» in Latin-1:
    // read leniently, each such byte became U+FFFD and the names were stored as «����», answered 200.
    const cp1251 = Buffer.from([0xc8, 0xe2, 0xe0, 0xed]);
    const bytes = (json: string, mark: string, instead: Buffer) => {
      const at = json.indexOf(mark);
      return Buffer.concat([
        Buffer.from(json.slice(0, at)),
        instead,
        Buffer.from(json.slice(at + mark.length)),
      ]);
    };
    const send = (path: string, token: string | undefined, body: Buffer, type = 'application/json') =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: new Uint8Array(body),
      });
    const person = change(curator.stamper, 'person', { fullName: 'MARK', kind: 'teacher' });
    const sync = JSON.stringify({ cursor: null, changes: [person] });
    const v2 = JSON.stringify({
      cursor: null,
      changes: [{ ...person, stamp: person.stamps.fullName, stamps: undefined }],
    });
    await expectUnchanged(async () => {
      for (const [path, json] of [
        ['/api/v1/sync', sync],
        ['/api/v2/sync', v2],
      ] as const) {
        for (const instead of [cp1251, Buffer.from([0x4a, 0x6f, 0x73, 0xe9])]) {
          const r = await send(path, curator.token, bytes(json, 'MARK', instead));
          expect(r.status, path).toBe(400);
          expect(await r.json()).toEqual({ error: 'bad-request', reason: expect.stringMatching(/UTF-8/) });
        }
        // UTF-8 bytes, declared in another charset: what they mean cannot be told.
        const declared = await send(
          path,
          curator.token,
          Buffer.from(json.replace('MARK', 'Иван')),
          'application/json; charset=windows-1251',
        );
        expect(declared.status, path).toBe(415);
        expect(await declared.json()).toEqual({
          error: 'bad-request',
          reason: expect.stringMatching(/UTF-8/),
        });
      }
      const invite = await send(
        '/api/v1/invites',
        curator.token,
        bytes(JSON.stringify({ personId: 'MARK', role: 'mentor' }), 'MARK', cp1251),
      );
      expect(invite.status).toBe(400);
    });
    // An enrolment whose device name is not UTF-8 is refused and does not spend its code.
    const code = await call(server, 'POST', '/api/v1/invites', {
      token: curator.token,
      body: { personId: mentor.personId, role: 'mentor' },
    });
    const enrol = JSON.stringify({ code: code.body.code, deviceName: 'MARK' });
    expect((await send('/api/v1/enrol', undefined, bytes(enrol, 'MARK', cp1251))).status).toBe(400);
    const named = await send(
      '/api/v1/enrol',
      undefined,
      Buffer.from(enrol.replace('MARK', 'Иван')),
      'application/json; charset=UTF-8',
    );
    expect(named.status).toBe(200);
    const devices = await call(server, 'GET', '/api/v1/devices', { token: curator.token });
    expect((devices.body.devices as { name: string }[]).map((d) => d.name)).toContain('Иван');
    // Bytes of ASCII read the same whatever charset is named: such a body is taken.
    const ascii = Buffer.from(JSON.stringify({ cursor: null, changes: [] }));
    const taken = await send('/api/v1/sync', curator.token, ascii, 'application/json; charset=iso-8859-1');
    expect(taken.status).toBe(200);
  });

  it('a body of the wrong shape is refused whole with 400', async () => {
    for (const body of [
      [],
      { cursor: 5, changes: [] },
      { cursor: null, changes: {} },
      { cursor: null, changes: [{ id: 'nope', type: 'meeting', fields: {}, stamps: {} }] },
      { cursor: null, changes: [{ ...meeting(mentor), stamps: {} }] },
      { cursor: null, changes: [{ ...meeting(mentor), deleted: 'yesterday' }] },
      { cursor: null, changes: [meeting(mentor), { ...meeting(mentor), stamps: { date: 'not-a-stamp' } }] },
      { cursor: 'made-up', changes: [] },
      // Impossible times would sort after every real stamp and win every later merge.
      ...[
        '9999-99-99T99:99:99.999Z_9999_dev1',
        '2026-13-45T25:61:61.999Z_0003_dev1',
        '2026-02-30T10:15:30.123Z_0003_dev1',
      ].map((bad) => {
        const m = meeting(mentor);
        return { cursor: null, changes: [{ ...m, stamps: { ...m.stamps, notes: bad } }] };
      }),
    ]) {
      await expectUnchanged(async () => {
        const r = await sync(JSON.stringify(body));
        expect(r.status, JSON.stringify(body)).toBe(400);
        expect(r.body.reason).toEqual(expect.any(String));
      });
    }
  });

  it('a body over the size limit is refused with 413, and the sender gets to read it', async () => {
    await expectUnchanged(async () => {
      const huge = JSON.stringify({
        cursor: null,
        changes: [meeting(mentor, { notes: 'x'.repeat(2 * LIMITS.bytesPerRequest) })],
      });
      // Every time: a server that answers before reading the body leaves most senders with a broken pipe.
      for (let i = 0; i < 5; i++) {
        const r = await sync(huge);
        expect(r.status).toBe(413);
        expect(r.body.reason).toEqual(expect.any(String));
      }
    });
  });

  it('more changes than the limit are refused with 413', async () => {
    await expectUnchanged(async () => {
      const many = Array.from({ length: LIMITS.changesPerRequest + 1 }, () => meeting(mentor));
      const r = await sync(JSON.stringify({ cursor: null, changes: many }));
      expect(r.status).toBe(413);
      expect(r.body.reason).toMatch(/at most/);
    });
  });

  it('a change of an unknown type, a field of the wrong type or a stamp from tomorrow is rejected with its reason', async () => {
    const farFuture = formatHlc({
      ms: Date.now() + LIMITS.maxClockSkewMs + 60_000,
      counter: 0,
      node: 'men1',
    });
    const unknownType = { ...meeting(mentor), type: 'diary' };
    const wrongField = meeting(mentor, { durationMin: 'half an hour' });
    const unknownField = meeting(mentor, { mood: 'good' });
    const missing = change(mentor.stamper, 'meeting', { pairId, date: '2026-11-25' });
    const future = {
      ...meeting(mentor),
      stamps: Object.fromEntries(Object.keys(meeting(mentor).fields).map((k) => [k, farFuture])),
    };
    await expectUnchanged(async () => {
      const r = await push(server, mentor, [unknownType, wrongField, unknownField, missing, future]);
      const byId = new Map(r.rejected.map((x) => [x.id, x]));
      expect(byId.get(unknownType.id)).toMatchObject({
        code: 'invalid',
        reason: expect.stringMatching(/unknown record type/),
      });
      expect(byId.get(wrongField.id)).toMatchObject({
        code: 'invalid',
        reason: expect.stringMatching(/durationMin/),
      });
      expect(byId.get(unknownField.id)).toMatchObject({
        code: 'invalid',
        reason: expect.stringMatching(/mood/),
      });
      expect(byId.get(missing.id)).toMatchObject({ code: 'invalid', reason: expect.stringMatching(/kind/) });
      expect(byId.get(future.id)).toMatchObject({ code: 'clock', reason: expect.stringMatching(/24 hours/) });
    });
  });

  it('a rejected change does not block the others in the same push', async () => {
    const good = meeting(mentor, { notes: 'Договорились о плане' });
    const bad = meeting(mentor, { kind: 'party' });
    const r = await push(server, mentor, [bad, good]);
    expect(r.rejected.map((x) => x.id)).toEqual([bad.id]);
    expect(r.changes.find((x) => x.id === good.id)?.fields.notes).toBe('Договорились о плане');
  });
});

describe('idempotent retry', () => {
  it('the same push sent twice leaves the server exactly as after one', async () => {
    const changes = [meeting(mentor, { notes: 'Первая' }), meeting(mentor, { notes: 'Вторая' })];
    const body = { cursor: null, changes };
    const first = await call(server, 'POST', '/api/v1/sync', { token: mentor.token, body });
    expect(first.status).toBe(200);
    const after = await exportText(server, curator);
    const second = await call(server, 'POST', '/api/v1/sync', { token: mentor.token, body });
    expect(second.status).toBe(200);
    expect(second.body.rejected).toEqual([]);
    expect(await exportText(server, curator)).toBe(after);
  });
});

describe('authentication and the contract version', () => {
  it('refuses a missing or unknown token with 401', async () => {
    expect((await call(server, 'POST', '/api/v1/sync', { body: { cursor: null, changes: [] } })).status).toBe(
      401,
    );
    expect(
      (await call(server, 'POST', '/api/v1/sync', { token: 'forged', body: { cursor: null, changes: [] } }))
        .status,
    ).toBe(401);
  });

  it('answers a client older than the contract with 426 and touches nothing', async () => {
    const old = await startTestServer({ minClientContract: 2 });
    try {
      const r = await call(old, 'POST', '/api/v1/sync', {
        headers: { 'x-nastavnik-contract': '1' },
        body: { cursor: null, changes: [] },
      });
      expect(r.status).toBe(426);
      expect(r.body.error).toBe('contract-too-old');
      // Without the header, the path says which contract a call speaks (fetch: paths exactly as given).
      const bare = (path: string) =>
        fetch(`${old.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ cursor: null, changes: [] }),
        }).then((r) => r.status);
      expect(await bare('/api/v1/sync')).toBe(426);
      expect(await bare('/api/v2/sync')).toBe(401);
    } finally {
      await old.close();
    }
  });
});
