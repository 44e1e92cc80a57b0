// Hostile input over real HTTP: nothing makes the server answer 5xx, the cheap checks come before any
// work (token, then size and counts, then content), a trickling request is cut off, and values that do
// not fit their field are rejected one by one while the other changes of the push apply.
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/domain/sync-contract';
import { createApp } from '../../src/server/app';
import {
  type Actor,
  addMember,
  BOOTSTRAP_CODE,
  call,
  change,
  createStamper,
  DISTRICT_CODE,
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
let planId: string;

beforeAll(async () => {
  server = await startTestServer({ timeouts: { requestMs: 1_500, idleMs: 1_000, headersMs: 1_000 } });
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
  mentor = await addMember(server, curator, 'mentor', { fullName: 'Анна Петровна' }, 'men');
  const mentee = change(curator.stamper, 'person', { fullName: 'Ваня', kind: 'student' });
  const pair = pairChange(curator.stamper, mentor.personId, [mentee.id]);
  const plan = change(curator.stamper, 'plan', { pairId: pair.id, menteeId: mentee.id, title: 'ИПР' });
  pairId = pair.id;
  planId = plan.id;
  expect((await push(server, curator, [mentee, pair, plan])).rejected).toEqual([]);
});
afterAll(async () => server.close());

const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

/** A push as raw JSON, so that values JSON.stringify cannot make (deep nesting, 1e309) can be sent. */
const rawSync = (actor: Actor, changesJson: string) =>
  call(server, 'POST', '/api/v1/sync', {
    token: actor.token,
    raw: `{"cursor":null,"changes":[${changesJson}]}`,
  });

const json = (x: unknown) => JSON.stringify(x);

describe('values that would make the server throw', () => {
  it('a value nested 20,000 deep is one invalid change; the other changes of the push still apply', async () => {
    const person = change(curator.stamper, 'person', { fullName: 'Вера Иванова', kind: 'teacher' });
    const template = change(curator.stamper, 'formTemplate', { title: 'Анкета', questions: [0] });
    const deep = json(template).replace('"questions":[0]', `"questions":[${nested(20_000)}]`);
    const r = await rawSync(curator, `${json(person)},${deep}`);
    expect(r.status).toBe(200);
    expect(r.body.rejected).toEqual([
      { id: template.id, code: 'invalid', reason: expect.stringMatching(/questions.*nested/) },
    ]);
    expect((r.body.changes as { id: string }[]).some((x) => x.id === person.id)).toBe(true);
    // The device retries its outbox: the same answer, never a 5xx.
    const again = await rawSync(curator, `${json(person)},${deep}`);
    expect(again.status).toBe(200);
    expect((again.body.rejected as unknown[]).length).toBe(1);
  });

  it('a template nested 3,000 deep is rejected, and so is its retry', async () => {
    const template = change(curator.stamper, 'formTemplate', { title: 'Анкета', questions: [0] });
    const deep = json(template).replace('"questions":[0]', `"questions":[${nested(3_000)}]`);
    for (let i = 0; i < 2; i++) {
      const r = await rawSync(curator, deep);
      expect(r.status).toBe(200);
      expect(r.body.rejected).toEqual([{ id: template.id, code: 'invalid', reason: expect.any(String) }]);
    }
  });

  it('answers of a form, sections and every free-form value are bounded in depth too', async () => {
    const template = change(curator.stamper, 'formTemplate', {
      title: 'Анкета',
      questions: [{ id: 'q1', kind: 'text' }],
      sections: [0],
    });
    const deep = json(template).replace('"sections":[0]', `"sections":[${nested(50)}]`);
    const r = await rawSync(curator, deep);
    expect(r.body.rejected).toEqual([
      { id: template.id, code: 'invalid', reason: expect.stringMatching(/sections/) },
    ]);
  });

  it('a deep body to restore is refused with 400, never 500', async () => {
    const target = await startTestServer();
    try {
      const admin = await enrolWith(target, BOOTSTRAP_CODE, 'adm');
      const record = change(admin.stamper, 'formTemplate', { title: 'Анкета', questions: [0] });
      const deepRecord = json(record).replace('"questions":[0]', `"questions":[${nested(20_000)}]`);
      for (const raw of [
        `{"schemaVersion":1,"records":[${deepRecord}]}`,
        nested(20_000),
        `{"schemaVersion":1,"records":${nested(20_000)}}`,
        `{"schemaVersion":${nested(20_000)},"records":[]}`,
      ]) {
        const r = await call(target, 'POST', '/api/v1/restore', { token: admin.token, raw });
        expect(r.status).toBe(400);
        expect(r.body).toMatchObject({ error: 'bad-request', reason: expect.any(String) });
      }
    } finally {
      await target.close();
    }
  });
});

describe('values that slipped through', () => {
  const task = (fields: Record<string, unknown>) =>
    change(mentor.stamper, 'task', { planId, title: 'Решить вариант', status: 'todo', due: null, ...fields });

  it('a number that JSON reads as Infinity is invalid, never stored as null', async () => {
    const t = task({ order: 1 });
    const before = await exportText(server, curator);
    const r = await rawSync(mentor, json(t).replace('"order":1', '"order":1e309'));
    expect(r.body.rejected).toEqual([{ id: t.id, code: 'invalid', reason: expect.stringMatching(/order/) }]);
    const negative = task({ order: 1 });
    const r2 = await rawSync(mentor, json(negative).replace('"order":1', '"order":-1e309'));
    expect((r2.body.rejected as { code: string }[]).map((x) => x.code)).toEqual(['invalid']);
    expect(await exportText(server, curator)).toBe(before);
  });

  it('fields named constructor, prototype or toString are unknown fields, rejected by name', async () => {
    for (const name of ['constructor', 'prototype', 'toString', 'hasOwnProperty']) {
      const t = task({ [name]: 'x' });
      const r = await push(server, mentor, [t]);
      expect(r.rejected, name).toEqual([
        { id: t.id, code: 'invalid', reason: expect.stringContaining(`'${name}'`) },
      ]);
    }
  });

  it('a change with a member the contract does not name is refused with it by name, and nothing is stored', async () => {
    const before = await exportText(server, curator);
    for (const [name, member] of [
      ['priority', '"priority":"high"'],
      ['constructor', '"constructor":1'],
    ]) {
      const t = task({ title: `С лишним членом ${name}` });
      const r = await rawSync(mentor, json(t).replace(/^\{/, `{${member},`));
      expect(r.status, name).toBe(400);
      expect(r.body.reason, name).toContain(`unknown member '${name}'`);
    }
    // `__proto__` the body's parser refuses before (the body as a whole, 400).
    const t = task({ title: 'С __proto__' });
    expect((await rawSync(mentor, json(t).replace(/^\{/, '{"__proto__":{"deleted":"x"},'))).status).toBe(400);
    expect(await exportText(server, curator)).toBe(before);
  });

  it('answers keyed constructor are kept, not dropped', async () => {
    const template = change(curator.stamper, 'formTemplate', {
      title: 'Анкета',
      questions: [{ id: 'constructor', kind: 'text' }],
      visibleToMentor: true,
    });
    const assignment = change(curator.stamper, 'formAssignment', {
      templateId: template.id,
      personId: mentor.personId,
      pairId,
      due: null,
    });
    const response = change(mentor.stamper, 'formResponse', {
      assignmentId: assignment.id,
      answers: { constructor: 'мой ответ' },
      submittedAt: null,
    });
    expect((await push(server, curator, [template, assignment])).rejected).toEqual([]);
    expect((await push(server, mentor, [response])).rejected).toEqual([]);
    const exported = (await call(server, 'GET', '/api/v1/export', { token: curator.token })).body.records as {
      id: string;
      fields: Record<string, unknown>;
    }[];
    expect(exported.find((x) => x.id === response.id)?.fields.answers).toEqual({ constructor: 'мой ответ' });
  });

  it('a map field (answers) holding no object is one invalid change, not a fault', async () => {
    for (const answers of [null, [], 'x', 5]) {
      const response = change(mentor.stamper, 'formResponse', {
        assignmentId: '0193a3f0-0000-7000-8000-00000000feed',
        answers,
        submittedAt: null,
      });
      const r = await rawSync(mentor, json(response));
      expect(r.status).toBe(200);
      expect(r.body.rejected).toEqual([
        { id: response.id, code: 'invalid', reason: expect.stringMatching(/answers/) },
      ]);
    }
  });

  it('a change with a __proto__ key anywhere is refused whole with 400', async () => {
    const t = task({});
    const before = await exportText(server, curator);
    const r = await rawSync(mentor, json(t).replace('"fields":{', '"fields":{"__proto__":{"x":1},'));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: 'bad-request', reason: expect.any(String) });
    expect(await exportText(server, curator)).toBe(before);
  });
});

/** Sends headers and part of a body, and resolves with the status the server answers meanwhile. */
function statusBeforeBodyEnds(path: string, headers: Record<string, string>, declared: number) {
  const { hostname, port } = new URL(server.url);
  return new Promise<number>((resolve, reject) => {
    const req = httpRequest({
      hostname,
      port,
      path,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(declared), ...headers },
    });
    req.on('response', (res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      req.destroy();
    });
    // Once the answer is in, the rest of the body is never sent: the broken line that follows is expected.
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
    // Part of the body only: an answer can come now only if the server decided without reading it.
    req.write(`{"schemaVersion":1,"records":[${'0,'.repeat(50_000)}`);
  });
}

describe('text that is not text', () => {
  // U+0000 and half of a character: JSON carries both, PostgreSQL keeps neither (in text or jsonb), and
  // a template holding one made every mentor's sync fail there.
  // As JSON escapes: the raw body carries them as a device's JSON.stringify would.
  const notText = ['Описание\\u0000', 'Описание \\ud800', 'Описание \\udc00 конец'];

  it('in a field or in a template’s questions is one invalid change; the others apply', async () => {
    for (const bad of notText) {
      const good = change(curator.stamper, 'material', { title: 'Памятка' });
      const template = change(curator.stamper, 'formTemplate', {
        title: 'Анкета',
        description: 'x',
        questions: [{ id: 'q', kind: 'longText', text: 'Вопрос', required: false }],
      });
      const asText = json(template).replace('"description":"x"', `"description":"${bad}"`);
      const inQuestion = change(curator.stamper, 'formTemplate', {
        title: 'Анкета',
        questions: [{ id: 'q', kind: 'longText', text: 'x', required: false }],
      });
      const asQuestion = json(inQuestion).replace('"text":"x"', `"text":"${bad}"`);
      const before = await exportText(server, curator);
      const r = await rawSync(curator, [json(good), asText, asQuestion].join(','));
      expect(r.status).toBe(200);
      expect((r.body.rejected as { id: string; code: string }[]).map((x) => [x.id, x.code])).toEqual([
        [template.id, 'invalid'],
        [inQuestion.id, 'invalid'],
      ]);
      expect(await exportText(server, curator)).not.toBe(before);
      expect(await exportText(server, curator)).not.toContain(template.id);
    }
    // A mentor's sync (which reads the templates to know which answers they see) stays whole.
    expect((await push(server, mentor, [])).rejected).toEqual([]);
  });

  it('in a device’s name, an invite, a school’s name or an id in the path is a 4xx, never a 5xx', async () => {
    const invite = await call(server, 'POST', '/api/v1/invites', {
      token: curator.token,
      body: { personId: mentor.personId, role: 'mentor' },
    });
    const enrol = await call(server, 'POST', '/api/v1/enrol', {
      raw: `{"code":"${invite.body.code}","deviceName":"phone\u0000"}`,
    });
    expect(enrol.status).toBe(400);
    // The code was not used up.
    const again = await call(server, 'POST', '/api/v1/enrol', {
      body: { code: invite.body.code, deviceName: 'phone' },
    });
    expect(again.status).toBe(200);
    const badInvite = await call(server, 'POST', '/api/v1/invites', {
      token: curator.token,
      raw: '{"personId":"a\u0000b","role":"mentor"}',
    });
    expect(badInvite.status).toBe(400);
    const revoke = await call(server, 'POST', '/api/v1/devices/a%00b/revoke', { token: curator.token });
    expect(revoke.status).toBe(404);
    const district = await enrolWith(server, DISTRICT_CODE, 'district');
    const school = await call(server, 'POST', '/api/v1/district/schools', {
      token: district.token,
      raw: '{"name":"Школа\u0000"}',
    });
    expect(school.status).toBe(400);
    const code = await call(server, 'POST', '/api/v1/district/schools/a%00b/curator-code', {
      token: district.token,
    });
    expect(code.status).toBe(404);
  });
});

describe('stamps', () => {
  it('a change signed with the server’s own device id is refused: it could pass for the server’s record', async () => {
    const forged = change(createStamper('server'), 'person', { fullName: 'Подделка', kind: 'other' });
    const r = await push(server, curator, [forged]);
    expect(r.rejected).toEqual([{ id: forged.id, code: 'invalid', reason: expect.stringMatching(/server/) }]);
  });
});

describe('cheap checks before any work', () => {
  it('a request without a token is refused before its body is read', async () => {
    expect(await statusBeforeBodyEnds('/api/v1/restore', {}, 60 * 1024 * 1024)).toBe(401);
    expect(await statusBeforeBodyEnds('/api/v1/sync', {}, 1024 * 1024)).toBe(401);
  });

  it('a mentor is refused a curator’s endpoint before the body is read', async () => {
    const auth = { authorization: `Bearer ${mentor.token}` };
    expect(await statusBeforeBodyEnds('/api/v1/restore', auth, 60 * 1024 * 1024)).toBe(403);
  });

  it('a restore into a school that holds data is refused before the file is read', async () => {
    const auth = { authorization: `Bearer ${curator.token}` };
    expect(await statusBeforeBodyEnds('/api/v1/restore', auth, 60 * 1024 * 1024)).toBe(409);
  });

  it('an oversized body without a token is 401; with one, 413', async () => {
    const huge = 'x'.repeat(LIMITS.bytesPerRequest + 10);
    expect((await call(server, 'POST', '/api/v1/sync', { raw: huge })).status).toBe(401);
    const r = await call(server, 'POST', '/api/v1/sync', { token: mentor.token, raw: huge });
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ error: 'too-large', reason: expect.any(String) });
  });

  it('more changes than the limit are refused with 413 before any change is looked at', async () => {
    const items = Array.from({ length: 2_000_000 }, () => '0').join(',');
    const before = await exportText(server, curator);
    const r = await rawSync(mentor, items);
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ error: 'too-large', reason: expect.stringMatching(/500/) });
    expect(await exportText(server, curator)).toBe(before);
  });

  it('a body that trickles in is cut off', async () => {
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    socket.on('error', () => undefined); // the server cutting the line is what the test waits for
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /api/v1/health HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n`,
    );
    // Ten bytes, then one more now and then: never idle long, never done.
    socket.write('{"cursor":');
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    const drip = setInterval(() => socket.write(' '), 200);
    await new Promise((resolve) => socket.once('close', resolve));
    clearInterval(drip);
    expect(socket.destroyed).toBe(true);
    // Told why, in the shape of every 4xx (client-errors.ts), before the line is cut.
    expect(answer.startsWith('HTTP/1.1 408 ')).toBe(true);
    expect(JSON.parse(answer.split('\r\n\r\n')[1] ?? '')).toEqual({
      error: 'bad-request',
      reason: 'the request did not arrive in time: send it again',
    });
  });

  it('headers that never end are cut off', async () => {
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    socket.on('error', () => undefined);
    socket.write(`GET /api/v1/health HTTP/1.1\r\nhost: ${hostname}\r\n`);
    const drip = setInterval(() => socket.write('x-slow: 1\r\n'), 200);
    await new Promise((resolve) => socket.once('close', resolve));
    clearInterval(drip);
    expect(socket.destroyed).toBe(true);
  });

  it('the production server sets request, header and idle timeouts', async () => {
    const plain = await startTestServer();
    try {
      const http = plain.app.server;
      expect(http.requestTimeout).toBeGreaterThan(0);
      expect(http.requestTimeout).toBeLessThanOrEqual(120_000);
      expect(http.headersTimeout).toBeLessThanOrEqual(30_000);
      expect(http.timeout).toBeGreaterThan(0);
    } finally {
      await plain.close();
    }
  });
});

describe('the absolute form of a request target (GET http://host/path, what clients send to a proxy)', () => {
  /** Sends `text` as it is on a connection of its own; answers the status line, headers and body. */
  const exchange = (text: string) =>
    new Promise<{ head: string; body: string }>((resolve) => {
      const { hostname, port } = new URL(server.url);
      const socket = connect(Number(port), hostname, () => socket.write(text));
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString();
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        const [head = '', body = ''] = received.split('\r\n\r\n');
        resolve({ head: head.toLowerCase(), body });
      });
    });
  const request = (target: string, headers: string) =>
    exchange(`GET ${target} HTTP/1.1\r\nhost: x\r\n${headers}connection: close\r\n\r\n`);

  it('is the API route it names: the export is not stored by caches, an older contract gets 426', async () => {
    // Routed as /api/v1/export, it was sent without Cache-Control: no-store — every child's record.
    const exported = await request(`http://x/api/v1/export`, `authorization: Bearer ${curator.token}\r\n`);
    expect(exported.head).toMatch(/^http\/1.1 200 /);
    expect(exported.head).toContain('cache-control: no-store');
    for (const target of [
      'http://x/api/v1/export',
      'HTTPS://x:8080/api/v1/sync?x=1',
      'http://x/api/v1/health',
    ]) {
      const old = await request(
        target,
        `x-nastavnik-contract: 0\r\nauthorization: Bearer ${curator.token}\r\n`,
      );
      expect(old.head, target).toMatch(/^http\/1.1 426 /);
      expect(JSON.parse(old.body), target).toMatchObject({ error: 'contract-too-old' });
    }
  });
});

describe('a fault of the server itself', () => {
  it('rejects only the change that hit it; the others of the push apply', async () => {
    // A storage that fails on one record, as a bug or a full disk would.
    const faulty = await startTestServer();
    const { storage } = faulty;
    const failing: typeof storage = {
      ...storage,
      transaction: (fn) =>
        storage.transaction((tx) =>
          fn({
            ...tx,
            putRecord: async (school, row, keys, refs) => {
              if (row.record.fields.notes === 'сбой') throw new Error('disk full');
              return tx.putRecord(school, row, keys, refs);
            },
          }),
        ),
    };
    const app = await createApp({ storage: failing, staticDir: null });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const target = { ...faulty, url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
    try {
      const admin = await enrolWith(target, BOOTSTRAP_CODE, 'adm');
      const m = await addMember(target, admin, 'mentor', { fullName: 'Наставник' }, 'm');
      const mentee = change(admin.stamper, 'person', { fullName: 'Ученик', kind: 'student' });
      const pair = pairChange(admin.stamper, m.personId, [mentee.id]);
      await push(target, admin, [mentee, pair]);
      const meeting = (notes: string) =>
        change(m.stamper, 'meeting', {
          pairId: pair.id,
          date: '2026-11-25',
          kind: 'regular',
          durationMin: 30,
          notes,
        });
      const [before, bad, after] = [meeting('до'), meeting('сбой'), meeting('после')];
      const r = await push(target, m, [before, bad, after]);
      expect(r.rejected).toEqual([
        { id: bad.id, code: 'invalid', reason: expect.stringMatching(/could not apply/) },
      ]);
      const ids = r.changes.map((x) => x.id);
      expect(ids).toContain(before.id);
      expect(ids).toContain(after.id);
      expect(ids).not.toContain(bad.id);
    } finally {
      await app.close();
      await faulty.close();
    }
  });
});

describe('a refusal never repeats the body it refused', () => {
  // Valibot's own message for a body that is no object quotes the body: a text/plain one came back whole.
  const sent = 'Иванова Мария, 7Б, телефон мамы';
  const post = (path: string, contentType: string, token?: string) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: contentType === 'text/plain' ? sent : JSON.stringify(sent),
    });

  it('on the enrolment and the invites, whatever the body’s type', async () => {
    for (const type of ['text/plain', 'application/json']) {
      for (const [path, token] of [
        ['/api/v1/enrol', undefined],
        ['/api/v1/invites', curator.token],
      ] as const) {
        const r = await post(path, type, token);
        const text = await r.text();
        expect(r.status, `${path} ${type}`).toBe(400);
        expect(JSON.parse(text), `${path} ${type}`).toEqual({
          error: 'bad-request',
          reason: expect.any(String),
        });
        expect(text, `${path} ${type}`).not.toContain('Иванова');
      }
    }
  });
});
