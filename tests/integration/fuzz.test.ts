// Thousands of random and hostile requests to every endpoint of the real server over HTTP, from every
// role and from no one: never a 5xx, every refusal in the { error, reason } shape, health answers
// throughout, and nothing refused changes any record.
//
// Seeded: FUZZ_SEED=<n> replays a run (the seed is printed when a run fails); FUZZ_REQUESTS=<n> sets how
// many requests (default 2,000; FUZZ_REQUESTS=30000 for a long run).
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc } from '../../src/domain/hlc';
import type { Change, SyncedRecord } from '../../src/domain/record';
import { RECORD_TYPE_NAMES, RECORD_TYPES } from '../../src/domain/record-types';
import {
  type Actor,
  addMember,
  BOOTSTRAP_CODE,
  call,
  change,
  enrolWith,
  pairChange,
  push,
  startTestServer,
  type TestServer,
} from '../support/test-server';

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 2_000);

let server: TestServer;
let actors: Actor[];
/** A curator the fuzzing never names (its person is in no request), who reads the school's state. */
let observer: Actor;
let decoyDevices: string[];
const ids: string[] = [];

/** mulberry32: a small seeded generator, so that a failing run can be replayed from its seed. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Random = ReturnType<typeof generator>;

const HOSTILE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '',
  ' ',
  'x'.repeat(200),
  'a.b',
  '$where',
];
const ALL_FIELDS = [...new Set(RECORD_TYPE_NAMES.flatMap((t) => Object.keys(RECORD_TYPES[t].fields)))];

const deep = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}1${close.repeat(depth)}`;

/** A JSON text, often hostile: deep, huge, not quite JSON, numbers JSON reads as Infinity. */
function hostileText(r: Random): string {
  switch (r.int(9)) {
    case 0:
      return deep(r.pick([20, 200, 3_000, 20_000]));
    case 1:
      return `{"a":${deep(r.pick([50, 5_000]), '{"a":', '}')}}`;
    case 2:
      return r.pick(['1e309', '-1e309', '1e-400', '9007199254740993', '-0']);
    case 3:
      return `"${'я'.repeat(r.pick([10, 30_000]))}"`;
    case 4:
      return r.pick(['{', '[1,2', '{"a":}', 'nul', '\u0000', '{"a":1}}', "{'a':1}", '']);
    case 5:
      return `[${Array.from({ length: r.pick([10, 50_000]) }, () => '0').join(',')}]`;
    case 6:
      return `{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}`;
    default:
      return JSON.stringify(randomJson(r, 3));
  }
}

function randomJson(r: Random, depth: number): unknown {
  const kind = r.int(depth > 0 ? 7 : 4);
  if (kind === 0)
    // U+0000 and halves of a character: JSON carries them, PostgreSQL keeps neither.
    return r.pick([
      null,
      true,
      false,
      0,
      -1,
      1.5,
      1e300,
      'x',
      '',
      'текст',
      'a\u0000b',
      'half \ud800',
      '\udc00',
    ]);
  if (kind === 1) return r.pick(ids.length ? ids : ['nope']);
  if (kind === 2)
    return formatHlc({ ms: Date.now() + r.pick([0, -1e9, 2e8]), counter: r.int(10_000), node: 'fz' });
  if (kind === 3) return 'y'.repeat(r.pick([1, 100, 25_000]));
  if (kind === 4) return Array.from({ length: r.int(4) }, () => randomJson(r, depth - 1));
  const o: Record<string, unknown> = {};
  for (let i = r.int(4); i > 0; i--)
    o[r.chance(0.2) ? r.pick(HOSTILE_NAMES) : r.pick(ALL_FIELDS)] = randomJson(r, depth - 1);
  if (r.chance(0.05)) o['key\u0000'] = 1;
  return o;
}

/** A sync change, from well-formed to broken: any type, fields real or not, values of any kind. */
function randomChange(r: Random): unknown {
  const type = r.chance(0.9) ? r.pick(RECORD_TYPE_NAMES) : r.pick(['diary', '', 'x'.repeat(50), '__proto__']);
  const spec = RECORD_TYPE_NAMES.includes(type as never)
    ? RECORD_TYPES[type as keyof typeof RECORD_TYPES]
    : null;
  const names = spec ? Object.keys(spec.fields) : ALL_FIELDS;
  const fields: Record<string, unknown> = {};
  for (let i = r.int(5); i > 0; i--) {
    const name = r.chance(0.1) ? r.pick(HOSTILE_NAMES.filter((n) => n !== '__proto__')) : r.pick(names);
    fields[name] = randomJson(r, 2);
  }
  const stamp = formatHlc({ ms: Date.now() - r.int(1e6), counter: r.int(10_000), node: `fz${r.int(5)}` });
  const c: Record<string, unknown> = {
    id: r.chance(0.5) && ids.length ? r.pick(ids) : r.chance(0.95) ? uuidv7() : r.pick(['nope', 5, null]),
    type,
    fields,
    stamps: Object.fromEntries(Object.keys(fields).map((k) => [k, r.chance(0.97) ? stamp : 'not-a-stamp'])),
  };
  if (r.chance(0.15)) c.deleted = stamp;
  if (r.chance(0.03)) delete c.stamps;
  return c;
}

type Request = { method: string; path: string; token?: string; raw?: string; parallel?: boolean };

function randomRequest(r: Random): Request {
  const token = r.chance(0.85) ? r.pick(actors).token : r.pick([undefined, 'forged', 'x'.repeat(300), '']);
  const endpoint = r.int(20);
  if (endpoint < 11) {
    // Both contract versions: v2 reads a v1-shaped change (a stamp per field) as a compact one.
    const syncPath = r.chance(0.5) ? '/api/v1/sync' : '/api/v2/sync';
    const changes = Array.from({ length: r.pick([0, 1, 2, 5, 20]) }, () => randomChange(r));
    const body: Record<string, unknown> = {
      cursor: r.chance(0.9) ? null : r.pick(['1.x', 'made-up', 7]),
      changes,
    };
    if (r.chance(0.1)) body.base = r.pick(['0.all', 'nonsense', null]);
    if (r.chance(0.1)) return { method: 'POST', path: syncPath, token, raw: hostileText(r) };
    const raw = JSON.stringify(body);
    // Splice a hostile value into the body, where JSON.stringify cannot put one.
    return {
      method: 'POST',
      path: syncPath,
      token,
      raw: r.chance(0.15) ? raw.replace(/"fields":\{/, `"fields":{"order":${hostileText(r)},`) : raw,
    };
  }
  if (endpoint === 11)
    return {
      method: 'POST',
      path: '/api/v1/enrol',
      raw: r.chance(0.5)
        ? hostileText(r)
        : JSON.stringify({ code: r.pick(['AAAA-BBBB', 'x'.repeat(100), 5]), deviceName: randomJson(r, 1) }),
    };
  if (endpoint === 12)
    return {
      method: 'POST',
      path: '/api/v1/invites',
      token,
      raw: r.chance(0.5)
        ? hostileText(r)
        : JSON.stringify({ personId: randomJson(r, 0), role: r.pick(['mentor', 'king', 'curator', 1]) }),
    };
  if (endpoint === 13) return { method: 'GET', path: '/api/v1/export', token };
  if (endpoint === 14)
    return {
      method: 'POST',
      path: '/api/v1/restore',
      token,
      raw: r.chance(0.5)
        ? hostileText(r)
        : JSON.stringify({ schemaVersion: 1, records: Array.from({ length: 3 }, () => randomChange(r)) }),
    };
  if (endpoint === 15) return { method: 'GET', path: '/api/v1/devices', token };
  if (endpoint === 16)
    return {
      method: 'POST',
      path: `/api/v1/devices/${encodeURIComponent(r.pick([...decoyDevices, 'nope', '%00', 'x'.repeat(500)]))}/revoke`,
      token,
    };
  if (endpoint === 17)
    return {
      method: r.pick(['GET', 'PUT', 'DELETE', 'PATCH']),
      path: r.pick([
        '/api/v1/sync',
        '/api/v2/sync',
        '/api/v1/../v1/export',
        '/api/%zz',
        '/api/v1/health?x=%ff',
      ]),
      token,
    };
  return { method: 'GET', path: '/api/v1/health', parallel: true };
}

async function send(req: Request): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {};
  if (req.token !== undefined) headers.authorization = `Bearer ${req.token}`;
  if (req.raw !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${req.path}`, { method: req.method, headers, body: req.raw });
  return { status: response.status, text: await response.text() };
}

/** Every record of the school by id, as the curator exports it. */
async function snapshot(): Promise<Map<string, string>> {
  const r = await call(server, 'GET', '/api/v1/export', { token: observer.token });
  if (r.status !== 200) throw new Error(`export ${r.status}`);
  return new Map((r.body.records as SyncedRecord[]).map((x) => [x.id, JSON.stringify(x)]));
}

beforeAll(async () => {
  server = await startTestServer({ logger: process.env.FUZZ_LOG === '1' });
  const curator = await enrolWith(server, BOOTSTRAP_CODE, 'fz-cur');
  const mentor = await addMember(server, curator, 'mentor', { fullName: 'Наставник' }, 'fz-men');
  const mentee = await addMember(
    server,
    curator,
    'mentee',
    { fullName: 'Ученик', kind: 'student' },
    'fz-kid',
  );
  const other = await addMember(server, curator, 'mentor', { fullName: 'Другой' }, 'fz-other');
  const decoy = await addMember(
    server,
    curator,
    'mentee',
    { fullName: 'Приманка', kind: 'student' },
    'fz-decoy',
  );
  observer = await addMember(server, curator, 'curator', { fullName: 'Наблюдатель' }, 'fz-observer');
  actors = [curator, mentor, mentee, other];
  const pair = pairChange(curator.stamper, mentor.personId, [mentee.personId]);
  const plan = change(curator.stamper, 'plan', { pairId: pair.id, menteeId: mentee.personId, title: 'ИПР' });
  const task = change(curator.stamper, 'task', {
    planId: plan.id,
    title: 'Задача',
    status: 'todo',
    due: null,
  });
  const meeting = change(curator.stamper, 'meeting', {
    pairId: pair.id,
    date: '2026-11-25',
    kind: 'regular',
    durationMin: 30,
    notes: 'Текст',
    privateNotes: 'Личное',
  });
  const template = change(curator.stamper, 'formTemplate', {
    title: 'Анкета',
    questions: [{ id: 'q1', kind: 'scale' }],
  });
  const assignment = change(curator.stamper, 'formAssignment', {
    templateId: template.id,
    personId: mentee.personId,
    pairId: pair.id,
    due: null,
  });
  const seeded: Change[] = [pair, plan, task, meeting, template, assignment];
  expect((await push(server, curator, seeded)).rejected).toEqual([]);
  ids.push(...seeded.map((c) => c.id), mentor.personId, mentee.personId, other.personId, curator.personId);
  const devices = (await call(server, 'GET', '/api/v1/devices', { token: curator.token })).body.devices as {
    id: string;
    personId: string;
  }[];
  decoyDevices = devices.filter((d) => d.personId === decoy.personId).map((d) => d.id);
});
afterAll(async () => server.close());

describe(`fuzzing every endpoint (FUZZ_SEED=${SEED}, ${REQUESTS} requests)`, () => {
  it('never a 5xx; refusals say why; health answers throughout; nothing refused changes a record', async () => {
    const r = generator(SEED);
    const failures: string[] = [];
    let before = await snapshot();
    for (let i = 0; i < REQUESTS && failures.length === 0; i++) {
      const req = randomRequest(r);
      // A few requests at once now and then, health among them: the server keeps answering it.
      const together = r.chance(0.05)
        ? [req, randomRequest(r), { method: 'GET', path: '/api/v1/health' }]
        : [req];
      const answers = await Promise.all(together.map(send));
      answers.forEach((answer, k) => {
        const sentBody = together[k]?.raw?.slice(0, 300) ?? '';
        const what = `#${i} ${together[k]?.method} ${together[k]?.path} ${sentBody} → ${answer.status} ${answer.text.slice(0, 200)}`;
        if (answer.status >= 500 || answer.status === 0) failures.push(what);
        if (answer.status >= 400 && answer.status < 500 && answer.status !== 408) {
          let body: unknown;
          try {
            body = JSON.parse(answer.text);
          } catch {}
          const shaped = body as { error?: unknown; reason?: unknown } | undefined;
          if (typeof shaped?.error !== 'string' || typeof shaped.reason !== 'string')
            failures.push(`shape: ${what}`);
        }
        if (together[k]?.path === '/api/v1/health' && answer.status !== 200) failures.push(`health: ${what}`);
      });
      if (together.length > 1) {
        before = await snapshot();
        continue;
      }
      const [answer] = answers as [{ status: number; text: string }];
      const after = req.method === 'GET' && req.path === '/api/v1/health' ? before : await snapshot();
      if (answer.status >= 400) {
        // Refused whole: not one record changed.
        for (const id of new Set([...before.keys(), ...after.keys()]))
          if (before.get(id) !== after.get(id))
            failures.push(`refused request #${i} changed ${id}: ${answer.text.slice(0, 200)}`);
      } else if (req.path === '/api/v1/sync' || req.path === '/api/v2/sync') {
        // Rejected changes changed nothing (unless the same id came again in the push and was applied).
        const sent = (JSON.parse(req.raw ?? '{}') as { changes?: { id?: unknown }[] }).changes ?? [];
        const times = new Map<unknown, number>();
        for (const c of sent) times.set(c.id, (times.get(c.id) ?? 0) + 1);
        const rejected = (JSON.parse(answer.text) as { rejected: { id: string }[] }).rejected.map(
          (x) => x.id,
        );
        // (A record the server deleted itself is exempt: a person's delete applied in the same push
        // takes their records along, whatever else the push said about them — erasure.ts.)
        const isErasedByServer = (id: string) => /"deleted":"[^"]*_server"/.test(after.get(id) ?? '');
        for (const id of rejected)
          if (times.get(id) === 1 && before.get(id) !== after.get(id) && !isErasedByServer(id))
            failures.push(`rejected change #${i} changed ${id}`);
      }
      before = after;
    }
    expect(failures, `replay with FUZZ_SEED=${SEED}`).toEqual([]);
    expect((await send({ method: 'GET', path: '/api/v1/health' })).status).toBe(200);
    // A bound, not a wait: two thousand requests, each followed by a snapshot of the school, take some
    // 40 s on PostgreSQL here, and over 60 s (the suite's default) while other suites load the machine.
  }, 300_000);
});
