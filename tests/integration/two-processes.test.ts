// Two server processes over one database serve the same devices: a hundred devices push through both
// at once while a curator's device pulls through one of them the whole time. The known trap is a pull
// cursor over revisions that commit out of order under concurrent writers: the watcher would then
// step over a change for good. It must end up with every change, and every device with its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SyncedRecord } from '../../src/domain/record';
import { createDatabase } from '../support/pg-cluster';
import { type ServerProcess, startServerProcess } from '../support/server-process';
import {
  type Actor,
  addMember,
  call,
  change,
  createStamper,
  enrolWith,
  pairChange,
  pullAll,
  push,
} from '../support/test-server';
import { TEST_ENGINE } from '../support/test-storage';

const DEVICES = 100;
const ROUNDS = 4;
const MEETINGS_PER_PUSH = 3;
const CODE = 'TWO-PROC';

let processes: ServerProcess[] = [];
let cleanup: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  let databaseUrl: string;
  if (TEST_ENGINE === 'postgres') {
    const database = await createDatabase(inject('pgClusterUrl'));
    databaseUrl = database.url;
    cleanup = () => database.drop();
  } else {
    // SQLite serves several processes too: its write lock is the file's.
    const dir = mkdtempSync(join(tmpdir(), 'nastavnik-two-'));
    databaseUrl = `sqlite:${join(dir, 'nastavnik.sqlite')}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  // Both start at once on an empty database: one school, one set of built-in questionnaires.
  processes = await Promise.all(
    [0, 1].map(() =>
      startServerProcess({ DATABASE_URL: databaseUrl, NASTAVNIK_BOOTSTRAP_CODE: CODE }, "curator's code"),
    ),
  );
}, 120_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await cleanup();
});

describe('two server processes over one database', () => {
  it('a hundred devices pushing through both converge, and a device pulling through one misses nothing', async () => {
    const [a, b] = processes as [ServerProcess, ServerProcess];
    const via = (i: number) => (i % 2 === 0 ? a : b);
    const curator = await enrolWith(b, CODE, 'cur');
    const watcher = await addMember(a, curator, 'curator', { fullName: 'Смотрящая Мария' }, 'watch');

    // A pair per device, made by the curator through one process; each mentor enrols through the other.
    const setup = Array.from({ length: DEVICES }, (_, i) => {
      const mentor = change(curator.stamper, 'person', { fullName: `Наставник ${i}`, kind: 'teacher' });
      const mentee = change(curator.stamper, 'person', { fullName: `Ученик ${i}`, kind: 'student' });
      const pair = pairChange(curator.stamper, mentor.id, [mentee.id]);
      return { mentor, mentee, pair };
    });
    for (let i = 0; i < setup.length; i += 50) {
      const r = await push(
        a,
        curator,
        setup.slice(i, i + 50).flatMap((s) => [s.mentor, s.mentee, s.pair]),
      );
      expect(r.rejected).toEqual([]);
    }
    const devices: Actor[] = await Promise.all(
      setup.map(async (s, i) => {
        const invite = await call(via(i + 1), 'POST', '/api/v1/invites', {
          token: curator.token,
          body: { personId: s.mentor.id, role: 'mentor' },
        });
        expect(invite.status).toBe(200);
        return enrolWith(via(i), invite.body.code as string, `dev${i}`);
      }),
    );

    // The watcher pulls through process A for as long as the devices push through A and B.
    const seen = new Map<string, SyncedRecord>();
    let isPushing = true;
    const watching = (async () => {
      let pulls = 0;
      while (isPushing || pulls === 0) {
        const page = await push(a, watcher, []);
        for (const r of page.changes) seen.set(r.id, r);
        watcher.cursor = page.cursor;
        pulls += 1;
      }
      return pulls;
    })();
    const sent = new Map<number, string[]>();
    await Promise.all(
      devices.map(async (device, i) => {
        const pairId = (setup[i] as { pair: { id: string } }).pair.id;
        for (let round = 0; round < ROUNDS; round++) {
          const meetings = Array.from({ length: MEETINGS_PER_PUSH }, (_, k) =>
            change(device.stamper, 'meeting', {
              pairId,
              date: '2026-11-25',
              kind: 'regular',
              durationMin: 30 + k,
              notes: `Встреча ${round}.${k} устройства ${i}`,
            }),
          );
          // Alternate processes round by round: a device is not tied to one of them.
          const r = await push(round % 2 === 0 ? via(i) : via(i + 1), device, meetings);
          expect(r.rejected).toEqual([]);
          device.cursor = r.cursor;
          sent.set(i, [...(sent.get(i) ?? []), ...meetings.map((m) => m.id)]);
        }
      }),
    );
    isPushing = false;
    expect(await watching).toBeGreaterThan(1);
    // One last pull from where the watcher stood: what it has not seen by now, it never will.
    const rest = await pullAll(a, watcher);
    for (const [id, r] of rest.records) seen.set(id, r);

    const allSent = [...sent.values()].flat();
    expect(allSent).toHaveLength(DEVICES * ROUNDS * MEETINGS_PER_PUSH);
    const missed = allSent.filter((id) => !seen.has(id));
    expect(missed, `the watcher missed ${missed.length} meetings`).toEqual([]);

    // The database holds every meeting once, and each device pulls exactly its own pair's.
    const exported = await call(b, 'GET', '/api/v1/export', { token: curator.token });
    const meetings = (exported.body.records as SyncedRecord[]).filter((r) => r.type === 'meeting');
    expect(meetings).toHaveLength(allSent.length);
    const fresh = await Promise.all(
      devices.map(async (device, i) => {
        const again = { ...device, cursor: null, stamper: createStamper(`again${i}`) };
        const { records } = await pullAll(via(i + 1), again);
        return [...records.values()].filter((r) => r.type === 'meeting').map((r) => r.id);
      }),
    );
    for (const [i, ids] of fresh.entries()) expect(ids.sort()).toEqual([...(sent.get(i) ?? [])].sort());
  }, 300_000);
});
