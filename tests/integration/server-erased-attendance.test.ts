// A person erased leaves the attendance of the meetings they came to: who came to a group's meeting is
// data about them, and the others of the group (the mentor, the other mentees) keep the meeting. Their
// id is taken out in the server's name when their delete arrives — whether the curator's app took them
// out of the pair before or not — and again from a write of a device that had not heard of it yet.
// (Found by an attack round: the meetings kept naming them to everyone in the group.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deletion } from '../support/test-device';
import {
  type Actor,
  addMember,
  BOOTSTRAP_CODE,
  change,
  enrolWith,
  pullAll,
  push,
  startTestServer,
  type TestServer,
} from '../support/test-server';

let server: TestServer;
let curator: Actor;
let mentor: Actor;
beforeAll(async () => {
  server = await startTestServer();
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
  mentor = await addMember(server, curator, 'mentor', { fullName: 'Наставница' }, 'mentor');
});
afterAll(async () => server.close());

const meetingOf = (pairId: string, attendance: string[]) =>
  change(mentor.stamper, 'meeting', {
    pairId,
    date: '2026-11-20',
    kind: 'regular',
    durationMin: 45,
    notes: 'Разобрали задачи',
    attendance,
  });

it.each([
  ['the app takes them out of the group first', true],
  ['an older app deletes the person only', false],
])('an erased person leaves the attendance of every meeting: %s', async (_, takenOut) => {
  const [gone, stays] = await Promise.all(
    ['Уходит', 'Остаётся'].map((name, i) =>
      addMember(server, curator, 'mentee', { fullName: name, kind: 'student' }, `pupil${i}${takenOut}`),
    ),
  );
  const both = [(gone as Actor).personId, (stays as Actor).personId];
  const group = change(curator.stamper, 'pair', {
    mentorId: mentor.personId,
    menteeIds: both,
    form: 'учитель–ученик',
    status: 'active',
  });
  expect((await push(server, curator, [group])).rejected).toEqual([]);
  const held = meetingOf(group.id, both);
  // A device that has not heard of the erasure yet: its edit comes after it.
  const offline = change(mentor.stamper, 'meeting', { attendance: both, notes: 'Дописала' }, held.id);
  expect((await push(server, mentor, [held])).rejected).toEqual([]);

  const erase = [
    ...(takenOut
      ? [change(curator.stamper, 'pair', { menteeIds: [(stays as Actor).personId] }, group.id)]
      : []),
    deletion(curator.stamper, 'person', (gone as Actor).personId),
  ];
  expect((await push(server, curator, erase)).rejected).toEqual([]);
  const attendance = async (actor: Actor) =>
    (await pullAll(server, { ...actor, cursor: null })).records.get(held.id)?.fields.attendance;
  for (const actor of [curator, mentor, stays as Actor])
    expect(await attendance(actor)).toEqual([(stays as Actor).personId]);

  expect((await push(server, mentor, [offline])).rejected).toEqual([]);
  const after = (await pullAll(server, { ...mentor, cursor: null })).records.get(held.id);
  expect(after?.fields.notes).toBe('Дописала');
  expect(after?.fields.attendance).toEqual([(stays as Actor).personId]);
  // The device converges: the server's value is stamped after the device's own.
  expect((after?.stamps.attendance ?? '') > (offline.stamps.attendance ?? '')).toBe(true);
  expect(await attendance(stays as Actor)).toEqual([(stays as Actor).personId]);
});

it('a meeting written in the same push as the erasure, before it, loses them too', async () => {
  const [gone, stays] = await Promise.all(
    ['Уходит', 'Остаётся'].map((name, i) =>
      addMember(server, curator, 'mentee', { fullName: name, kind: 'student' }, `same${i}`),
    ),
  );
  const both = [(gone as Actor).personId, (stays as Actor).personId];
  const group = change(curator.stamper, 'pair', {
    mentorId: mentor.personId,
    menteeIds: both,
    form: 'учитель–ученик',
    status: 'active',
  });
  expect((await push(server, curator, [group])).rejected).toEqual([]);
  const held = meetingOf(group.id, both);
  expect((await push(server, mentor, [held])).rejected).toEqual([]);
  const edit = change(curator.stamper, 'meeting', { attendance: both }, held.id);
  const erase = deletion(curator.stamper, 'person', (gone as Actor).personId);
  expect((await push(server, curator, [edit, erase])).rejected).toEqual([]);
  const after = (await pullAll(server, { ...mentor, cursor: null })).records.get(held.id);
  expect(after?.fields.attendance).toEqual([(stays as Actor).personId]);
});

it('names only the mentees of the pair: anyone else is dropped alike, erased or not', async () => {
  const [member, outsider, erased] = await Promise.all(
    ['Член группы', 'Посторонний', 'Стёртый'].map((name, i) =>
      addMember(server, curator, 'mentee', { fullName: name, kind: 'student' }, `probe${i}`),
    ),
  );
  const group = change(curator.stamper, 'pair', {
    mentorId: mentor.personId,
    menteeIds: [(member as Actor).personId],
    form: 'учитель–ученик',
    status: 'active',
  });
  const gone = deletion(curator.stamper, 'person', (erased as Actor).personId);
  expect((await push(server, curator, [group, gone])).rejected).toEqual([]);
  // Were the erased dropped and the others kept, the mentor would learn who was erased.
  const names = [member, outsider, erased].map((a) => (a as Actor).personId);
  const held = meetingOf(group.id, names);
  expect((await push(server, mentor, [held])).rejected).toEqual([]);
  const stored = (await pullAll(server, { ...mentor, cursor: null })).records.get(held.id);
  expect(stored?.fields.attendance).toEqual([(member as Actor).personId]);
  expect(stored?.fields.notes).toBe('Разобрали задачи');
});
