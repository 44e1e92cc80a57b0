// Archiving a person ends the access of their devices: the server refuses them with a reason
// (`archived`), and the device drops the programme's data it held but keeps what its user typed and had
// not sent yet. The real server over HTTP, and the real sync engine and Dexie database of a device.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSyncStatus } from '../../src/client/db/meta';
import type { Change } from '../../src/domain/record';
import { enrolDevice } from '../support/sim-device';
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

let server: TestServer;
let curator: Actor;
let mentor: Actor;
let menteeId: string;
let pair: Change;
let meeting: Change;

beforeAll(async () => {
  server = await startTestServer();
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
  mentor = await addMember(server, curator, 'mentor', { fullName: 'Уволившийся наставник' }, 'men');
  const mentee = change(curator.stamper, 'person', { fullName: 'Ученик', kind: 'student' });
  menteeId = mentee.id;
  pair = pairChange(curator.stamper, mentor.personId, [mentee.id]);
  expect((await push(server, curator, [mentee, pair])).rejected).toEqual([]);
  meeting = change(mentor.stamper, 'meeting', {
    pairId: pair.id,
    date: '2026-11-25',
    kind: 'regular',
    durationMin: 45,
    notes: 'Разобрали задачи',
  });
  expect((await push(server, mentor, [meeting])).rejected).toEqual([]);
});
afterAll(async () => server.close());

const archive = (archived: boolean) =>
  push(server, curator, [change(curator.stamper, 'person', { archived }, mentor.personId)]);

const invite = async (personId: string) =>
  (
    await call(server, 'POST', '/api/v1/invites', {
      token: curator.token,
      body: { personId, role: 'mentor' },
    })
  ).body.code as string;

describe('an archived person', () => {
  it('their devices are refused with the reason, and get none of the programme’s data', async () => {
    const code = await invite(mentor.personId);
    expect((await archive(true)).rejected).toEqual([]);
    const r = await call(server, 'POST', '/api/v1/sync', {
      token: mentor.token,
      body: { cursor: null, changes: [] },
    });
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ error: 'archived', reason: expect.stringMatching(/archived/) });
    // Nor can they enrol another device with a code made before.
    const enrolled = await call(server, 'POST', '/api/v1/enrol', { body: { code, deviceName: 'новый' } });
    expect(enrolled.status).toBe(400);
    expect(enrolled.body.reason).toMatch(/archived/);
    expect((await archive(false)).rejected).toEqual([]);
    const back = await call(server, 'POST', '/api/v1/sync', {
      token: mentor.token,
      body: { cursor: null, changes: [] },
    });
    expect(back.status).toBe(200);
  });

  it('their device drops the programme’s data and keeps its own unsent typing, and says why', async () => {
    const device = await enrolDevice(server.app, await invite(mentor.personId), 'phone', {
      now: Date.now,
      fault: () => 'none',
    });
    expect(await device.engine.syncOnce()).toBe('ok');
    const held = await device.snapshot();
    expect([pair.id, meeting.id, menteeId, mentor.personId].every((id) => held.has(id))).toBe(true);

    // Typed offline, not sent yet; then the curator archives them.
    const typed = await device.repo.create('meeting', {
      pairId: pair.id,
      date: '2026-11-26',
      kind: 'regular',
      durationMin: 30,
      notes: 'Последняя встреча перед уходом',
    });
    expect(typed.ok).toBe(true);
    expect((await archive(true)).rejected).toEqual([]);

    expect(await device.engine.syncOnce()).toBe('archived');
    expect((await getSyncStatus(device.db)).error).toBe('archived');
    const left = await device.snapshot();
    expect(left.has(pair.id) || left.has(meeting.id) || left.has(menteeId)).toBe(false);
    expect(left.has(mentor.personId)).toBe(true);
    const unsent = [...left.values()].filter((r) => r.type === 'meeting');
    expect(unsent.map((r) => r.fields.notes)).toEqual(['Последняя встреча перед уходом']);
    expect(await device.db.outbox.count()).toBe(1);

    // Brought back, the device fetches everything again and sends what waited.
    expect((await archive(false)).rejected).toEqual([]);
    expect(await device.engine.syncOnce()).toBe('ok');
    const again = await device.snapshot();
    expect(again.has(pair.id) && again.has(meeting.id) && again.has(menteeId)).toBe(true);
    expect(await device.db.outbox.count()).toBe(0);
  });
});
