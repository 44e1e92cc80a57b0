// The read rules of every field hold on every route that sends data: conflict copies go to the
// authenticated writer of the text and never carry a field its recipient may not read; curators-only
// fields stay with curators (the person themself included); rejections say nothing of records outside
// the caller's scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, SyncedRecord } from '../../src/domain/record';
import {
  type Actor,
  addMember,
  BOOTSTRAP_CODE,
  call,
  change,
  createStamper,
  enrolWith,
  pairChange,
  pullAll,
  push,
  startTestServer,
  type TestServer,
} from '../support/test-server';

let server: TestServer;
let curator: Actor;
let mentor: Actor;
let mentee: Actor;
let otherMentor: Actor;
let pair: Change;
let otherPair: Change;
let task: Change;

beforeAll(async () => {
  server = await startTestServer();
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
  // The mentor's phone has not synced yet: its device id is still unknown to the server.
  mentor = await addMember(server, curator, 'mentor', { fullName: 'Наставник' }, 'mentor-phone');
  mentee = await addMember(server, curator, 'mentee', { fullName: 'Ученица', kind: 'student' }, 'kid');
  otherMentor = await addMember(server, curator, 'mentor', { fullName: 'Другой' }, 'other');
  const otherMentee = change(curator.stamper, 'person', { fullName: 'Другой ученик', kind: 'student' });
  pair = pairChange(curator.stamper, mentor.personId, [mentee.personId]);
  otherPair = pairChange(curator.stamper, otherMentor.personId, [otherMentee.id]);
  const plan = change(curator.stamper, 'plan', { pairId: pair.id, menteeId: mentee.personId, title: 'ИПР' });
  task = change(curator.stamper, 'task', { planId: plan.id, title: 'Прочитать', status: 'todo', due: null });
  expect((await push(server, curator, [otherMentee, pair, otherPair, plan, task])).rejected).toEqual([]);
});
afterAll(async () => server.close());

const conflictsOf = (records: Map<string, SyncedRecord>) =>
  [...records.values()].filter((r) => r.type === 'conflict');

describe('conflict copies', () => {
  it('belong to the authenticated writer: a device id forged in a stamp gets no one else’s text', async () => {
    // The mentee stamps an allowed change (ticking a task) with the mentor's phone's device id.
    const forger = createStamper('mentor-phone');
    const tick = change(forger, 'task', { status: 'done' }, task.id);
    expect((await push(server, { ...mentee }, [tick])).rejected).toEqual([]);

    const c = { ...curator, cursor: null as string | null };
    await pullAll(server, c); // the curator has seen everything up to here, not what follows
    const meeting = change(mentor.stamper, 'meeting', {
      pairId: pair.id,
      date: '2026-11-25',
      kind: 'regular',
      durationMin: 40,
      notes: 'Обсудили план',
      privateNotes: 'Тревожится из-за семьи',
    });
    expect((await push(server, mentor, [meeting])).rejected).toEqual([]);
    // The curator rewrites the private notes without having seen the mentor's: the mentor's text loses.
    const rewrite = change(curator.stamper, 'meeting', { privateNotes: 'Исправлено куратором' }, meeting.id);
    expect((await push(server, c, [rewrite])).rejected).toEqual([]);

    const menteeView = await pullAll(server, { ...mentee, cursor: null });
    expect(conflictsOf(menteeView.records)).toEqual([]);
    expect(JSON.stringify([...menteeView.records.values()])).not.toContain('Тревожится');
    const mentorView = await pullAll(server, { ...mentor, cursor: null });
    expect(conflictsOf(mentorView.records).map((r) => r.fields)).toEqual([
      expect.objectContaining({
        field: 'privateNotes',
        text: 'Тревожится из-за семьи',
        authorId: mentor.personId,
      }),
    ]);
  });
});

describe('fields only curators read', () => {
  it('the requests of teachers, psychologist and parents reach neither the mentee’s pull nor their enrolment', async () => {
    const requests = 'Психолог: поддержать после перевода из другой школы';
    const note = change(curator.stamper, 'person', { requests, needs: 'Математика' }, mentee.personId);
    expect((await push(server, curator, [note])).rejected).toEqual([]);

    const own = (await pullAll(server, { ...mentee, cursor: null })).records.get(mentee.personId);
    expect(own?.fields.fullName).toBe('Ученица');
    expect(own?.fields).not.toHaveProperty('requests');
    expect(own?.stamps).not.toHaveProperty('requests');
    expect(own?.fields.needs).toBe('Математика');

    const invite = await call(server, 'POST', '/api/v1/invites', {
      token: curator.token,
      body: { personId: mentee.personId, role: 'mentee' },
    });
    const enrolled = await call(server, 'POST', '/api/v1/enrol', {
      body: { code: invite.body.code, deviceName: 'второй телефон' },
    });
    expect(enrolled.status).toBe(200);
    expect(JSON.stringify(enrolled.body)).not.toContain(requests);
    expect((enrolled.body.person as SyncedRecord).fields).not.toHaveProperty('requests');

    const mentorCopy = (await pullAll(server, { ...mentor, cursor: null })).records.get(mentee.personId);
    expect(JSON.stringify(mentorCopy)).not.toContain(requests);
    const curatorCopy = (await pullAll(server, { ...curator, cursor: null })).records.get(mentee.personId);
    expect(curatorCopy?.fields.requests).toBe(requests);
  });
});

describe('rejections', () => {
  it('say nothing of what a record outside the caller’s scope is', async () => {
    const theirs = change(otherMentor.stamper, 'meeting', {
      pairId: otherPair.id,
      date: '2026-11-20',
      kind: 'regular',
      durationMin: 30,
      notes: 'Чужая встреча',
    });
    expect((await push(server, otherMentor, [theirs])).rejected).toEqual([]);
    // The same id under another type, and under its own: one answer, naming no type.
    const asTask = change(mentee.stamper, 'task', { status: 'done' }, theirs.id);
    const asMeeting = change(mentor.stamper, 'meeting', { notes: 'x' }, theirs.id);
    const r1 = await push(server, { ...mentee }, [asTask]);
    const r2 = await push(server, { ...mentor }, [asMeeting]);
    for (const r of [...r1.rejected, ...r2.rejected]) {
      expect(r.code).toBe('forbidden');
      expect(r.reason).not.toMatch(/meeting|exist|delet/);
    }
    expect(r1.rejected).toHaveLength(1);
    expect(r2.rejected).toHaveLength(1);
  });

  it('give the same answer for a pair outside one’s scope as for one that does not exist', async () => {
    const meeting = (pairId: string) =>
      change(mentor.stamper, 'meeting', {
        pairId,
        date: '2026-11-21',
        kind: 'regular',
        durationMin: 30,
        notes: 'Попытка',
      });
    const missing = '0193a3f0-0000-7000-8000-00000000beef';
    const r = await push(server, { ...mentor }, [meeting(otherPair.id), meeting(missing)]);
    const [other, none] = r.rejected;
    expect(other?.code).toBe(none?.code);
    expect(other?.reason.replace(otherPair.id, 'ID')).toBe(none?.reason.replace(missing, 'ID'));
  });
});
