// Every role's read and write rules, scope growth and shrink, consent of minors, sent responses and
// conflict copies, over real HTTP on a real SQLite file.

import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeRecords } from '../../src/domain/merge';
import { responseIdFor } from '../../src/domain/questionnaires/response-id';
import { type Change, emptyRecord, type SyncedRecord } from '../../src/domain/record';
import { PROGRAMME_ID } from '../../src/domain/record-type-names';
import { derivedId } from '../../src/server/secrets';
import { deletion } from '../support/test-device';
import {
  type Actor,
  addMember,
  BOOTSTRAP_CODE,
  call,
  change,
  createStamper,
  enrolWith,
  pullAll,
  push,
  startTestServer,
  type TestServer,
} from '../support/test-server';

let server: TestServer;
let curator: Actor;
let mentorA: Actor;
let mentorB: Actor;
let mentee: Actor;
let pairA: Change;
let pairB: Change;
let planA: Change;

const meeting = (actor: Actor, pairId: string, fields: Record<string, unknown> = {}) =>
  change(actor.stamper, 'meeting', {
    pairId,
    date: '2026-11-25',
    kind: 'regular',
    durationMin: 45,
    notes: 'Разобрали задачи',
    ...fields,
  });

/** A minor and their parents' consent, as a curator records them. */
function minorWithConsent(fullName: string, signedBy: string) {
  const minor = change(curator.stamper, 'person', { fullName, kind: 'student', minor: true });
  const consent = change(curator.stamper, 'consent', {
    personId: minor.id,
    signedBy,
    date: '2026-09-01',
    withdrawn: false,
  });
  return { minor, consent };
}

/** An active pair, as a curator forms it. */
const pairOf = (mentorId: string, menteeIds: string[], form = 'учитель–ученик') =>
  change(curator.stamper, 'pair', { mentorId, menteeIds, form, status: 'active' });

beforeAll(async () => {
  server = await startTestServer();
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
  mentorA = await addMember(server, curator, 'mentor', { fullName: 'Наставник А' }, 'mentorA');
  mentorB = await addMember(server, curator, 'mentor', { fullName: 'Наставник Б' }, 'mentorB');
  mentee = await addMember(
    server,
    curator,
    'mentee',
    { fullName: 'Ученик', kind: 'student', classOrSubject: '8Б' },
    'mentee',
  );
  const otherMentee = change(curator.stamper, 'person', { fullName: 'Другой ученик', kind: 'student' });
  pairA = pairOf(mentorA.personId, [mentee.personId]);
  pairB = pairOf(mentorB.personId, [otherMentee.id]);
  const r = await push(server, curator, [otherMentee, pairA, pairB]);
  expect(r.rejected).toEqual([]);
  planA = change(mentorA.stamper, 'plan', {
    pairId: pairA.id,
    menteeId: mentee.personId,
    title: 'Подготовка к ОГЭ',
  });
  expect((await push(server, mentorA, [planA])).rejected).toEqual([]);
});

afterAll(async () => server.close());

describe('a mentor', () => {
  it('keeps one IDP per mentee of a pair: a plan under any other id is refused, by the hundred as by one', async () => {
    const expected = derivedId('plan', pairA.id, mentee.personId);
    expect(planA.id).toBe(expected);
    const extra = Array.from({ length: 300 }, (_, i) =>
      change(
        mentorA.stamper,
        'plan',
        { pairId: pairA.id, menteeId: mentee.personId, title: `ИПР ${i}` },
        uuidv7(),
      ),
    );
    const answer = await push(server, mentorA, extra);
    expect(answer.rejected).toHaveLength(300);
    expect(answer.rejected[0]).toEqual({
      id: extra[0]?.id,
      code: 'invalid',
      reason: `there is one plan of its kind: its id is ${expected}`,
    });
    const { records } = await pullAll(server, { ...curator, cursor: null });
    expect(
      [...records.values()].filter((r) => r.type === 'plan' && r.fields.pairId === pairA.id),
    ).toHaveLength(1);
    // A plan an older app made offline under an id of its own is kept when it is the first of its kind.
    const menteeB = (pairB.fields.menteeIds as string[])[0] as string;
    const older = change(
      mentorB.stamper,
      'plan',
      { pairId: pairB.id, menteeId: menteeB, title: 'ИПР' },
      uuidv7(),
    );
    expect((await push(server, mentorB, [older])).rejected).toEqual([]);
    const again = change(
      mentorB.stamper,
      'plan',
      { pairId: pairB.id, menteeId: menteeB, title: 'ИПР 2' },
      uuidv7(),
    );
    expect((await push(server, mentorB, [again])).rejected).toEqual([
      { id: again.id, code: 'invalid', reason: `there is one plan of its kind: its id is ${older.id}` },
    ]);
    // Deleted, it leaves room for the derived plan only: copies made deleted do not pile up, nor does
    // the derived id in capitals make a second one.
    expect((await push(server, mentorB, [deletion(mentorB.stamper, 'plan', older.id)])).rejected).toEqual([]);
    const fields = { pairId: pairB.id, menteeId: menteeB, title: 'ИПР' };
    const bornDeleted = Array.from({ length: 20 }, () => ({
      ...change(mentorB.stamper, 'plan', fields, uuidv7()),
      deleted: mentorB.stamper.stamp(),
    }));
    const capitals = change(
      mentorB.stamper,
      'plan',
      fields,
      derivedId('plan', pairB.id, menteeB).toUpperCase(),
    );
    const copies = await push(server, mentorB, [...bornDeleted, capitals]);
    // (An id of the derived kind that is not this record's own is refused as one outside the scope.)
    expect(copies.rejected.map((x) => x.code)).toEqual([...Array(20).fill('invalid'), 'forbidden']);
    const derived = change(mentorB.stamper, 'plan', fields);
    expect((await push(server, mentorB, [derived])).rejected).toEqual([]);
  });

  it('reads their own pairs and the people in them, not another mentor’s pair', async () => {
    const secret = meeting(mentorB, pairB.id, { notes: 'Чужая встреча' });
    expect((await push(server, mentorB, [secret])).rejected).toEqual([]);
    const { records } = await pullAll(server, { ...mentorA, cursor: null });
    expect(records.has(pairA.id)).toBe(true);
    expect(records.has(mentee.personId)).toBe(true);
    expect(records.has(pairB.id)).toBe(false);
    expect(records.has(secret.id)).toBe(false);
    expect([...records.values()].some((r) => r.type === 'consent')).toBe(false);
  });

  it('cannot write into another mentor’s pair, nor write pairs or people', async () => {
    const intrusion = meeting(mentorA, pairB.id);
    const selfPromotion = change(mentorA.stamper, 'pair', {
      mentorId: mentorA.personId,
      menteeIds: [mentee.personId],
      form: 'x',
      status: 'active',
    });
    const rename = change(mentorA.stamper, 'person', { fullName: 'Кто-то' }, mentee.personId);
    const r = await push(server, { ...mentorA }, [intrusion, selfPromotion, rename]);
    expect(r.rejected.map((x) => [x.id, x.code])).toEqual([
      [intrusion.id, 'forbidden'],
      [selfPromotion.id, 'forbidden'],
      [rename.id, 'forbidden'],
    ]);
  });

  it('sees only the shared fields of a mentee’s person record', async () => {
    const { records } = await pullAll(server, { ...mentorA, cursor: null });
    expect(Object.keys(records.get(mentee.personId)?.fields ?? {}).sort()).toEqual([
      'classOrSubject',
      'fullName',
      'kind',
    ]);
  });

  it('may not create invites or export', async () => {
    expect(
      (
        await call(server, 'POST', '/api/v1/invites', {
          token: mentorA.token,
          body: { personId: mentee.personId, role: 'mentor' },
        })
      ).status,
    ).toBe(403);
    expect((await call(server, 'GET', '/api/v1/export', { token: mentorA.token })).status).toBe(403);
  });
});

describe('a mentee', () => {
  it('never receives the mentor’s private notes', async () => {
    const m = meeting(mentorA, pairA.id, { privateNotes: 'Волнуется перед экзаменом', notes: 'Общий план' });
    expect((await push(server, mentorA, [m])).rejected).toEqual([]);
    const { records } = await pullAll(server, { ...mentee, cursor: null });
    const received = records.get(m.id);
    expect(received?.fields.notes).toBe('Общий план');
    expect(received?.fields).not.toHaveProperty('privateNotes');
    expect(received?.stamps).not.toHaveProperty('privateNotes');
    const mentorCopy = (await pullAll(server, { ...mentorA, cursor: null })).records.get(m.id);
    expect(mentorCopy?.fields.privateNotes).toBe('Волнуется перед экзаменом');
  });

  it('a mentor kept on in the pair as its mentee drops the private notes they held', async () => {
    const former = await addMember(server, curator, 'mentor', { fullName: 'Бывший наставник' }, 'former');
    const successor = await addMember(server, curator, 'mentor', { fullName: 'Новый наставник' }, 'next');
    const pupil = change(curator.stamper, 'person', { fullName: 'Ученик пары', kind: 'student' });
    const pair = pairOf(former.personId, [pupil.id]);
    expect((await push(server, curator, [pupil, pair])).rejected).toEqual([]);
    await pullAll(server, former);
    const m = meeting(former, pair.id, { privateNotes: 'Только для наставника' });
    expect((await push(server, former, [m])).rejected).toEqual([]);
    // The device as a device holds it: each page's records merged, then its purge applied.
    const held = new Map<string, SyncedRecord>();
    const sync = async () => {
      for (let i = 0; i < 20; i++) {
        const page = await push(server, former, []);
        for (const r of page.changes)
          held.set(r.id, mergeRecords(held.get(r.id) ?? emptyRecord(r.id, r.type), r));
        for (const id of page.purge) held.delete(id);
        former.cursor = page.cursor;
        if (!page.hasMore) return;
      }
    };
    former.cursor = null;
    await sync();
    expect(held.get(m.id)?.fields.privateNotes).toBe('Только для наставника');
    // The curator hands the pair to another mentor and keeps the former one in it as a mentee.
    const handover = change(
      curator.stamper,
      'pair',
      { mentorId: successor.personId, menteeIds: [pupil.id, former.personId] },
      pair.id,
    );
    expect((await push(server, curator, [handover])).rejected).toEqual([]);
    await sync();
    expect(held.get(m.id)?.fields.notes).toBe('Разобрали задачи');
    expect(held.get(m.id)?.fields).not.toHaveProperty('privateNotes');
  });

  it('may tick a task of their plan and add evidence, but not reword or delete it', async () => {
    const task = change(mentorA.stamper, 'task', {
      planId: planA.id,
      title: 'Решить вариант 1',
      status: 'todo',
      due: '2026-12-01',
    });
    expect((await push(server, mentorA, [task])).rejected).toEqual([]);
    const tick = change(mentee.stamper, 'task', { status: 'done', evidence: 'Решил на 18 баллов' }, task.id);
    const reword = change(mentee.stamper, 'task', { title: 'Ничего не делать' }, task.id);
    const remove = deletion(mentee.stamper, 'task', task.id);
    const r = await push(server, { ...mentee }, [tick, reword, remove]);
    expect(r.rejected.map((x) => x.code)).toEqual(['forbidden', 'forbidden']);
    const { records } = await pullAll(server, { ...mentorA, cursor: null });
    expect(records.get(task.id)?.fields).toMatchObject({
      status: 'done',
      title: 'Решить вариант 1',
      evidence: 'Решил на 18 баллов',
    });
  });

  it('cannot pass another value off under the stamp of someone else’s write', async () => {
    const task = change(mentorA.stamper, 'task', {
      planId: planA.id,
      title: 'Эссе',
      status: 'todo',
      due: null,
    });
    const done = change(mentorA.stamper, 'task', { status: 'done' }, task.id);
    expect((await push(server, mentorA, [task, done])).rejected).toEqual([]);
    const watcher = { ...mentorA, cursor: null };
    await pullAll(server, watcher);
    // The mentee copies the stamp of the mentor's «done» from a pull: the tie would go to «todo».
    const replay = { ...change(mentee.stamper, 'task', { status: 'todo' }, task.id), stamps: done.stamps };
    const r = await push(server, { ...mentee }, [replay]);
    expect(r.rejected).toEqual([
      {
        id: task.id,
        code: 'invalid',
        reason: expect.stringMatching(/status: its stamp is the stored value's own/),
      },
    ]);
    // Every device still agrees: the stored value is the one they all hold, and no pull has news.
    const { records } = await pullAll(server, { ...curator, cursor: null });
    expect(records.get(task.id)?.fields.status).toBe('done');
    expect((await pullAll(server, watcher)).records.size).toBe(0);
    // Nor may anyone who cannot read a field test guesses at it this way: a mentee's guess at the
    // mentor's private notes, under the stamp the mentee sees on the meeting's other fields, is refused
    // alike, right or wrong.
    const m = meeting(mentorA, pairA.id, { privateNotes: 'Тревожится перед ОГЭ' });
    expect((await push(server, mentorA, [m])).rejected).toEqual([]);
    const stamp = m.stamps.notes as string;
    const answers = [];
    for (const guess of [null, 'Всё хорошо', 'Тревожится перед ОГЭ']) {
      const probe = {
        id: m.id,
        type: 'meeting',
        fields: { privateNotes: guess },
        stamps: { privateNotes: stamp },
      };
      answers.push((await push(server, { ...mentee }, [probe])).rejected.map((x) => [x.code, x.reason]));
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
  });

  it('cannot record meetings', async () => {
    const r = await push(server, { ...mentee }, [meeting(mentee, pairA.id)]);
    expect(r.rejected[0]?.code).toBe('forbidden');
  });

  it('answers only forms assigned to them, and a sent response is final', async () => {
    const template = change(curator.stamper, 'formTemplate', {
      title: 'Удовлетворённость',
      questions: [{ id: 'q1', kind: 'scale' }],
      visibleToMentor: false,
    });
    const mine = change(curator.stamper, 'formAssignment', {
      templateId: template.id,
      personId: mentee.personId,
      pairId: pairA.id,
      due: '2026-12-20',
    });
    const theirs = change(curator.stamper, 'formAssignment', {
      templateId: template.id,
      personId: mentorA.personId,
      pairId: pairA.id,
      due: '2026-12-20',
    });
    expect((await push(server, curator, [template, mine, theirs])).rejected).toEqual([]);

    const forged = change(mentee.stamper, 'formResponse', {
      assignmentId: theirs.id,
      answers: { q1: 1 },
      submittedAt: null,
    });
    const response = change(mentee.stamper, 'formResponse', {
      assignmentId: mine.id,
      answers: { q1: 9 },
      submittedAt: '2026-11-25T10:00:00.000Z',
    });
    const r = await push(server, { ...mentee }, [forged, response]);
    expect(r.rejected.map((x) => [x.id, x.code])).toEqual([[forged.id, 'forbidden']]);

    // A retry of the very same values after a lost answer succeeds; a second submission does not.
    const retry = change(
      mentee.stamper,
      'formResponse',
      { answers: { q1: 9 }, submittedAt: '2026-11-25T10:00:00.000Z' },
      response.id,
    );
    const again = change(
      mentee.stamper,
      'formResponse',
      { answers: { q1: 3 }, submittedAt: '2026-11-26T10:00:00.000Z' },
      response.id,
    );
    const twice = await push(server, { ...mentee }, [retry, again]);
    expect(twice.rejected.map((x) => [x.id, x.code])).toEqual([[again.id, 'sent']]);
    // The pair's mentor, who may not read it, is refused as for any record outside their scope: `sent`
    // would tell them the mentee had sent a form closed to them (server-rejection-oracles.test.ts).
    const meddling = change(mentorA.stamper, 'formResponse', { answers: { q1: 1 } }, response.id);
    expect((await push(server, { ...mentorA }, [meddling])).rejected.map((x) => x.code)).toEqual([
      'forbidden',
    ]);

    // The mentor never receives the satisfaction answers; a curator can reopen.
    const mentorView = await pullAll(server, { ...mentorA, cursor: null });
    expect(mentorView.records.has(response.id)).toBe(false);
    const reopen = change(curator.stamper, 'formResponse', { submittedAt: null }, response.id);
    expect((await push(server, curator, [reopen])).rejected).toEqual([]);
    const edit = change(mentee.stamper, 'formResponse', { answers: { q1: 10 } }, response.id);
    expect((await push(server, { ...mentee }, [edit])).rejected).toEqual([]);

    // One response per assignment: a response under another id is refused and changes nothing.
    const second = change(
      mentee.stamper,
      'formResponse',
      { assignmentId: mine.id, answers: { q1: 2 }, submittedAt: '2026-11-27T10:00:00.000Z' },
      uuidv7(),
    );
    expect((await push(server, { ...mentee }, [second])).rejected).toEqual([
      {
        id: second.id,
        code: 'invalid',
        reason: `there is one formResponse of its kind: its id is ${response.id}`,
      },
    ]);
    const { records } = await pullAll(server, { ...curator, cursor: null });
    expect(records.has(second.id)).toBe(false);
  });
});

describe('methodological materials', () => {
  it('curators keep them, every role reads them, and a link is http(s) only', async () => {
    const guide = change(curator.stamper, 'material', {
      title: 'Памятка наставника',
      url: 'https://example.org/pamyatka.pdf',
      description: null,
    });
    const script = change(curator.stamper, 'material', { title: 'Ссылка', url: 'javascript:alert(1)' });
    const r = await push(server, curator, [guide, script]);
    expect(r.rejected.map((x) => [x.id, x.code])).toEqual([[script.id, 'invalid']]);
    for (const reader of [mentorA, mentorB, mentee]) {
      expect((await pullAll(server, { ...reader, cursor: null })).records.get(guide.id)?.fields.title).toBe(
        'Памятка наставника',
      );
    }
    const byMentor = change(mentorA.stamper, 'material', { title: 'Моё пособие' });
    expect((await push(server, { ...mentorA }, [byMentor])).rejected.map((x) => x.code)).toEqual([
      'forbidden',
    ]);
  });
});

describe('scope', () => {
  it('a mentor given a new pair receives its whole history; taken off it, the device is told to drop it', async () => {
    const newMentee = change(curator.stamper, 'person', { fullName: 'Новенькая', kind: 'student' });
    const pairC = pairOf(mentorB.personId, [newMentee.id], 'ученик–ученик');
    expect((await push(server, curator, [newMentee, pairC])).rejected).toEqual([]);
    const history = meeting(mentorB, pairC.id, { notes: 'История пары' });
    expect((await push(server, mentorB, [history])).rejected).toEqual([]);

    const a = { ...mentorA, cursor: null };
    await pullAll(server, a);
    // The curator hands pair C over to mentor A: A's next pull brings its earlier meeting.
    const handover = change(curator.stamper, 'pair', { mentorId: mentorA.personId }, pairC.id);
    expect((await push(server, curator, [handover])).rejected).toEqual([]);
    const grown = await pullAll(server, a);
    expect(grown.records.get(history.id)?.fields.notes).toBe('История пары');
    expect(grown.records.has(newMentee.id)).toBe(true);

    // Handed back: A is told to drop the pair, its meeting and the mentee.
    const back = change(curator.stamper, 'pair', { mentorId: mentorB.personId }, pairC.id);
    expect((await push(server, curator, [back])).rejected).toEqual([]);
    const shrunk = await pullAll(server, a);
    expect(shrunk.purge).toEqual(expect.arrayContaining([pairC.id, history.id, newMentee.id]));
    expect(shrunk.purge).not.toContain(pairA.id);
  });
});

describe('a cursor naming another person’s scope', () => {
  it('lists none of their records in a purge: it is taken as unknown and the pull starts over', async () => {
    const theirs = meeting(mentorB, pairB.id, { notes: 'Встреча пары Б' });
    expect((await push(server, mentorB, [theirs])).rejected).toEqual([]);
    // Mentor B's scope, as a fingerprint anyone could compute from grants they can guess.
    const b = { ...mentorB, cursor: null };
    await pullAll(server, b);
    const scopeB = (b.cursor as unknown as string).split('.')[1];
    const r = await call(server, 'POST', '/api/v1/sync', {
      token: mentee.token,
      body: { cursor: `999999999.${scopeB}`, changes: [] },
    });
    expect(r.status).toBe(200);
    expect(r.body.purge).toEqual([]);
    expect(JSON.stringify(r.body)).not.toContain(theirs.id);
  });
});

describe('a cursor claiming more than was issued', () => {
  it('purges only what the device could hold: nothing made after its mentor left the pair', async () => {
    const pupil = change(curator.stamper, 'person', { fullName: 'Ушедший ученик', kind: 'student' });
    const pairE = pairOf(mentorA.personId, [pupil.id]);
    expect((await push(server, curator, [pupil, pairE])).rejected).toEqual([]);
    const before = meeting(mentorA, pairE.id, { notes: 'При наставнике А' });
    const a = { ...mentorA, cursor: null as string | null };
    expect((await push(server, a, [before])).rejected).toEqual([]);
    await pullAll(server, a);
    const scopeA = (a.cursor as string).split('.')[1];
    // While still the mentor, the device claims far more than exists (the cap must not rise with it).
    for (const claim of [`999999999.${scopeA}`, `0.${scopeA}.t999999999`])
      expect(
        (
          await call(server, 'POST', '/api/v1/sync', {
            token: mentorA.token,
            body: { cursor: claim, changes: [] },
          })
        ).status,
      ).toBe(200);
    // Handed over; the new mentor meets the pupil.
    const handover = change(curator.stamper, 'pair', { mentorId: mentorB.personId }, pairE.id);
    expect((await push(server, curator, [handover])).rejected).toEqual([]);
    const after = meeting(mentorB, pairE.id, { notes: 'При наставнике Б' });
    expect((await push(server, mentorB, [after])).rejected).toEqual([]);
    for (const forged of [`999999999.${scopeA}`, `0.${scopeA}.t999999999`]) {
      const r = await call(server, 'POST', '/api/v1/sync', {
        token: mentorA.token,
        body: { cursor: forged, changes: [] },
      });
      expect(r.status).toBe(200);
      expect(r.body.purge).toEqual(expect.arrayContaining([pairE.id, before.id, pupil.id]));
      expect(r.body.purge).not.toContain(after.id);
    }
  });
});

describe('minors and consent', () => {
  it('a pupil under 18 by the birth date is a minor, whatever the mark says', async () => {
    // A class list's column said «нет» for a pupil of 17 (a walk-through): the birth date decides.
    const pupil = change(curator.stamper, 'person', {
      fullName: 'Павлов Илья',
      kind: 'student',
      minor: false,
      birthDate: '2015-09-09',
    });
    expect((await push(server, curator, [pupil])).rejected).toEqual([]);
    const pair = change(curator.stamper, 'pair', {
      mentorId: mentorA.personId,
      menteeIds: [pupil.id],
      form: 'учитель–ученик',
      status: 'proposed',
    });
    expect((await push(server, curator, [pair])).rejected.map((r) => r.code)).toEqual(['consent']);
    // Paired as an adult (a birth date typed later), he leaves the mentor's device at the next sync.
    const adult = change(curator.stamper, 'person', {
      fullName: 'Павлова Ольга',
      kind: 'student',
      minor: false,
    });
    const paired = change(curator.stamper, 'pair', {
      mentorId: mentorA.personId,
      menteeIds: [adult.id],
      form: 'учитель–ученик',
      status: 'proposed',
    });
    expect((await push(server, curator, [adult, paired])).rejected).toEqual([]);
    const a = { ...mentorA, cursor: null as string | null };
    expect((await pullAll(server, a)).records.has(adult.id)).toBe(true);
    const born = change(curator.stamper, 'person', { birthDate: '2014-03-01' }, adult.id);
    expect((await push(server, curator, [born])).rejected).toEqual([]);
    expect((await pullAll(server, a)).purge).toContain(adult.id);
  });

  it('a minor without parental consent cannot be paired and never reaches a mentor', async () => {
    const minor = change(curator.stamper, 'person', { fullName: 'Маша', kind: 'student', minor: true });
    expect((await push(server, curator, [minor])).rejected).toEqual([]);
    const pair = change(curator.stamper, 'pair', {
      mentorId: mentorA.personId,
      menteeIds: [minor.id],
      form: 'учитель–ученик',
      status: 'proposed',
    });
    const r = await push(server, curator, [pair]);
    expect(r.rejected).toEqual([{ id: pair.id, code: 'consent', reason: expect.stringMatching(/consent/) }]);
    // Adding her to an existing group is refused too.
    const join = change(curator.stamper, 'pair', { menteeIds: [mentee.personId, minor.id] }, pairA.id);
    expect((await push(server, curator, [join])).rejected[0]?.code).toBe('consent');
    expect((await pullAll(server, { ...mentorA, cursor: null })).records.has(minor.id)).toBe(false);

    const consent = change(curator.stamper, 'consent', {
      personId: minor.id,
      signedBy: 'Иванова Е. П. (мать)',
      date: '2026-09-01',
      withdrawn: false,
    });
    const retry = change(curator.stamper, 'pair', pair.fields, pair.id);
    expect((await push(server, curator, [consent, retry])).rejected).toEqual([]);
    const a = { ...mentorA, cursor: null };
    expect((await pullAll(server, a)).records.has(minor.id)).toBe(true);

    // Withdrawn: she leaves the mentor's device at the next sync.
    const withdraw = change(
      curator.stamper,
      'consent',
      { withdrawn: true, withdrawnDate: '2026-11-25' },
      consent.id,
    );
    // Before the withdrawal the mentor met her and started her IDP.
    const met = meeting(mentorA, pair.id, { notes: 'Знакомство' });
    const plan = change(mentorA.stamper, 'plan', { pairId: pair.id, menteeId: minor.id, title: 'ИПР Маши' });
    expect((await push(server, a, [met, plan])).rejected).toEqual([]);
    await pullAll(server, a);
    expect((await push(server, curator, [withdraw])).rejected).toEqual([]);
    // Withdrawn: she, her pair, its meetings and her IDP leave the mentor's device at the next sync,
    // and the mentor can no longer write into the pair; the curator keeps it all.
    const after = await pullAll(server, a);
    expect(after.purge).toEqual(expect.arrayContaining([minor.id, pair.id, met.id, plan.id]));
    expect(after.purge).not.toContain(pairA.id);
    const later = meeting(mentorA, pair.id, { notes: 'После отзыва' });
    expect((await push(server, a, [later])).rejected.map((x) => x.code)).toEqual(['forbidden']);
    const kept = await pullAll(server, { ...curator, cursor: null });
    expect(kept.records.has(met.id) && kept.records.has(plan.id)).toBe(true);
    // A new consent brings them back.
    const again = change(curator.stamper, 'consent', {
      personId: minor.id,
      signedBy: 'Иванов П. С. (отец)',
      date: '2026-11-26',
      withdrawn: false,
    });
    expect((await push(server, curator, [again])).rejected).toEqual([]);
    const back = await pullAll(server, a);
    expect(back.records.has(met.id) && back.records.has(plan.id) && back.records.has(minor.id)).toBe(true);
  });

  it('in a group, a minor whose consent is withdrawn takes their answers and IDP off the mentor’s device', async () => {
    const adult = change(curator.stamper, 'person', { fullName: 'Совершеннолетний', kind: 'student' });
    const { minor, consent } = minorWithConsent('Вика', 'Мама Вики');
    const group = pairOf(mentorB.personId, [adult.id, minor.id]);
    const open = change(curator.stamper, 'formTemplate', {
      title: 'Открытая анкета',
      questions: [{ id: 'q1', kind: 'scale' }],
      visibleToMentor: true,
    });
    const given = change(curator.stamper, 'formAssignment', {
      templateId: open.id,
      personId: minor.id,
      pairId: group.id,
      due: null,
    });
    expect((await push(server, curator, [adult, minor, consent, group, open, given])).rejected).toEqual([]);
    const invite = await call(server, 'POST', '/api/v1/invites', {
      token: curator.token,
      body: { personId: minor.id, role: 'mentee' },
    });
    const vika = await enrolWith(server, invite.body.code as string, 'vika');
    const answer = change(vika.stamper, 'formResponse', {
      assignmentId: given.id,
      answers: { q1: 3 },
      submittedAt: '2026-11-20T10:00:00.000Z',
    });
    expect((await push(server, vika, [answer])).rejected).toEqual([]);
    const b = { ...mentorB, cursor: null as string | null };
    expect((await pullAll(server, b)).records.has(answer.id)).toBe(true);

    const withdraw = change(
      curator.stamper,
      'consent',
      { withdrawn: true, withdrawnDate: '2026-11-25' },
      consent.id,
    );
    expect((await push(server, curator, [withdraw])).rejected).toEqual([]);
    const after = await pullAll(server, b);
    expect(after.purge).toEqual(expect.arrayContaining([minor.id, answer.id]));
    expect(after.purge).not.toContain(group.id);
    // Her IDP is the curator's alone now: refused as a record outside the mentor's scope, whether the
    // curator keeps one or not (server-rejection-oracles.test.ts).
    const plan = change(mentorB.stamper, 'plan', { pairId: group.id, menteeId: minor.id, title: 'ИПР Вики' });
    expect((await push(server, b, [plan])).rejected.map((x) => x.code)).toEqual(['forbidden']);
  });

  it('a mentee who leaves a group takes their IDP, forms and answers off the mentor’s device, consent or not', async () => {
    const mentor = await addMember(server, curator, 'mentor', { fullName: 'Наставник В' }, 'mentorC');
    const [stays, leaves] = await Promise.all(
      ['Остаётся', 'Уходит'].map((fullName, i) =>
        addMember(server, curator, 'mentee', { fullName, kind: 'student' }, `group${i}`),
      ),
    );
    if (!stays || !leaves) throw new Error('two mentees');
    const group = pairOf(mentor.personId, [stays.personId, leaves.personId]);
    const open = change(curator.stamper, 'formTemplate', {
      title: 'Открытая анкета группы',
      questions: [{ id: 'q1', kind: 'scale' }],
      visibleToMentor: true,
    });
    const given = [stays, leaves].map((m) =>
      change(curator.stamper, 'formAssignment', {
        templateId: open.id,
        personId: m.personId,
        pairId: group.id,
        due: null,
      }),
    );
    expect((await push(server, curator, [group, open, ...given])).rejected).toEqual([]);
    const answers = [stays, leaves].map((m, i) =>
      change(m.stamper, 'formResponse', {
        assignmentId: given[i]?.id,
        answers: { q1: 4 },
        submittedAt: '2026-11-20T10:00:00.000Z',
      }),
    );
    for (const [i, m] of [stays, leaves].entries())
      expect((await push(server, m, [answers[i] as Change])).rejected).toEqual([]);
    const plan = change(mentor.stamper, 'plan', {
      pairId: group.id,
      menteeId: leaves.personId,
      title: 'ИПР',
    });
    const task = change(mentor.stamper, 'task', {
      planId: plan.id,
      title: 'Задача',
      status: 'todo',
      due: null,
    });
    expect((await push(server, mentor, [plan, task])).rejected).toEqual([]);
    const device = { ...mentor, cursor: null as string | null };
    const before = await pullAll(server, device);
    const theirs = [leaves.personId, plan.id, task.id, given[1]?.id, answers[1]?.id] as string[];
    const others = [group.id, stays.personId, given[0]?.id, answers[0]?.id] as string[];
    expect([...theirs, ...others].filter((id) => !before.records.has(id))).toEqual([]);

    const leave = change(curator.stamper, 'pair', { menteeIds: [stays.personId] }, group.id);
    const retitle = change(curator.stamper, 'task', { title: 'Задача у куратора' }, task.id);
    expect((await push(server, curator, [leave, retitle])).rejected).toEqual([]);
    const after = await pullAll(server, device);
    expect(after.purge).toEqual(expect.arrayContaining(theirs));
    expect(after.purge.filter((id) => others.includes(id))).toEqual([]);
    // Nothing of theirs comes again, the curator's later edit of their IDP included.
    expect(theirs.filter((id) => after.records.has(id))).toEqual([]);
    // Nor may the mentor write in that IDP any more.
    const edit = change(mentor.stamper, 'task', { title: 'Правка наставника' }, task.id);
    const goal = change(mentor.stamper, 'goal', { planId: plan.id, title: 'Новая цель' });
    expect((await push(server, mentor, [edit, goal])).rejected.map((r) => r.code)).toEqual([
      'forbidden',
      'forbidden',
    ]);
  });

  it('a minor whose person record is deleted stays off the mentor’s device, IDP and answers included', async () => {
    const mentor = await addMember(server, curator, 'mentor', { fullName: 'Наставник Д' }, 'mentorE');
    const adult = change(curator.stamper, 'person', { fullName: 'Взрослый', kind: 'student' });
    const { minor, consent } = minorWithConsent('Маша', 'Мама Маши');
    const group = pairOf(mentor.personId, [adult.id, minor.id]);
    const open = change(curator.stamper, 'formTemplate', {
      title: 'Анкета Маши',
      questions: [{ id: 'q1', kind: 'scale' }],
      visibleToMentor: true,
    });
    const given = change(curator.stamper, 'formAssignment', {
      templateId: open.id,
      personId: minor.id,
      pairId: group.id,
      due: null,
    });
    const answer = change(curator.stamper, 'formResponse', {
      assignmentId: given.id,
      answers: { q1: 2 },
      submittedAt: '2026-11-20T10:00:00.000Z',
    });
    expect(
      (await push(server, curator, [adult, minor, consent, group, open, given, answer])).rejected,
    ).toEqual([]);
    const plan = change(mentor.stamper, 'plan', { pairId: group.id, menteeId: minor.id, title: 'ИПР Маши' });
    const task = change(mentor.stamper, 'task', {
      planId: plan.id,
      title: 'Задача',
      status: 'todo',
      due: null,
    });
    expect((await push(server, mentor, [plan, task])).rejected).toEqual([]);
    const device = { ...mentor, cursor: null as string | null };
    await pullAll(server, device);
    const withdraw = change(curator.stamper, 'consent', { withdrawn: true }, consent.id);
    expect((await push(server, curator, [withdraw])).rejected).toEqual([]);
    await pullAll(server, device);
    expect((await push(server, curator, [deletion(curator.stamper, 'person', minor.id)])).rejected).toEqual(
      [],
    );
    const after = await pullAll(server, device);
    const hers = [minor.id, plan.id, task.id, given.id, answer.id];
    expect(hers.filter((id) => after.records.has(id))).toEqual([]);
    expect((await pullAll(server, { ...mentor, cursor: null })).records.has(answer.id)).toBe(false);
    const edit = change(mentor.stamper, 'task', { title: 'Правка' }, task.id);
    expect((await push(server, mentor, [edit])).rejected.map((r) => r.code)).toEqual(['forbidden']);
  });

  it('a minor whose consent is withdrawn keeps nothing on their own device and writes nothing more', async () => {
    const mentor = await addMember(server, curator, 'mentor', { fullName: 'Наставник Е' }, 'mentorF');
    const { minor, consent } = minorWithConsent('Коля', 'Папа Коли');
    const pair = pairOf(mentor.personId, [minor.id]);
    expect((await push(server, curator, [minor, consent, pair])).rejected).toEqual([]);
    const plan = change(mentor.stamper, 'plan', { pairId: pair.id, menteeId: minor.id, title: 'ИПР Коли' });
    const task = change(mentor.stamper, 'task', {
      planId: plan.id,
      title: 'Задача',
      status: 'todo',
      due: null,
    });
    expect((await push(server, mentor, [plan, task, meeting(mentor, pair.id)])).rejected).toEqual([]);
    const invite = await call(server, 'POST', '/api/v1/invites', {
      token: curator.token,
      body: { personId: minor.id, role: 'mentee' },
    });
    const kolya = await enrolWith(server, invite.body.code as string, 'kolya');
    const device = { ...kolya, cursor: null as string | null };
    expect((await pullAll(server, device)).records.has(plan.id)).toBe(true);

    const withdraw = change(curator.stamper, 'consent', { withdrawn: true }, consent.id);
    expect((await push(server, curator, [withdraw])).rejected).toEqual([]);
    const after = await pullAll(server, device);
    expect(after.purge).toEqual(expect.arrayContaining([pair.id, plan.id, task.id]));
    const fresh = await pullAll(server, { ...kolya, cursor: null });
    expect([...fresh.records.values()].filter((r) => !['formTemplate', 'material'].includes(r.type))).toEqual(
      [],
    );
    const evidence = change(kolya.stamper, 'task', { status: 'done', evidence: 'Сделал' }, task.id);
    expect((await push(server, kolya, [evidence])).rejected.map((r) => r.code)).toEqual(['forbidden']);
  });

  it('a minor without consent who enrols gets no personal data on their own device either', async () => {
    const minor = change(curator.stamper, 'person', { fullName: 'Петя', kind: 'student', minor: true });
    expect((await push(server, curator, [minor])).rejected).toEqual([]);
    const invite = await call(server, 'POST', '/api/v1/invites', {
      token: curator.token,
      body: { personId: minor.id, role: 'mentee' },
    });
    const enrolled = await call(server, 'POST', '/api/v1/enrol', {
      body: { code: invite.body.code, deviceName: 'телефон Пети' },
    });
    expect(enrolled.status).toBe(200);
    expect(enrolled.body.person).toEqual({ id: minor.id, type: 'person', fields: {}, stamps: {} });
  });
});

describe('conflict copies', () => {
  it('keeps the losing text of two concurrent edits of meeting notes for its author', async () => {
    const m = meeting(mentorA, pairA.id, { notes: 'Исходный текст' });
    const a = { ...mentorA, cursor: null };
    expect((await push(server, a, [m])).rejected).toEqual([]);
    await pullAll(server, a);
    const c = { ...curator, cursor: null };
    await pullAll(server, c);

    // Both edit offline from the same version; the mentor's edit is older and syncs last.
    const offlineClock = createStamper('mentorA', () => Date.now() - 60_000);
    const mentorEdit = change(offlineClock, 'meeting', { notes: 'Текст наставника' }, m.id);
    const curatorEdit = change(c.stamper, 'meeting', { notes: 'Текст куратора' }, m.id);
    expect((await push(server, c, [curatorEdit])).rejected).toEqual([]);
    const r = await push(server, a, [mentorEdit]);
    expect(r.rejected).toEqual([]);
    const { records } = await pullAll(server, a);
    expect(records.get(m.id)?.fields.notes).toBe('Текст куратора');
    const copies = [...records.values()].filter((x) => x.type === 'conflict');
    expect(copies).toHaveLength(1);
    expect(copies[0]?.fields).toMatchObject({
      recordId: m.id,
      field: 'notes',
      text: 'Текст наставника',
      authorId: mentorA.personId,
    });

    // A sequential edit (after seeing the other text) makes no copy.
    const informed = change(a.stamper, 'meeting', { notes: 'Текст куратора и наставника' }, m.id);
    await push(server, a, [informed]);
    const later = await pullAll(server, a);
    expect([...later.records.values()].filter((x) => x.type === 'conflict')).toHaveLength(0);
  });

  it('keeps a text the device never received, though it was written before the page it pulled to', async () => {
    const mentor = await addMember(server, curator, 'mentor', { fullName: 'Наставник Г' }, 'mentorD');
    const pupil = change(curator.stamper, 'person', { fullName: 'Ученик Г', kind: 'student' });
    const pair = pairOf(mentor.personId, [pupil.id]);
    expect((await push(server, curator, [pupil, pair])).rejected).toEqual([]);
    const x = meeting(mentor, pair.id, { notes: 'Текст А' });
    const phone = { ...mentor, cursor: null as string | null };
    expect((await push(server, phone, [x])).rejected).toEqual([]);
    await pullAll(server, phone);
    // The curator rewrites the notes, adds a page's worth of meetings, then changes the meeting again:
    // it moves past them in revision order.
    const rewrite = change(curator.stamper, 'meeting', { notes: 'Текст куратора Б' }, x.id);
    const others = Array.from({ length: 500 }, (_, i) =>
      meeting(curator, pair.id, { notes: `Встреча ${i}`, date: '2026-02-01' }),
    );
    expect((await push(server, curator, [rewrite])).rejected).toEqual([]);
    expect((await push(server, curator, others)).rejected).toEqual([]);
    const moved = change(curator.stamper, 'meeting', { durationMin: 60 }, x.id);
    expect((await push(server, curator, [moved])).rejected).toEqual([]);
    // The phone pulls one page, then types over the text it holds, from that page's cursor.
    const page = await push(server, phone, []);
    phone.cursor = page.cursor;
    const received = page.changes.find((r) => r.id === x.id)?.fields.notes;
    const typed = change(mentor.stamper, 'meeting', { notes: 'Текст наставника В' }, x.id);
    expect((await push(server, phone, [typed])).rejected).toEqual([]);
    const { records } = await pullAll(server, { ...curator, cursor: null });
    const kept = [
      records.get(x.id)?.fields.notes,
      ...[...records.values()].filter((r) => r.type === 'conflict').map((r) => r.fields.text),
    ];
    // Either the phone was sent the curator's text before it typed, or that text is still kept.
    expect(received === 'Текст куратора Б' || kept.includes('Текст куратора Б')).toBe(true);
  });

  it('keeps the losing text of a minor mentor whose consent lapsed, and gives it back with the consent', async () => {
    const { minor, consent } = minorWithConsent('Наставник-школьник', 'Мама');
    const pupil = change(curator.stamper, 'person', { fullName: 'Подопечный', kind: 'student' });
    const pair = pairOf(minor.id, [pupil.id], 'ученик–ученик');
    expect((await push(server, curator, [minor, consent, pupil, pair])).rejected).toEqual([]);
    const invite = await call(server, 'POST', '/api/v1/invites', {
      token: curator.token,
      body: { personId: minor.id, role: 'mentor' },
    });
    const young = await enrolWith(server, invite.body.code as string, 'young');
    const m = meeting(young, pair.id, { notes: 'Текст школьника' });
    expect((await push(server, young, [m])).rejected).toEqual([]);
    const withdraw = change(curator.stamper, 'consent', { withdrawn: true }, consent.id);
    expect((await push(server, curator, [withdraw])).rejected).toEqual([]);
    // The curator, not having seen that text, writes over it.
    const over = change(curator.stamper, 'meeting', { notes: 'Текст куратора' }, m.id);
    expect((await push(server, { ...curator, cursor: null }, [over])).rejected).toEqual([]);
    const again = change(curator.stamper, 'consent', {
      personId: minor.id,
      signedBy: 'Мама',
      date: '2026-12-01',
      withdrawn: false,
    });
    expect((await push(server, curator, [again])).rejected).toEqual([]);
    const { records } = await pullAll(server, { ...young, cursor: null });
    const copies = [...records.values()].filter((r) => r.type === 'conflict' && r.fields.recordId === m.id);
    expect(copies.map((c) => c.fields.text)).toEqual(['Текст школьника']);
  });

  it('keeps a mentor’s losing text about a minor whose consent was withdrawn for curators, not the mentor', async () => {
    const mentor = await addMember(server, curator, 'mentor', { fullName: 'Наставник Ж' }, 'mentorG');
    const { minor, consent } = minorWithConsent('Лиза', 'Мама Лизы');
    const pair = pairOf(mentor.personId, [minor.id]);
    expect((await push(server, curator, [minor, consent, pair])).rejected).toEqual([]);
    const m = meeting(mentor, pair.id, { notes: 'Заметки о Лизе' });
    expect((await push(server, mentor, [m])).rejected).toEqual([]);
    const withdraw = change(curator.stamper, 'consent', { withdrawn: true }, consent.id);
    expect((await push(server, curator, [withdraw])).rejected).toEqual([]);
    const over = change(curator.stamper, 'meeting', { notes: 'Текст куратора о встрече' }, m.id);
    expect((await push(server, { ...curator, cursor: null }, [over])).rejected).toEqual([]);
    const mentorView = await pullAll(server, { ...mentor, cursor: null });
    expect([...mentorView.records.values()].filter((r) => r.fields.recordId === m.id)).toEqual([]);
    const curatorView = await pullAll(server, { ...curator, cursor: null });
    const kept = [...curatorView.records.values()].filter(
      (r) => r.type === 'conflict' && r.fields.recordId === m.id,
    );
    expect(kept.map((c) => c.fields.text)).toEqual(['Заметки о Лизе']);
  });

  it('never goes to an author taken off the pair: the record is theirs to read no more', async () => {
    // A pair of its own, so that handing it over touches no other test.
    const pupil = change(curator.stamper, 'person', { fullName: 'Переведённый ученик', kind: 'student' });
    const pairD = pairOf(mentorA.personId, [pupil.id]);
    expect((await push(server, curator, [pupil, pairD])).rejected).toEqual([]);
    const m = meeting(mentorA, pairD.id, { notes: 'Текст наставника А' });
    expect((await push(server, mentorA, [m])).rejected).toEqual([]);
    // Handed over to mentor B; then the curator, who had not seen A's text, edits the notes.
    const handover = change(curator.stamper, 'pair', { mentorId: mentorB.personId }, pairD.id);
    expect((await push(server, curator, [handover])).rejected).toEqual([]);
    const blind = change(curator.stamper, 'meeting', { notes: 'Текст куратора' }, m.id);
    expect((await push(server, { ...curator, cursor: null }, [blind])).rejected).toEqual([]);
    const { records } = await pullAll(server, { ...mentorA, cursor: null });
    expect([...records.values()].filter((x) => x.type === 'conflict' && x.fields.recordId === m.id)).toEqual(
      [],
    );
    expect(records.has(m.id)).toBe(false);
    // Not lost for all that: the curators keep it.
    const school = await pullAll(server, { ...curator, cursor: null });
    expect(
      [...school.records.values()]
        .filter((x) => x.type === 'conflict' && x.fields.recordId === m.id)
        .map((x) => [x.fields.text, x.fields.authorId]),
    ).toEqual([['Текст наставника А', mentorA.personId]]);
  });

  it('text typed into a meeting deleted meanwhile is kept for its author; deleting it again is no error', async () => {
    const m = meeting(mentorA, pairA.id, { notes: 'До удаления' });
    const a = { ...mentorA, cursor: null as string | null };
    expect((await push(server, a, [m])).rejected).toEqual([]);
    await pullAll(server, a);
    const c = { ...curator, cursor: null as string | null };
    await pullAll(server, c); // the curator deletes what they have seen (else the notes come back too)
    expect((await push(server, c, [deletion(c.stamper, 'meeting', m.id)])).rejected).toEqual([]);

    const typed = change(a.stamper, 'meeting', { notes: 'Набрано, пока встречу удаляли' }, m.id);
    const r = await push(server, a, [typed, deletion(a.stamper, 'meeting', m.id)]);
    expect(r.rejected).toEqual([]);
    const { records } = await pullAll(server, { ...mentorA, cursor: null });
    expect(records.get(m.id)).toMatchObject({ fields: {}, deleted: expect.any(String) });
    const copies = [...records.values()].filter((x) => x.type === 'conflict' && x.fields.recordId === m.id);
    expect(copies.map((x) => x.fields.text)).toEqual(['Набрано, пока встречу удаляли']);
  });

  it('a device that pulled after typing names its older base, and its text that lost is still kept', async () => {
    const m = meeting(mentorA, pairA.id, { notes: 'Основа' });
    const a = { ...mentorA, cursor: null as string | null };
    await push(server, a, [m]);
    await pullAll(server, a);
    const base = a.cursor;
    const typed = change(
      createStamper('mentorA', () => Date.now() - 60_000),
      'meeting',
      { notes: 'Набрано до синхронизации' },
      m.id,
    );
    // Meanwhile the curator rewrites the notes, and the mentor's device pulls that before pushing.
    const c = { ...curator, cursor: null as string | null };
    await push(server, c, [change(c.stamper, 'meeting', { notes: 'Правка куратора' }, m.id)]);
    await pullAll(server, a);
    const r = await call(server, 'POST', '/api/v1/sync', {
      token: a.token,
      body: { cursor: a.cursor, base, changes: [typed] },
    });
    expect(r.status).toBe(200);
    const copies = (r.body.changes as { type: string; fields: Record<string, unknown> }[]).filter(
      (x) => x.type === 'conflict',
    );
    expect(copies.map((x) => x.fields.text)).toEqual(['Набрано до синхронизации']);
    const bad = await call(server, 'POST', '/api/v1/sync', {
      token: a.token,
      body: { cursor: a.cursor, base: 'nonsense', changes: [] },
    });
    expect(bad.status).toBe(400);
  });
});

describe('writes into a deleted record', () => {
  it('are absorbed only from someone who could have written it; anyone else is refused and nothing changes', async () => {
    const m = meeting(mentorA, pairA.id, { notes: 'Удалят' });
    expect((await push(server, { ...mentorA }, [m])).rejected).toEqual([]);
    expect(
      (await push(server, { ...mentorA }, [deletion(mentorA.stamper, 'meeting', m.id)])).rejected,
    ).toEqual([]);
    const exported = async () =>
      JSON.stringify(
        (
          (await call(server, 'GET', '/api/v1/export', { token: curator.token })).body.records as Change[]
        ).find((r) => r.id === m.id),
      );
    const before = await exported();
    expect(JSON.parse(before)).toMatchObject({ fields: {}, deleted: expect.any(String) });

    // Another pair's mentor, and this pair's mentee (who never writes meetings): re-stamping the delete,
    // typing into it.
    const outsiders = [mentorB, mentee];
    for (const actor of outsiders) {
      const restamp = deletion(actor.stamper, 'meeting', m.id);
      const typing = change(actor.stamper, 'meeting', { notes: 'Набрано' }, m.id);
      const r = await push(server, { ...actor }, [restamp, typing]);
      expect(r.rejected.map((x) => x.code)).toEqual(['forbidden', 'forbidden']);
    }
    expect(await exported()).toBe(before);

    // The pair's mentor (who could have written it) is absorbed: a later delete stamp merges.
    const again = deletion(mentorA.stamper, 'meeting', m.id);
    expect((await push(server, { ...mentorA }, [again])).rejected).toEqual([]);
    expect(JSON.parse(await exported()).deleted).toBe(again.deleted);
  });
});

describe('ids derived from other records', () => {
  /** A form whose answers mentors do not read, assigned to the mentee of pair A; its response's id. */
  async function closedFormOfMentee(title: string, kind: 'scale' | 'yesNo') {
    const template = change(curator.stamper, 'formTemplate', {
      title,
      questions: [{ id: 'q1', kind }],
      visibleToMentor: false,
    });
    const assignment = change(curator.stamper, 'formAssignment', {
      templateId: template.id,
      personId: mentee.personId,
      pairId: pairA.id,
      due: null,
    });
    expect((await push(server, curator, [template, assignment])).rejected).toEqual([]);
    return { assignment, responseId: responseIdFor(assignment.id) as string };
  }

  it('are kept for the records they are derived for: a mentor’s or mentee’s other record under one is refused', async () => {
    const { assignment, responseId } = await closedFormOfMentee('Анкета о встречах', 'scale');
    const fit = { pairId: pairA.id, personId: mentee.personId, fits: true };
    const squats: [Actor, Change][] = [
      // The school's one programme record…
      [mentee, change(mentee.stamper, 'fitAnswer', fit, PROGRAMME_ID)],
      // …the mentee's one response to the form, taken by the mentor to keep them from answering…
      [mentorA, { ...meeting(mentorA, pairA.id), id: responseId }],
      // …and the id of the conflict copy the server would make of someone's losing text.
      [mentee, change(mentee.stamper, 'fitAnswer', fit, derivedId('conflict', uuidv7(), 'notes', 'stamp'))],
      [mentorA, { ...meeting(mentorA, pairA.id), id: derivedId('plan', pairA.id, 'someone else') }],
    ];
    // Refused as records outside the caller's scope: the id may be someone else's record, whose absence
    // an answer of its own («derived from other records») would tell.
    for (const [actor, squat] of squats) {
      const { rejected } = await push(server, actor, [squat]);
      expect(rejected, squat.id).toEqual([
        { id: squat.id, code: 'forbidden', reason: 'you may not write this record' },
      ]);
    }
    // The records those ids are for are still made.
    const programme = change(
      curator.stamper,
      'programme',
      { schoolYear: '2026-2027', studentsTotal: 500, teachersTotal: 40 },
      PROGRAMME_ID,
    );
    const response = change(
      mentee.stamper,
      'formResponse',
      { assignmentId: assignment.id, answers: { q1: 7 }, submittedAt: '2026-11-26T10:00:00.000Z' },
      responseId,
    );
    expect((await push(server, curator, [programme])).rejected).toEqual([]);
    expect((await push(server, mentee, [response])).rejected).toEqual([]);
    // A roster made by another system may come with ids of version 8: a curator's records take them.
    const imported = change(
      curator.stamper,
      'person',
      { fullName: 'Из другой системы', kind: 'student' },
      derivedId('roster', 'pupil-1'),
    );
    expect((await push(server, curator, [imported])).rejected).toEqual([]);
  });

  it('someone else’s response or IDP is refused alike whether it was begun or not', async () => {
    const { assignment, responseId } = await closedFormOfMentee('Закрытая анкета', 'yesNo');
    // Whole changes, and parts of one (a new record without its required fields is refused for them).
    const responseProbes = [
      { assignmentId: assignment.id, answers: { q1: true }, submittedAt: null },
      { answers: { q1: true } },
      { submittedAt: '2026-11-26T10:00:00.000Z' },
    ];
    const refusals = async (actor: Actor, id: string, type: string, probes: Record<string, unknown>[]) => {
      const answers = [];
      for (const fields of probes)
        answers.push((await push(server, actor, [change(actor.stamper, type, fields, id)])).rejected);
      return answers;
    };
    const notBegun = await refusals(mentorA, responseId, 'formResponse', responseProbes);
    const draft = change(
      mentee.stamper,
      'formResponse',
      { assignmentId: assignment.id, answers: { q1: false }, submittedAt: null },
      responseId,
    );
    expect((await push(server, mentee, [draft])).rejected).toEqual([]);
    expect(notBegun[0]).toEqual([
      { id: responseId, code: 'forbidden', reason: 'you may not write this record' },
    ]);
    expect(await refusals(mentorA, responseId, 'formResponse', responseProbes)).toEqual(notBegun);

    // The IDP of a mentee of another pair, by its derived id: the same answers before it is made and after.
    const otherMenteeId = (pairB.fields.menteeIds as string[])[0] as string;
    const planId = derivedId('plan', pairB.id, otherMenteeId);
    const planProbes = [{ pairId: pairB.id, menteeId: otherMenteeId, title: 'ИПР' }, { title: 'ИПР' }];
    const before = await refusals(mentorA, planId, 'plan', planProbes);
    expect(before[0]).toEqual([{ id: planId, code: 'forbidden', reason: 'you may not write this record' }]);
    const plan = change(
      mentorB.stamper,
      'plan',
      { pairId: pairB.id, menteeId: otherMenteeId, title: 'ИПР другого' },
      planId,
    );
    expect((await push(server, mentorB, [plan])).rejected).toEqual([]);
    expect(await refusals(mentorA, planId, 'plan', planProbes)).toEqual(before);
  });
});
