// A person's erasure on the server: whatever the erasing device sent before the person's delete (an
// older app, a second curator's device that never held all of it), nothing of the person stays live —
// their fit answers and the forms given to them with their answers, their IDP and consents — and a
// mentor's form statistics no longer name them beside their answers, without moving a figure by
// theirs. (Found by an attack round: the app left the fit answers and the statistics' basis.)
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SyncedRecord } from '../../src/domain/record';
import { createApp } from '../../src/server/app';
import { derivedId } from '../../src/server/secrets';
import { createServerClock } from '../../src/server/server-clock';
import { deletion } from '../support/test-device';
import {
  type Actor,
  addMember,
  BOOTSTRAP_CODE,
  call,
  change,
  createStamper,
  DISTRICT_CODE,
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
beforeAll(async () => {
  server = await startTestServer();
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
  mentor = await addMember(server, curator, 'mentor', { fullName: 'Наставница' }, 'mentor');
});
afterAll(async () => server.close());

const exported = async () =>
  (await call(server, 'GET', '/api/v1/export', { token: curator.token })).body.records as SyncedRecord[];

it('erasing a person leaves nothing of theirs live, and the statistics neither name them nor move', async () => {
  const pupils = await Promise.all(
    [0, 1, 2, 3].map((i) =>
      addMember(server, curator, 'mentee', { fullName: `Ученик ${i}`, kind: 'student' }, `pupil${i}`),
    ),
  );
  const pair = change(curator.stamper, 'pair', {
    mentorId: mentor.personId,
    menteeIds: pupils.map((p) => p.personId),
    form: 'учитель–ученик',
    status: 'active',
  });
  const form = change(curator.stamper, 'formTemplate', {
    title: 'Промежуточная анкета',
    questions: [{ id: 'q', kind: 'scale', min: 1, max: 10 }],
    visibleToMentor: false,
  });
  const given = pupils.map((p) =>
    change(curator.stamper, 'formAssignment', {
      templateId: form.id,
      personId: p.personId,
      pairId: pair.id,
      due: null,
    }),
  );
  const victim = pupils[0] as Actor;
  const consent = change(curator.stamper, 'consent', {
    personId: victim.personId,
    signedBy: 'мать',
    date: '2026-09-01',
    withdrawn: false,
  });
  const plan = change(curator.stamper, 'plan', {
    pairId: pair.id,
    menteeId: victim.personId,
    title: 'ИПР: чтение',
  });
  expect((await push(server, curator, [pair, form, ...given, consent])).rejected).toEqual([]);
  expect((await push(server, curator, [plan])).rejected).toEqual([]);
  for (const [i, p] of pupils.entries()) {
    await pullAll(server, p);
    const answer = change(p.stamper, 'formResponse', {
      assignmentId: given[i]?.id,
      answers: { q: [2, 4, 9, 5][i] },
      submittedAt: new Date().toISOString(),
      templateVersion: 1,
    });
    const fit = change(p.stamper, 'fitAnswer', {
      pairId: pair.id,
      personId: p.personId,
      fits: false,
      comment: `СВОИ-СЛОВА-${i}: наставник кричит`,
    });
    expect((await push(server, p, [answer, fit])).rejected).toEqual([]);
  }
  const statsBefore = (await exported()).find((r) => r.type === 'formStats' && r.deleted === undefined);
  expect(statsBefore?.fields.averages).toEqual({ q: 5 });
  expect(JSON.stringify(statsBefore)).toContain(victim.personId);
  await pullAll(server, mentor);

  // A device that sends the person's delete alone.
  expect(
    (await push(server, curator, [deletion(curator.stamper, 'person', victim.personId)])).rejected,
  ).toEqual([]);

  const left = (await exported()).filter(
    (r) =>
      r.deleted === undefined &&
      (JSON.stringify(r).includes(victim.personId) || JSON.stringify(r).includes('СВОИ-СЛОВА-0')),
  );
  // The pair names the pupil among its mentees: the curator's app takes them out of it.
  expect(left.map((r) => r.type)).toEqual(['pair']);
  const statsAfter = (await exported()).find((r) => r.type === 'formStats' && r.deleted === undefined);
  expect(statsAfter?.fields.averages).toEqual({ q: 5 });
  // The others' words stay.
  expect(JSON.stringify(await exported())).toContain('СВОИ-СЛОВА-1');
  // The name typed for the pupil's phone at enrolment leaves the school's list of devices.
  const devices = (await call(server, 'GET', '/api/v1/devices', { token: curator.token })).body.devices as {
    name: string;
    personId: string;
    revokedAt: string | null;
  }[];
  const theirs = devices.filter((d) => d.personId === victim.personId);
  expect(theirs).toHaveLength(1);
  expect(theirs[0]).toMatchObject({ name: '', revokedAt: expect.any(String) });
  expect(devices.some((d) => d.name === 'pupil1')).toBe(true);
  // A second curator's device, offline during the erasures, still lists them in the pair: nothing new
  // of theirs is taken (an IDP, a fit answer), as no consent or form is.
  const other = pupils[1] as Actor;
  expect(
    (await push(server, curator, [deletion(curator.stamper, 'person', other.personId)])).rejected,
  ).toEqual([]);
  const late = [
    change(curator.stamper, 'plan', { pairId: pair.id, menteeId: other.personId, title: 'ИПР' }),
    change(curator.stamper, 'fitAnswer', {
      pairId: pair.id,
      personId: victim.personId,
      fits: false,
      comment: 'Боится наставника',
    }),
  ];
  const refused = (await push(server, curator, late)).rejected;
  expect(refused.map((r) => [r.code, r.reason])).toEqual([
    ['invalid', `person ${other.personId} was deleted`],
    ['invalid', `person ${victim.personId} was deleted`],
  ]);
});

it('what the server writes after a restart orders after what it wrote before, its clock led ahead by a phone', async () => {
  // The same database served by a process whose clock never saw the fast phone (a restart, a second process).
  const restarted = await createApp({
    storage: server.storage,
    clock: createServerClock(),
    staticDir: null,
  });
  await restarted.listen({ port: 0, host: '127.0.0.1' });
  const b = { url: `http://127.0.0.1:${(restarted.server.address() as { port: number }).port}` };
  try {
    const fast = { ...mentor, stamper: createStamper('fast-phone', () => Date.now() + 23 * 3_600_000) };
    const pupils = [0, 1, 2].map((i) =>
      change(curator.stamper, 'person', { fullName: `Ф${i}`, kind: 'student' }),
    );
    const pairs = pupils.map((p) => pairChange(curator.stamper, mentor.personId, [p.id]));
    expect((await push(server, curator, [...pupils, ...pairs])).rejected).toEqual([]);
    // The mentor's phone, 23 h fast, records a meeting: the server's clock follows it.
    const meeting = change(fast.stamper, 'meeting', {
      pairId: pairs[0]?.id,
      date: '2026-11-20',
      kind: 'regular',
      durationMin: 30,
      notes: 'Встреча',
    });
    expect((await push(server, fast, [meeting])).rejected).toEqual([]);
    // Three answers to a closed form: the mentor's statistics are written with stamps 23 h ahead.
    const form = derivedId('builtin-template', 'final-mentee');
    const answers = pupils.flatMap((p, i) => {
      const given = change(curator.stamper, 'formAssignment', {
        templateId: form,
        personId: p.id,
        pairId: pairs[i]?.id,
        due: null,
      });
      const response = change(curator.stamper, 'formResponse', {
        assignmentId: given.id,
        answers: { expectations: 7 + i },
        submittedAt: new Date().toISOString(),
      });
      return [given, response];
    });
    expect((await push(server, curator, answers)).rejected).toEqual([]);
    const statsId = derivedId('form-stats', form, mentor.personId);
    const stats = async () => (await exported()).find((r) => r.id === statsId) as SyncedRecord;
    const before = await stats();
    // The first pupil is erased through the restarted process: their id leaves the basis, stamped later.
    const erase = deletion(curator.stamper, 'person', pupils[0]?.id as string);
    expect((await push(b, curator, [erase])).rejected).toEqual([]);
    const after = await stats();
    expect(JSON.stringify(after.fields.basis)).not.toContain(pupils[0]?.id);
    expect((after.stamps.basis as string) > (before.stamps.basis as string)).toBe(true);
  } finally {
    await restarted.close();
  }
});

it('the district’s summary of the school no longer holds the erased pupil’s answer, even hashed', async () => {
  const schoolId = curator.token.split('.')[0] as string;
  const district = await enrolWith(server, DISTRICT_CODE, 'district-admin');
  const finalForm = derivedId('builtin-template', 'final-mentee');
  const pupils: string[] = [];
  const responses: string[] = [];
  for (const answer of [9, 8, 10, 7]) {
    const c = curator.stamper;
    const pupil = change(c, 'person', { fullName: `Ученица ${answer}`, kind: 'student' });
    const pair = change(c, 'pair', {
      mentorId: mentor.personId,
      menteeIds: [pupil.id],
      form: 'учитель–ученик',
      status: 'active',
    });
    const given = change(c, 'formAssignment', {
      templateId: finalForm,
      personId: pupil.id,
      pairId: pair.id,
      due: null,
    });
    const response = change(c, 'formResponse', {
      assignmentId: given.id,
      answers: { expectations: answer },
      submittedAt: new Date().toISOString(),
    });
    expect((await push(server, curator, [pupil, pair, given, response])).rejected).toEqual([]);
    pupils.push(pupil.id);
    responses.push(response.id);
  }
  const summary = async () => {
    const { records } = await pullAll(server, { ...district, cursor: null });
    return [...records.values()].find((r) => r.type === 'schoolSummary' && r.fields.schoolId === schoolId);
  };
  const before = await summary();
  const erased = pupils[0] as string;
  // As the app erases: the answers first, then the person.
  const erase = [
    deletion(curator.stamper, 'formResponse', responses[0] as string),
    deletion(curator.stamper, 'person', erased),
  ];
  expect((await push(server, curator, erase)).rejected).toEqual([]);
  const after = await summary();
  const key = await server.storage.transaction((tx) => tx.serverSecret('district-summary'));
  const hide = (a: string) =>
    createHmac('sha256', key).update(`${schoolId}\u0000${a}`).digest('base64url').slice(0, 16);
  const basis = JSON.stringify(after?.fields.satisfactionBasis);
  // With the server's key, every answer tried beside the erased pupil's id: none is there.
  expect(
    [...Array(10)].map((_, i) => hide(`finalMentee ${erased} ${i + 1}`)).filter((h) => basis.includes(h)),
  ).toEqual([]);
  expect(JSON.stringify(before?.fields.satisfactionBasis)).toContain(hide(`finalMentee ${erased} 9`));
  expect(after?.fields.satisfactionMentees).toBe(before?.fields.satisfactionMentees);
});

it('a backup holding an erased person’s records live restores them erased', async () => {
  const target = await startTestServer();
  try {
    const admin = await enrolWith(target, BOOTSTRAP_CODE, 'new');
    const own = (await call(target, 'GET', '/api/v1/export', { token: admin.token })).body
      .records as SyncedRecord[];
    const stamp = '2026-11-01T10:00:00.000Z_0000_old';
    const stamped = (fields: Record<string, unknown>) =>
      Object.fromEntries(Object.keys(fields).map((k) => [k, stamp]));
    const person = '0193a3f0-0000-7000-8000-00000000b001';
    const pairFields = {
      mentorId: admin.personId,
      menteeIds: [person],
      form: 'учитель–ученик',
      status: 'active',
    };
    const fitFields = {
      pairId: '0193a3f0-0000-7000-8000-00000000b002',
      personId: person,
      fits: false,
      comment: 'Слова стёртого',
    };
    // Made by a server before erasure took everything along: the person deleted, their fit answer live.
    const records = [
      ...own,
      { id: person, type: 'person', fields: {}, stamps: {}, deleted: '2026-11-02T10:00:00.000Z_0000_old' },
      { id: fitFields.pairId, type: 'pair', fields: pairFields, stamps: stamped(pairFields) },
      {
        id: '0193a3f0-0000-7000-8000-00000000b003',
        type: 'fitAnswer',
        fields: fitFields,
        stamps: stamped(fitFields),
      },
    ];
    const r = await call(target, 'POST', '/api/v1/restore', {
      token: admin.token,
      body: { schemaVersion: 1, records },
    });
    expect(r.status).toBe(200);
    const after = (await call(target, 'GET', '/api/v1/export', { token: admin.token })).body
      .records as SyncedRecord[];
    expect(JSON.stringify(after)).not.toContain('Слова стёртого');
    expect(after.find((x) => x.type === 'fitAnswer')?.deleted).toEqual(expect.any(String));
  } finally {
    await target.close();
  }
});

it('an erased mentor’s form statistics go with them, and no new ones are made for them', async () => {
  const teacher = await addMember(server, curator, 'mentor', { fullName: 'Уходящая' }, 'teacher2');
  const form = change(curator.stamper, 'formTemplate', {
    title: 'Закрытая анкета',
    questions: [{ id: 'q', kind: 'scale', min: 1, max: 10 }],
    visibleToMentor: false,
  });
  const setUp = [0, 1, 2, 3].flatMap((i) => {
    const pupil = change(curator.stamper, 'person', { fullName: `Ученик Т${i}`, kind: 'student' });
    const pair = pairChange(curator.stamper, teacher.personId, [pupil.id]);
    const given = change(curator.stamper, 'formAssignment', {
      templateId: form.id,
      personId: pupil.id,
      pairId: pair.id,
      due: null,
    });
    const response = change(curator.stamper, 'formResponse', {
      assignmentId: given.id,
      answers: { q: 5 + i },
      submittedAt: new Date().toISOString(),
    });
    return i < 3 ? [pupil, pair, given, response] : [pupil, pair, given];
  });
  expect((await push(server, curator, [form, ...setUp])).rejected).toEqual([]);
  const statsOf = async () =>
    (await exported()).filter((r) => r.type === 'formStats' && JSON.stringify(r).includes(teacher.personId));
  expect((await statsOf()).filter((r) => r.deleted === undefined)).toHaveLength(1);
  const erase = deletion(curator.stamper, 'person', teacher.personId);
  expect((await push(server, curator, [erase])).rejected).toEqual([]);
  expect((await statsOf()).filter((r) => r.deleted === undefined)).toEqual([]);
  // The fourth pupil answers afterwards (their pair still names the erased mentor): nothing new.
  const last = setUp.at(-1) as { id: string };
  const late = change(curator.stamper, 'formResponse', {
    assignmentId: last.id,
    answers: { q: 9 },
    submittedAt: new Date().toISOString(),
  });
  expect((await push(server, curator, [late])).rejected).toEqual([]);
  expect((await statsOf()).filter((r) => r.deleted === undefined)).toEqual([]);
});

it('a deleted pair takes its meetings and fit answers along: their texts about an erased pupil stay nowhere', async () => {
  const pupil = await addMember(
    server,
    curator,
    'mentee',
    { fullName: 'Стёртый Ученик', kind: 'student' },
    'gone',
  );
  const other = await addMember(
    server,
    curator,
    'mentee',
    { fullName: 'Другой Ученик', kind: 'student' },
    'stays',
  );
  const pair = pairChange(curator.stamper, mentor.personId, [pupil.personId]);
  const kept = pairChange(curator.stamper, mentor.personId, [other.personId]);
  expect((await push(server, curator, [pair, kept])).rejected).toEqual([]);
  await pullAll(server, mentor);
  const meetingOf = (pairId: string, notes: string) =>
    change(mentor.stamper, 'meeting', {
      pairId,
      date: '2026-11-20',
      kind: 'regular',
      durationMin: 40,
      status: 'held',
      notes,
      privateNotes: `${notes}: личное`,
    });
  const met = meetingOf(pair.id, 'СТЕСНЯЕТСЯ-ГОВОРИТ-ТИХО');
  const other1 = meetingOf(kept.id, 'ДРУГАЯ-ПАРА');
  // The mentor's «Подходит ли пара?» answer is about him too.
  const fit = change(mentor.stamper, 'fitAnswer', {
    pairId: pair.id,
    personId: mentor.personId,
    fits: false,
    comment: 'НЕ-ХОДИТ-НА-ВСТРЕЧИ',
  });
  expect((await push(server, mentor, [met, other1, fit])).rejected).toEqual([]);
  await pullAll(server, mentor);
  // The curator's device, as an older app does it, sends the pair's and the person's deletes alone.
  expect(
    (
      await push(server, curator, [
        deletion(curator.stamper, 'pair', pair.id),
        deletion(curator.stamper, 'person', pupil.personId),
      ])
    ).rejected,
  ).toEqual([]);
  const all = JSON.stringify(await exported());
  expect(all).not.toContain('СТЕСНЯЕТСЯ-ГОВОРИТ-ТИХО');
  expect(all).not.toContain('НЕ-ХОДИТ-НА-ВСТРЕЧИ');
  expect(all).toContain('ДРУГАЯ-ПАРА');
  // The mentor's device is told the meeting is gone (the pair left their scope).
  const pulled = await pullAll(server, mentor);
  expect(pulled.purge).toContain(met.id);
  expect(pulled.purge).not.toContain(other1.id);
});

it('no one erases or archives themselves: the push is refused with its reason and they keep syncing', async () => {
  const second = await addMember(server, curator, 'curator', { fullName: 'Второй Куратор' }, 'cur2');
  const selfErase = deletion(second.stamper, 'person', second.personId);
  const selfArchive = change(second.stamper, 'person', { archived: true }, second.personId);
  const answer = await push(server, second, [selfErase, selfArchive]);
  expect(answer.rejected.map((r) => [r.code, r.reason])).toEqual([
    ['forbidden', 'you may not erase or archive yourself: another curator does it'],
    ['forbidden', 'you may not erase or archive yourself: another curator does it'],
  ]);
  expect((await pullAll(server, second)).records.get(second.personId)?.deleted).toBeUndefined();
  // Another curator may.
  expect(
    (await push(server, curator, [change(curator.stamper, 'person', { archived: true }, second.personId)]))
      .rejected,
  ).toEqual([]);
});
