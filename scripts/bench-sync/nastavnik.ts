// Nastavnik's server for the benchmark: started from the sources as `npm run serve` starts it (one
// process, so its CPU can be counted), serving the production build; seeded through the public API
// as a curator's device would (POST /api/v1/sync, 500 changes per request, the contract's limit).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { derivedId } from '../../src/server/secrets';
import { type Child, spawnChild } from './child';
import { type BenchRecord, makeRecord } from './records';

const PUSH = 500;
const MENTORS = 200;
const KIND: Record<string, string> = {
  organizational: 'organisational',
  regular: 'regular',
  intermediate: 'planning',
  final: 'final',
};

/** A stable UUID (version 8 layout) from a name. */
function uuidOf(...parts: (string | number)[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A device clock as src/domain/hlc.ts ticks it. */
function hlcClock(node: string) {
  let ms = 0;
  let counter = 0;
  return () => {
    const now = Date.now();
    if (now > ms) {
      ms = now;
      counter = 0;
    } else if (++counter > 9999) {
      ms += 1;
      counter = 0;
    }
    return `${new Date(ms).toISOString()}_${String(counter).padStart(4, '0')}_${node}`;
  };
}

type Change = { id: string; type: string; fields: Record<string, unknown>; stamps: Record<string, string> };

const stamped = (id: string, type: string, fields: Record<string, unknown>, stamp: string): Change => ({
  id,
  type,
  fields,
  stamps: Object.fromEntries(Object.keys(fields).map((k) => [k, stamp])),
});

const meetingFields = (seed: number, r: BenchRecord) => ({
  pairId: uuidOf('bench-pair', seed, r.pairId),
  date: r.date,
  kind: KIND[r.kind] ?? 'regular',
  durationMin: r.durationMin,
  notes: r.notes,
  topics: r.topics,
});

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as { port: number };
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

export type NastavnikServer = {
  url: string;
  pid: number;
  /** The school of the issue: N meetings, a teacher mentor for each 10 pairs, a student per pair. */
  seedSchool(n: number, seed: number): Promise<{ records: number }>;
  /** A phone's data: one mentor with `pairs` pairs, their plans, tasks and meetings over three years. */
  seedMentor(pairs: number, meetingsPerPair: number): Promise<{ records: number; mentorId: string }>;
  /** Another device of the school's changes these meetings (every field but the pair). */
  mutate(indexes: number[], seed: number, version: number): Promise<void>;
  invite(role: 'curator' | 'mentor', personId?: string): Promise<string>;
  stop(): Promise<void>;
};

export async function startNastavnikServer(workDir: string, appDir: string): Promise<NastavnikServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = join(workDir, 'nastavnik');
  mkdirSync(dataDir, { recursive: true });
  const bootstrap = `BNCH-${randomBytes(4).toString('hex').toUpperCase()}`;
  const child: Child = spawnChild(['--import', 'tsx', 'src/server/main.ts'], {
    cwd: appDir,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      NASTAVNIK_DATA_DIR: dataDir,
      NASTAVNIK_BOOTSTRAP_CODE: bootstrap,
    },
  });
  for (let i = 0; ; i++) {
    if (child.process.exitCode !== null) throw new Error('the Nastavnik server did not start');
    const ok = await fetch(`${url}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 600) throw new Error('the Nastavnik server did not answer in 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  async function api(method: string, path: string, body?: unknown, token?: string) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(url + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as Record<string, unknown>;
  }

  const enrolled = await api('POST', '/api/v1/enrol', { code: bootstrap, deviceName: 'bench seeder' });
  const token = enrolled.token as string;
  const curatorId = (enrolled.person as { id: string }).id;
  const stamp = hlcClock(createHash('sha256').update(bootstrap).digest('hex').slice(0, 12));

  async function push(changes: Change[]): Promise<void> {
    for (let i = 0; i < changes.length; i += PUSH) {
      const answer = await api(
        'POST',
        '/api/v1/sync',
        { cursor: null, changes: changes.slice(i, i + PUSH) },
        token,
      );
      const rejected = answer.rejected as unknown[];
      if (rejected.length)
        throw new Error(`seeding: ${rejected.length} rejected, ${JSON.stringify(rejected[0])}`);
    }
  }

  return {
    url,
    pid: child.pid,
    async seedSchool(n, seed) {
      const records = Array.from({ length: n }, (_, i) => makeRecord(seed, i));
      const pairKeys = [...new Set(records.map((r) => r.pairId))].sort();
      const mentors = Math.min(MENTORS, pairKeys.length);
      const people: Change[] = [];
      for (let k = 0; k < mentors; k++)
        people.push(
          stamped(
            uuidOf('bench-mentor', seed, k),
            'person',
            { fullName: `Педагог Наставник${k}`, kind: 'teacher', classOrSubject: 'Математика' },
            stamp(),
          ),
        );
      const pairs: Change[] = [];
      for (const key of pairKeys) {
        const num = Number(key.replace(/\D/g, ''));
        const menteeId = uuidOf('bench-mentee', seed, key);
        people.push(
          stamped(
            menteeId,
            'person',
            {
              fullName: `Ученик Номер${num}`,
              kind: 'student',
              classOrSubject: `${5 + (num % 7)}${'АБВ'[num % 3]}`,
            },
            stamp(),
          ),
        );
        pairs.push(
          stamped(
            uuidOf('bench-pair', seed, key),
            'pair',
            {
              mentorId: uuidOf('bench-mentor', seed, num % mentors),
              menteeIds: [menteeId],
              form: 'учитель – ученик',
              status: 'active',
            },
            stamp(),
          ),
        );
      }
      await push([...people, ...pairs]);
      await push(records.map((r) => stamped(r.id, 'meeting', meetingFields(seed, r), stamp())));
      const exported = await api('GET', '/api/v1/export', undefined, token);
      const meetings = (exported.records as { type: string }[]).filter((r) => r.type === 'meeting').length;
      if (meetings !== n) throw new Error(`the server holds ${meetings} meetings of ${n}`);
      return { records: (exported.records as unknown[]).length };
    },
    async seedMentor(pairCount, meetingsPerPair) {
      const mentorId = uuidOf('phone-mentor');
      const changes: Change[] = [
        stamped(mentorId, 'person', { fullName: 'Наставник Телефонов', kind: 'teacher' }, stamp()),
      ];
      const meetings: Change[] = [];
      const today = Date.now();
      for (let p = 0; p < pairCount; p++) {
        const menteeId = uuidOf('phone-mentee', p);
        const pairId = uuidOf('phone-pair', p);
        // One IDP per mentee of a pair: its id is derived, as the app derives it (domain/one-of-a-kind.ts).
        const planId = derivedId('plan', pairId, menteeId);
        changes.push(
          stamped(
            menteeId,
            'person',
            {
              fullName: `Ученик ${String(p).padStart(4, '0')}`,
              kind: 'student',
              classOrSubject: `${5 + (p % 7)}А`,
            },
            stamp(),
          ),
          stamped(
            pairId,
            'pair',
            { mentorId, menteeIds: [menteeId], form: 'учитель – ученик', status: 'active' },
            stamp(),
          ),
          stamped(planId, 'plan', { pairId, menteeId, title: 'ИПР' }, stamp()),
        );
        for (let t = 0; t < 5; t++)
          changes.push(
            stamped(
              uuidOf('phone-task', p, t),
              'task',
              { planId, title: `Задача ${t}`, status: t < 2 ? 'done' : 'todo', due: '2026-12-01' },
              stamp(),
            ),
          );
        // Three years of meetings, the oldest first: a year of them is current, the rest history.
        for (let m = 0; m < meetingsPerPair; m++) {
          const daysAgo = Math.round(((meetingsPerPair - m) * 3 * 365) / meetingsPerPair) - (p % 7);
          const date = new Date(today - daysAgo * 86_400_000).toISOString().slice(0, 10);
          const kind = ['organisational', 'trial', 'planning'][m] ?? 'regular';
          meetings.push(
            stamped(
              uuidOf('phone-meeting', p, m),
              'meeting',
              {
                pairId,
                date,
                kind,
                durationMin: 45,
                notes: `Встреча ${m}: обсудили план и задачи`,
                status: 'held',
                topics: [],
              },
              stamp(),
            ),
          );
        }
      }
      await push(changes);
      await push(meetings);
      return { records: changes.length + meetings.length, mentorId };
    },
    async mutate(indexes, seed, version) {
      await push(
        indexes.map((i) => {
          const { pairId: _pairId, ...fields } = meetingFields(seed, makeRecord(seed, i, version));
          return stamped(makeRecord(seed, i).id, 'meeting', fields, stamp());
        }),
      );
    },
    async invite(role, personId = curatorId) {
      return (await api('POST', '/api/v1/invites', { personId, role }, token)).code as string;
    },
    stop: () => child.stop(),
  };
}
