// Forms on the server: the built-in questionnaires are there from the start; a mentor sees only the
// averages of at least three of their mentees' answers, never a response.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, SyncedRecord } from '../../src/domain/record';
import {
  type Actor,
  addMember,
  BOOTSTRAP_CODE,
  call,
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
const mentees: Actor[] = [];
let template: SyncedRecord;
let groupId: string;
const assignments = new Map<string, string>();

beforeAll(async () => {
  server = await startTestServer();
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
  mentor = await addMember(server, curator, 'mentor', { fullName: 'Наставница' }, 'mentor');
  for (let i = 0; i < 3; i++)
    mentees.push(
      await addMember(server, curator, 'mentee', { fullName: `Ученик ${i}`, kind: 'student' }, `mentee${i}`),
    );
  const group = change(curator.stamper, 'pair', {
    mentorId: mentor.personId,
    menteeIds: mentees.map((m) => m.personId),
    form: 'учитель–ученик',
    status: 'active',
  });
  await push(server, curator, [group]);
  groupId = group.id;
  const { records } = await pullAll(server, { ...curator, cursor: null });
  template = [...records.values()].find(
    (r) => r.type === 'formTemplate' && r.fields.builtIn === 'final-mentee',
  ) as SyncedRecord;
  const toAssign = mentees.map((m) =>
    change(curator.stamper, 'formAssignment', {
      templateId: template.id,
      personId: m.personId,
      pairId: group.id,
      due: '2027-03-20',
    }),
  );
  expect((await push(server, curator, toAssign)).rejected).toEqual([]);
  for (const [i, a] of toAssign.entries()) assignments.set(mentees[i]?.personId as string, a.id);
});
afterAll(async () => server.close());

const answer = (m: Actor, comfort: number) =>
  change(m.stamper, 'formResponse', {
    assignmentId: assignments.get(m.personId),
    answers: {
      expectations: 8,
      comfort,
      usefulness: 9,
      progress: 7,
      learnt: 'Много нового',
      goalsReached: 'В основном',
      continue: true,
      recommend: 9,
    },
    submittedAt: new Date().toISOString(),
    templateVersion: 1,
  });

/** A form whose answers mentors see only as statistics (`visibleToMentor: false`). */
const closedForm = (title: string, questions: unknown[]) =>
  change(curator.stamper, 'formTemplate', { title, questions, visibleToMentor: false });

/** The form assigned to each of `people` in the pair `pairId`, with no due date. */
const assignEach = (templateId: string, people: readonly Actor[], pairId = groupId) =>
  people.map((m) =>
    change(curator.stamper, 'formAssignment', { templateId, personId: m.personId, pairId, due: null }),
  );

/**
 * `count` new mentees in one pair with the mentor, each given a closed form of one 1–10 question `q`:
 * named `<name> <i>`, enrolled as `<node><i>`.
 */
async function closedFormGroup(count: number, name: string, node: string, title: string) {
  const pupils = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      addMember(server, curator, 'mentee', { fullName: `${name} ${i}`, kind: 'student' }, `${node}${i}`),
    ),
  );
  const pair = change(curator.stamper, 'pair', {
    mentorId: mentor.personId,
    menteeIds: pupils.map((p) => p.personId),
    form: 'учитель–ученик',
    status: 'active',
  });
  const form = closedForm(title, [{ id: 'q', kind: 'scale', min: 1, max: 10 }]);
  const given = assignEach(form.id, pupils, pair.id);
  expect((await push(server, curator, [pair, form, ...given])).rejected).toEqual([]);
  return { pupils, pair, form, given };
}

/** `m` sends their answers to an assignment, now, and the server takes them. */
async function sendAnswers(m: Actor, assignmentId: string | undefined, answers: unknown) {
  const response = change(m.stamper, 'formResponse', {
    assignmentId,
    answers,
    submittedAt: new Date().toISOString(),
    templateVersion: 1,
  });
  expect((await push(server, m, [response])).rejected).toEqual([]);
}

/** The statistics of a form as `viewer`'s device receives them. */
async function statsOf(viewer: Actor, templateId: string) {
  const { records } = await pullAll(server, { ...viewer, cursor: null });
  return [...records.values()].find((r) => r.type === 'formStats' && r.fields.templateId === templateId);
}

describe('forms', () => {
  it('every school has the six built-in questionnaires, readable by everyone enrolled', async () => {
    const { records } = await pullAll(server, { ...(mentees[0] as Actor), cursor: null });
    const builtIn = [...records.values()]
      .filter((r) => r.type === 'formTemplate')
      .map((r) => r.fields.builtIn)
      .sort();
    expect(builtIn).toEqual([
      'final-mentee',
      'final-mentor',
      'intake-mentee',
      'intake-mentor',
      'interim',
      'preference',
    ]);
  });

  it('a mentor gets averages only from three responses on, and never the responses', async () => {
    const m = { ...mentor, cursor: null };
    const [a, b, c] = mentees as [Actor, Actor, Actor];
    const first = answer(a, 10);
    await push(server, a, [first]);
    await push(server, b, [answer(b, 6)]);
    let view = await pullAll(server, m);
    expect(
      [...view.records.values()].filter((r) => r.type === 'formStats' || r.type === 'formResponse'),
    ).toEqual([]);

    await push(server, c, [answer(c, 8)]);
    view = await pullAll(server, m);
    const stats = [...view.records.values()].filter((r) => r.type === 'formStats');
    expect(stats).toHaveLength(1);
    expect(stats[0]?.fields).toMatchObject({
      templateId: template.id,
      mentorId: mentor.personId,
      responses: 3,
    });
    expect(stats[0]?.fields.averages).toMatchObject({ comfort: 8, continue: 100 });
    expect([...view.records.values()].some((r) => r.type === 'formResponse')).toBe(false);

    // Reopened by the curator, one response no longer counts: the averages go away again.
    await push(server, curator, [change(curator.stamper, 'formResponse', { submittedAt: null }, first.id)]);
    const after = await pullAll(server, m);
    const emptied = [...after.records.values()].find((r) => r.type === 'formStats');
    expect(emptied?.fields).toMatchObject({ responses: 0, averages: {} });
  });

  it('a second submission of a sent response is refused, and so is a mentor writing statistics', async () => {
    const [, b] = mentees as [Actor, Actor];
    const again = answer(b, 1);
    const { records } = await pullAll(server, { ...b, cursor: null });
    const sent = [...records.values()].find((r) => r.type === 'formResponse') as SyncedRecord;
    const second = await push(server, b, [{ ...again, id: sent.id }]);
    expect(second.rejected).toEqual([{ id: sent.id, code: 'sent', reason: expect.stringMatching(/sent/) }]);
    const forged = change(mentor.stamper, 'formStats', {
      templateId: template.id,
      mentorId: mentor.personId,
      responses: 99,
      averages: {},
    });
    expect((await push(server, mentor, [forged])).rejected[0]?.code).toBe('forbidden');
  });

  it('statistics and district summaries are made by the server alone, and hold no number a backup could not restore', async () => {
    const summary = change(curator.stamper, 'schoolSummary', {
      schoolId: curator.personId,
      schoolName: 'Школа',
      computedAt: '2026-11-30T10:00:00.000Z',
      satisfactionMentees: 9,
    });
    expect((await push(server, curator, [summary])).rejected).toEqual([
      { id: summary.id, code: 'forbidden', reason: 'schoolSummary records are made by the server' },
    ]);
    // Three answers far past the scale: no answer on it, so no average that would not fit a number.
    const closed = closedForm('Анкета с огромными числами', [{ id: 'huge', kind: 'scale' }]);
    const given = assignEach(closed.id, mentees);
    expect((await push(server, curator, [closed, ...given])).rejected).toEqual([]);
    for (const [i, m] of mentees.entries()) await sendAnswers(m, given[i]?.id, { huge: 1e308 });
    expect((await statsOf(mentor, closed.id))?.fields).toMatchObject({ responses: 3, averages: {} });
    // The school's backup restores on an empty server.
    const empty = await startTestServer();
    try {
      const fresh = await enrolWith(empty, BOOTSTRAP_CODE, 'restorer');
      const backup = (await call(server, 'GET', '/api/v1/export', { token: curator.token })).body;
      const restored = await call(empty, 'POST', '/api/v1/restore', { token: fresh.token, body: backup });
      expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    } finally {
      await empty.close();
    }
  });

  it('a questionnaire from another app whose questions hold values that are no questions still takes answers', async () => {
    // The contract leaves the questions' shape to each app: the server bounds them and nothing more.
    const other = closedForm('Анкета другого приложения', [null, 'вопрос', { id: 'mood', kind: 'scale' }]);
    const given = assignEach(other.id, mentees);
    expect((await push(server, curator, [other, ...given])).rejected).toEqual([]);
    for (const [i, m] of mentees.entries()) await sendAnswers(m, given[i]?.id, { mood: 6 + i });
    expect((await statsOf(mentor, other.id))?.fields).toMatchObject({ responses: 3, averages: { mood: 7 } });
  });

  it("one pupil's answers never become a mentor's statistics: each mentee counts once, by their latest response", async () => {
    // The same closed form assigned to one mentee each term, three times: three sent responses, one pupil.
    const closed = closedForm('Анкета удовлетворённости', [{ id: 'mood', kind: 'scale' }]);
    const [a, b, c] = mentees as [Actor, Actor, Actor];
    const terms = assignEach(closed.id, [a, a, a]);
    expect((await push(server, curator, [closed, ...terms])).rejected).toEqual([]);
    const respond = (m: Actor, assignmentId: string, mood: number, at: string) =>
      change(m.stamper, 'formResponse', {
        assignmentId,
        answers: { mood },
        submittedAt: at,
        templateVersion: 1,
      });
    // All three in one push, as a phone that was offline all year sends them.
    const sentByA = terms.map((t, i) =>
      respond(a, t.id, [2, 4, 9][i] as number, `2027-0${i + 1}-10T10:00:00.000Z`),
    );
    expect((await push(server, a, sentByA)).rejected).toEqual([]);
    expect(await statsOf(mentor, closed.id)).toBeUndefined();

    // Two more pupils answer: three respondents, each counted once, A by their latest answer (9).
    for (const [m, mood] of [
      [b, 5],
      [c, 7],
    ] as const) {
      const [given] = assignEach(closed.id, [m]) as [Change];
      expect((await push(server, curator, [given])).rejected).toEqual([]);
      expect(
        (await push(server, m, [respond(m, given.id, mood, '2027-03-11T10:00:00.000Z')])).rejected,
      ).toEqual([]);
    }
    expect((await statsOf(mentor, closed.id))?.fields).toMatchObject({ responses: 3, averages: { mood: 7 } });
  });

  it("a mentor cannot tell one pupil's answer from the figures before and after it", async () => {
    const teacher = await addMember(server, curator, 'mentor', { fullName: 'Второй наставник' }, 'mentor2');
    const pupils: Actor[] = [];
    for (let i = 0; i < 6; i++)
      pupils.push(
        await addMember(
          server,
          curator,
          'mentee',
          { fullName: `Ученица ${i}`, kind: 'student' },
          `pupil${i}`,
        ),
      );
    const group = change(curator.stamper, 'pair', {
      mentorId: teacher.personId,
      menteeIds: pupils.map((p) => p.personId),
      form: 'учитель–ученик',
      status: 'active',
    });
    const closed = closedForm('Анкета о наставнике', [{ id: 'trust', kind: 'scale' }]);
    const given = assignEach(closed.id, pupils, group.id);
    expect((await push(server, curator, [group, closed, ...given])).rejected).toEqual([]);
    const trust = [6, 8, 10, 1, 2, 3];
    const seen: unknown[] = [];
    for (const [i, p] of pupils.entries()) {
      await sendAnswers(p, given[i]?.id, { trust: trust[i] });
      const stats = await statsOf(teacher, closed.id);
      // What was each figure made of stays with curators.
      expect(stats?.fields ?? {}).not.toHaveProperty('basis');
      seen.push(stats && { responses: stats.fields.responses, averages: stats.fields.averages });
    }
    // The fourth (1) and the fifth (2) answers leave the average as it was — one answer, or a sum of
    // two, would be theirs; with the sixth (3) a whole cohort of three comes in.
    expect(seen).toEqual([
      undefined,
      undefined,
      { responses: 3, averages: { trust: 8 } },
      { responses: 4, averages: { trust: 8 } },
      { responses: 5, averages: { trust: 8 } },
      { responses: 6, averages: { trust: 5 } },
    ]);
    const { records } = await pullAll(server, { ...curator, cursor: null });
    const kept = [...records.values()].find(
      (r) => r.type === 'formStats' && r.fields.mentorId === teacher.personId,
    );
    expect((kept?.fields.basis as { from?: string[] } | undefined)?.from).toHaveLength(6);
  });

  it('a mentee whose person record is deleted counts in no figure: their answer stays with the curator', async () => {
    const { pupils, pair, form, given } = await closedFormGroup(
      3,
      'Удалённый',
      'gone',
      'Анкета о наставнике (удаление)',
    );
    const [first, ...others] = pupils as [Actor, Actor, Actor];
    await sendAnswers(first, given[0]?.id, { q: 1 });
    const gone = {
      id: first.personId,
      type: 'person',
      fields: {},
      stamps: {},
      deleted: curator.stamper.stamp(),
    };
    expect((await push(server, curator, [gone])).rejected).toEqual([]);
    for (const [i, p] of others.entries()) await sendAnswers(p, given[i + 1]?.id, { q: 10 });
    const stats = await statsOf(mentor, form.id);
    expect(stats?.fields.averages ?? {}).toEqual({});
    // Nor may the mentor start an IDP for them.
    const plan = change(mentor.stamper, 'plan', { pairId: pair.id, menteeId: first.personId, title: 'ИПР' });
    expect((await push(server, mentor, [plan])).rejected.map((r) => r.code)).toEqual(['forbidden']);
  });

  it('a mentor’s statistics count only the pair’s mentees of today: answers sent after leaving never do', async () => {
    const { pupils, pair, form, given } = await closedFormGroup(
      6,
      'Группа',
      'group6-',
      'Анкета о наставнике (ушедшие)',
    );
    for (const i of [0, 1, 2]) await sendAnswers(pupils[i] as Actor, given[i]?.id, { q: 5 });
    expect((await statsOf(mentor, form.id))?.fields).toMatchObject({ responses: 3, averages: { q: 5 } });
    const leave = change(
      curator.stamper,
      'pair',
      { menteeIds: pupils.slice(0, 3).map((p) => p.personId) },
      pair.id,
    );
    expect((await push(server, curator, [leave])).rejected).toEqual([]);
    for (const i of [3, 4, 5]) await sendAnswers(pupils[i] as Actor, given[i]?.id, { q: 10 });
    expect((await statsOf(mentor, form.id))?.fields).toMatchObject({ responses: 3, averages: { q: 5 } });
  });

  it('a response is deleted by a curator only, and answers sent into a deleted one are refused, not lost', async () => {
    const pupil = await addMember(
      server,
      curator,
      'mentee',
      { fullName: 'Черновик', kind: 'student' },
      'draft',
    );
    const form = closedForm('Анкета (черновик)', [{ id: 'q', kind: 'scale', min: 1, max: 10 }]);
    const [given] = assignEach(form.id, [pupil]);
    expect((await push(server, curator, [form, given as Change])).rejected).toEqual([]);
    const draft = change(pupil.stamper, 'formResponse', {
      assignmentId: given?.id,
      answers: { q: 3 },
      submittedAt: null,
    });
    expect((await push(server, pupil, [draft])).rejected).toEqual([]);
    const ownDelete = {
      id: draft.id,
      type: 'formResponse',
      fields: {},
      stamps: {},
      deleted: pupil.stamper.stamp(),
    };
    expect((await push(server, pupil, [ownDelete])).rejected.map((r) => r.code)).toEqual(['forbidden']);
    const curatorDelete = { ...ownDelete, deleted: curator.stamper.stamp() };
    expect((await push(server, curator, [curatorDelete])).rejected).toEqual([]);
    const sent = change(
      pupil.stamper,
      'formResponse',
      { answers: { q: 9 }, submittedAt: new Date().toISOString() },
      draft.id,
    );
    const refused = (await push(server, pupil, [sent])).rejected;
    expect(refused).toEqual([
      { id: draft.id, code: 'invalid', reason: expect.stringMatching(/deleted by a curator/) },
    ]);
    // A curator answering a form given to them is told the same, rather than their answers vanishing.
    const [toCurator] = assignEach(form.id, [curator], null as unknown as string);
    const own = change(curator.stamper, 'formResponse', {
      assignmentId: toCurator?.id,
      answers: { q: 4 },
      submittedAt: null,
    });
    expect((await push(server, curator, [toCurator as Change, own])).rejected).toEqual([]);
    const gone = {
      id: own.id,
      type: 'formResponse',
      fields: {},
      stamps: {},
      deleted: curator.stamper.stamp(),
    };
    expect((await push(server, curator, [gone])).rejected).toEqual([]);
    const answered = change(curator.stamper, 'formResponse', { answers: { q: 8 } }, own.id);
    expect((await push(server, curator, [answered])).rejected.map((r) => r.code)).toEqual(['invalid']);
    // Another's response: a curator's reopening and deleting it, merged in one change, is no error.
    const reopenedAndDeleted = {
      ...change(curator.stamper, 'formResponse', { submittedAt: null }, draft.id),
      deleted: curator.stamper.stamp(),
    };
    expect((await push(server, curator, [reopenedAndDeleted])).rejected).toEqual([]);
  });

  it('a question answered by fewer than three gets no average: it would be one pupil’s answer', async () => {
    const closed = closedForm('Анкета с необязательным вопросом', [
      { id: 'q1', kind: 'scale' },
      { id: 'q2', kind: 'scale' },
    ]);
    const given = assignEach(closed.id, mentees);
    expect((await push(server, curator, [closed, ...given])).rejected).toEqual([]);
    const answers = [{ q1: 2, q2: 9 }, { q1: 4 }, { q1: 6 }];
    for (const [i, m] of mentees.entries()) await sendAnswers(m, given[i]?.id, answers[i]);
    const stats = await statsOf(mentor, closed.id);
    expect(stats?.fields).toMatchObject({ responses: 3, averages: { q1: 4 } });
    expect(stats?.fields.averages).not.toHaveProperty('q2');
  });
});
