// Conflict copies follow their author's access and go with an erased person: a mentor taken off a pair,
// or whose mentee's consent was withdrawn, is told to drop the copies of that pair's texts; an erased
// pupil takes along the copies of texts about them (their record, IDP, consents), and a restore brings
// none of it back. (Found by an attack round; each case failed before its fix.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SyncedRecord } from '../../src/domain/record';
import { deletion } from '../support/test-device';
import {
  type Actor,
  addMember,
  BOOTSTRAP_CODE,
  call,
  change,
  enrolWith,
  liveCopiesOf,
  pairChange,
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
  mentor = await addMember(server, curator, 'mentor', { fullName: 'Наставник' }, 'mentor-phone');
});
afterAll(async () => server.close());

const liveCopies = (actor: Actor) => liveCopiesOf(server, actor);

it('text typed into an erased person’s record after the erasure is not kept as a copy', async () => {
  const pupil = change(curator.stamper, 'person', { fullName: 'Стираемый', kind: 'student' });
  expect((await push(server, curator, [pupil])).rejected).toEqual([]);
  const psy = await addMember(server, curator, 'curator', { fullName: 'Психолог' }, 'psy');
  await pullAll(server, psy); // psychologist's device has the pupil
  // Curator erases the pupil.
  expect((await push(server, curator, [deletion(curator.stamper, 'person', pupil.id)])).rejected).toEqual([]);
  // Psychologist's device, offline meanwhile, sends a request about the pupil.
  const req = change(
    psy.stamper,
    'person',
    { requests: 'Тревожность, семья в кризисе (после стирания)' },
    pupil.id,
  );
  await push(server, psy, [req]);
  expect((await liveCopies(curator)).filter((c) => c.fields.recordId === pupil.id)).toEqual([]);
});

it('a mentor whose minor mentee’s consent is withdrawn drops the copies of that pair’s texts', async () => {
  const minor = change(curator.stamper, 'person', { fullName: 'Маша', kind: 'student', minor: true });
  const consent = change(curator.stamper, 'consent', {
    personId: minor.id,
    signedBy: 'мать',
    date: '2026-09-01',
    withdrawn: false,
  });
  const pair = pairChange(curator.stamper, mentor.personId, [minor.id]);
  expect((await push(server, curator, [minor, consent, pair])).rejected).toEqual([]);
  await pullAll(server, mentor);
  const m = change(mentor.stamper, 'meeting', {
    pairId: pair.id,
    date: '2026-11-20',
    kind: 'regular',
    durationMin: 30,
    notes: 'x',
  });
  expect((await push(server, mentor, [m])).rejected).toEqual([]);
  await pullAll(server, curator);
  await pullAll(server, mentor);
  const mine = change(mentor.stamper, 'meeting', { notes: 'Маша рассказала о проблемах дома' }, m.id);
  curator.stamper.observe(mine.stamps.notes as string);
  const theirs = change(curator.stamper, 'meeting', { notes: 'Правка куратора' }, m.id);
  expect((await push(server, mentor, [mine])).rejected).toEqual([]);
  expect((await push(server, curator, [theirs])).rejected).toEqual([]);
  const copy = (await liveCopies(mentor)).find((c) => c.fields.recordId === m.id) as SyncedRecord;
  expect(copy.fields.text).toBe('Маша рассказала о проблемах дома');
  await pullAll(server, mentor);
  const withdraw = change(
    curator.stamper,
    'consent',
    { withdrawn: true, withdrawnDate: '2026-11-25' },
    consent.id,
  );
  expect((await push(server, curator, [withdraw])).rejected).toEqual([]);
  // The mentor's device is told to drop the meeting and the copy of its notes, and gets neither again.
  const after = await pullAll(server, mentor);
  expect(after.purge).toEqual(expect.arrayContaining([m.id, copy.id]));
  expect((await liveCopies(mentor)).filter((c) => c.fields.recordId === m.id)).toEqual([]);
});

it('a mentor taken off the pair drops the copies of its private notes', async () => {
  const other = await addMember(server, curator, 'mentor', { fullName: 'Сменщик' }, 'm2');
  const kid = change(curator.stamper, 'person', { fullName: 'Переданный', kind: 'student' });
  const pair = pairChange(curator.stamper, mentor.personId, [kid.id]);
  expect((await push(server, curator, [kid, pair])).rejected).toEqual([]);
  await pullAll(server, mentor);
  const m = change(mentor.stamper, 'meeting', {
    pairId: pair.id,
    date: '2026-11-20',
    kind: 'regular',
    durationMin: 30,
    notes: 'x',
    privateNotes: 'p',
  });
  expect((await push(server, mentor, [m])).rejected).toEqual([]);
  await pullAll(server, curator);
  await pullAll(server, mentor);
  const mine = change(mentor.stamper, 'meeting', { privateNotes: 'Личное о ребёнке' }, m.id);
  curator.stamper.observe(mine.stamps.privateNotes as string);
  const theirs = change(curator.stamper, 'meeting', { privateNotes: 'Куратор' }, m.id);
  expect((await push(server, mentor, [mine])).rejected).toEqual([]);
  expect((await push(server, curator, [theirs])).rejected).toEqual([]);
  await pullAll(server, mentor);
  const copy = (await liveCopies(mentor)).find((c) => c.fields.recordId === m.id) as SyncedRecord;
  expect(copy.fields.text).toBe('Личное о ребёнке');
  expect(
    (await push(server, curator, [change(curator.stamper, 'pair', { mentorId: other.personId }, pair.id)]))
      .rejected,
  ).toEqual([]);
  const after = await pullAll(server, mentor);
  expect(after.purge).toEqual(expect.arrayContaining([m.id, copy.id]));
  expect((await liveCopies(mentor)).filter((c) => c.fields.recordId === m.id)).toEqual([]);
});

it('a restore brings back no copy written by a person erased in the backup', async () => {
  const target = await startTestServer();
  try {
    const admin = await enrolWith(target, BOOTSTRAP_CODE, 'restorer');
    const exp = (await call(target, 'GET', '/api/v1/export', { token: admin.token })).body;
    const gone = '0190a000-0000-7000-8000-00000000aaaa';
    const s = '2026-01-01T00:00:00.000Z_0000_dev1';
    const fields = {
      recordId: '0190a000-0000-7000-8000-00000000bbbb',
      recordType: 'task',
      field: 'evidence',
      text: 'Личное стёртого',
      authorId: gone,
      lostStamp: s,
      keptFor: 'author',
    };
    const copy = {
      id: '0190a000-0000-7000-8000-00000000cccc',
      type: 'conflict',
      fields,
      stamps: Object.fromEntries(Object.keys(fields).map((k) => [k, s])),
    };
    const person = { id: gone, type: 'person', fields: {}, stamps: {}, deleted: s };
    const records = [...(exp.records as SyncedRecord[]), person, copy];
    const r = await call(target, 'POST', '/api/v1/restore', {
      token: admin.token,
      body: { ...exp, records },
    });
    expect(r.status).toBe(200);
    const after = (await call(target, 'GET', '/api/v1/export', { token: admin.token })).body
      .records as SyncedRecord[];
    expect(after.filter((x) => x.type === 'conflict' && !x.deleted)).toEqual([]);
  } finally {
    await target.close();
  }
});

it('an erased pupil takes along the copies of texts typed into their IDP and consent by others', async () => {
  const pupil = change(curator.stamper, 'person', { fullName: 'Стираемый', kind: 'student' });
  const consent = change(curator.stamper, 'consent', {
    personId: pupil.id,
    signedBy: 'мать',
    date: '2026-09-01',
    withdrawn: false,
    scope: 'первоначально',
  });
  const pair = pairChange(curator.stamper, mentor.personId, [pupil.id]);
  const plan = change(curator.stamper, 'plan', { pairId: pair.id, menteeId: pupil.id, title: 'ИПР' });
  const goal = change(curator.stamper, 'goal', { planId: plan.id, title: 'Цель', description: 'x' });
  expect((await push(server, curator, [pupil, consent, pair, plan, goal])).rejected).toEqual([]);
  await pullAll(server, mentor);
  await pullAll(server, curator);
  // Concurrent edits: the mentor's goal description and the curator's consent scope each lose.
  const mine = change(
    mentor.stamper,
    'goal',
    { description: 'Диагноз: дислексия, семья просит не говорить классу' },
    goal.id,
  );
  curator.stamper.observe(mine.stamps.description as string);
  const cur = change(curator.stamper, 'goal', { description: 'Правка куратора' }, goal.id);
  expect((await push(server, mentor, [mine])).rejected).toEqual([]);
  expect((await push(server, curator, [cur])).rejected).toEqual([]);
  const psy = await addMember(server, curator, 'curator', { fullName: 'Психолог' }, 'psy');
  await pullAll(server, psy);
  const s1 = change(
    psy.stamper,
    'consent',
    { scope: 'Согласие только на школьные занятия, опека' },
    consent.id,
  );
  curator.stamper.observe(s1.stamps.scope as string);
  const s2 = change(curator.stamper, 'consent', { scope: 'Полное' }, consent.id);
  expect((await push(server, psy, [s1])).rejected).toEqual([]);
  expect((await push(server, curator, [s2])).rejected).toEqual([]);
  // The curator erases the pupil the way the app does (erasePerson): IDP, consent, pair, person.
  await pullAll(server, curator);
  const erase = [
    deletion(curator.stamper, 'goal', goal.id),
    deletion(curator.stamper, 'plan', plan.id),
    deletion(curator.stamper, 'consent', consent.id),
    deletion(curator.stamper, 'pair', pair.id),
    deletion(curator.stamper, 'person', pupil.id),
  ];
  expect((await push(server, curator, erase)).rejected).toEqual([]);
  const left = (await liveCopies(curator)).filter(
    (c) => c.fields.recordId === goal.id || c.fields.recordId === consent.id,
  );
  expect(left).toEqual([]);
  expect((await liveCopies(mentor)).filter((c) => c.fields.recordId === goal.id)).toEqual([]);
});

it('text typed into an erased pupil’s consent or IDP after the erasure is not kept as a copy', async () => {
  const psy = await addMember(server, curator, 'curator', { fullName: 'Психолог поздний' }, 'psy-late');
  const pupil = change(curator.stamper, 'person', { fullName: 'Стираемый поздно', kind: 'student' });
  const consent = change(curator.stamper, 'consent', {
    personId: pupil.id,
    signedBy: 'мать',
    date: '2026-09-01',
    withdrawn: false,
    scope: 'x',
  });
  const pair = pairChange(curator.stamper, mentor.personId, [pupil.id]);
  const plan = change(curator.stamper, 'plan', { pairId: pair.id, menteeId: pupil.id, title: 'ИПР' });
  const goal = change(curator.stamper, 'goal', { planId: plan.id, title: 'Цель', description: 'x' });
  expect((await push(server, curator, [pupil, consent, pair, plan, goal])).rejected).toEqual([]);
  await pullAll(server, psy);
  await pullAll(server, curator);
  const erase = [
    deletion(curator.stamper, 'goal', goal.id),
    deletion(curator.stamper, 'plan', plan.id),
    deletion(curator.stamper, 'consent', consent.id),
    deletion(curator.stamper, 'pair', pair.id),
    deletion(curator.stamper, 'person', pupil.id),
  ];
  expect((await push(server, curator, erase)).rejected).toEqual([]);
  // The psychologist's device, offline meanwhile, sends what was typed into the consent and the goal.
  const late = [
    change(psy.stamper, 'consent', { scope: 'Опека, отец лишён прав' }, consent.id),
    change(psy.stamper, 'goal', { description: 'Диагноз: СДВГ' }, goal.id),
  ];
  expect((await push(server, psy, late)).rejected).toEqual([]);
  const left = (await liveCopies(curator)).filter(
    (c) => c.fields.recordId === consent.id || c.fields.recordId === goal.id,
  );
  expect(left).toEqual([]);
});

it("a curator's copy of a curators-only field reaches none of their later devices as a mentor", async () => {
  const second = await addMember(server, curator, 'curator', { fullName: 'Второй куратор' }, 'cur2');
  const pupil = change(curator.stamper, 'person', {
    fullName: 'Ученик',
    kind: 'student',
    requests: 'Начало',
  });
  expect((await push(server, curator, [pupil])).rejected).toEqual([]);
  await pullAll(server, curator);
  await pullAll(server, second);
  // The second curator's text loses to the first's, typed without having seen it: kept as a copy.
  const seen = curator.cursor;
  const theirs = change(second.stamper, 'person', { requests: 'Запрос психолога: тревожность' }, pupil.id);
  curator.stamper.observe(theirs.stamps.requests as string);
  expect((await push(server, second, [theirs])).rejected).toEqual([]);
  curator.cursor = seen;
  const mine = change(curator.stamper, 'person', { requests: 'Запрос классного руководителя' }, pupil.id);
  expect((await push(server, curator, [mine])).rejected).toEqual([]);
  expect((await liveCopiesOf(server, second)).map((c) => c.fields.text)).toContain(
    'Запрос психолога: тревожность',
  );
  // That person is a curator no more, and signs in as the pupil's mentor.
  const devices = (await call(server, 'GET', '/api/v1/devices', { token: curator.token })).body.devices as {
    id: string;
    personId: string;
  }[];
  const device = devices.find((d) => d.personId === second.personId) as { id: string };
  expect(
    (await call(server, 'POST', `/api/v1/devices/${device.id}/revoke`, { token: curator.token })).status,
  ).toBe(200);
  const pair = pairChange(curator.stamper, second.personId, [pupil.id]);
  expect((await push(server, curator, [pair])).rejected).toEqual([]);
  const invite = await call(server, 'POST', '/api/v1/invites', {
    token: curator.token,
    body: { personId: second.personId, role: 'mentor' },
  });
  const asMentor = await enrolWith(server, invite.body.code as string, 'mentor-phone-2');
  const { records } = await pullAll(server, asMentor);
  expect(records.get(pupil.id)?.fields.requests).toBeUndefined();
  expect(JSON.stringify([...records.values()])).not.toContain('тревожность');
});
