// Nothing typed is lost to a conflict, whatever the record: the text that loses a merge of two
// concurrent edits, or that was typed into a record someone else deleted meanwhile, comes back to its
// author as a conflict copy — for goals, tasks, people and the rest as for meeting notes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, SyncedRecord } from '../../src/domain/record';
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
let mentee: Actor;
let pair: Change;
let plan: Change;

beforeAll(async () => {
  server = await startTestServer();
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
  mentor = await addMember(server, curator, 'mentor', { fullName: 'Наставник' }, 'mentor-phone');
  mentee = await addMember(server, curator, 'mentee', { fullName: 'Ученица', kind: 'student' }, 'kid');
  pair = pairChange(curator.stamper, mentor.personId, [mentee.personId]);
  plan = change(curator.stamper, 'plan', { pairId: pair.id, menteeId: mentee.personId, title: 'ИПР' });
  expect((await push(server, curator, [pair, plan])).rejected).toEqual([]);
  for (const actor of [curator, mentor, mentee]) await pullAll(server, actor);
});
afterAll(async () => server.close());

const copiesFor = async (actor: Actor) => (await liveCopiesOf(server, actor)).map((r) => r.fields);

describe('every long text, not only meeting notes', () => {
  it('a goal’s description edited by the mentor and the curator at once: the losing text comes back', async () => {
    const goal = change(mentor.stamper, 'goal', { planId: plan.id, title: 'Читать больше' });
    expect((await push(server, mentor, [goal])).rejected).toEqual([]);
    await pullAll(server, curator);
    await pullAll(server, mentor);
    // Both type without having seen the other's text; the curator's is stamped later and wins.
    const mentorText = change(
      mentor.stamper,
      'goal',
      { description: 'Две книги в месяц, по списку' },
      goal.id,
    );
    curator.stamper.observe(mentorText.stamps.description as string); // its clock is later
    const curatorText = change(curator.stamper, 'goal', { description: 'Одна книга в месяц' }, goal.id);
    expect((await push(server, mentor, [mentorText])).rejected).toEqual([]);
    expect((await push(server, curator, [curatorText])).rejected).toEqual([]);

    expect(await copiesFor(mentor)).toContainEqual(
      expect.objectContaining({
        recordId: goal.id,
        recordType: 'goal',
        field: 'description',
        text: 'Две книги в месяц, по списку',
        authorId: mentor.personId,
      }),
    );
    expect((await copiesFor(mentee)).map((c) => c.text)).not.toContain('Две книги в месяц, по списку');
  });

  it('evidence typed into a task the mentor deleted meanwhile comes back to the mentee', async () => {
    const task = change(mentor.stamper, 'task', {
      planId: plan.id,
      title: 'Сделать доклад',
      status: 'todo',
      due: null,
    });
    expect((await push(server, mentor, [task])).rejected).toEqual([]);
    await pullAll(server, mentee);
    const removal = deletion(mentor.stamper, 'task', task.id);
    expect((await push(server, mentor, [removal])).rejected).toEqual([]);
    const evidence = change(
      mentee.stamper,
      'task',
      { status: 'done', evidence: 'Выступила на классном часе, слайды у учителя' },
      task.id,
    );
    expect((await push(server, mentee, [evidence])).rejected).toEqual([]);

    expect(await copiesFor(mentee)).toContainEqual(
      expect.objectContaining({
        recordId: task.id,
        field: 'evidence',
        text: 'Выступила на классном часе, слайды у учителя',
      }),
    );
  });

  it('two curators writing what a pupil needs at once: the one who loses keeps their text', async () => {
    const second = await addMember(server, curator, 'curator', { fullName: 'Завуч' }, 'cur2');
    await pullAll(server, second);
    await pullAll(server, curator);
    const mine = change(curator.stamper, 'person', { needs: 'Поддержка по алгебре' }, mentee.personId);
    second.stamper.observe(mine.stamps.needs as string);
    const theirs = change(second.stamper, 'person', { needs: 'Профориентация' }, mentee.personId);
    expect((await push(server, curator, [mine])).rejected).toEqual([]);
    expect((await push(server, second, [theirs])).rejected).toEqual([]);
    expect(await copiesFor(curator)).toContainEqual(
      expect.objectContaining({ recordId: mentee.personId, field: 'needs', text: 'Поддержка по алгебре' }),
    );
  });
});

describe('short texts too: titles and names', () => {
  it('a task reworded by the mentor offline and by the curator at once: the losing wording comes back', async () => {
    const task = change(curator.stamper, 'task', {
      planId: plan.id,
      title: 'Решить 10 задач',
      status: 'todo',
      due: null,
    });
    expect((await push(server, curator, [task])).rejected).toEqual([]);
    await pullAll(server, mentor);
    await pullAll(server, curator);
    const mine = change(mentor.stamper, 'task', { title: 'Решить 15 задач по алгебре из сборника' }, task.id);
    curator.stamper.observe(mine.stamps.title as string);
    const theirs = change(curator.stamper, 'task', { title: 'Решить 12 задач' }, task.id);
    expect((await push(server, curator, [theirs])).rejected).toEqual([]);
    expect((await push(server, mentor, [mine])).rejected).toEqual([]);
    expect(await copiesFor(mentor)).toContainEqual(
      expect.objectContaining({
        recordId: task.id,
        field: 'title',
        text: 'Решить 15 задач по алгебре из сборника',
      }),
    );
  });
});

describe('texts inside lists that merge whole: topics, the roadmap, questions', () => {
  it('a topic typed offline and a stage’s responsible person lose to others’ edits of the list: both come back', async () => {
    const meeting = change(mentor.stamper, 'meeting', {
      pairId: pair.id,
      date: '2026-11-20',
      kind: 'regular',
      durationMin: 30,
      notes: 'x',
      topics: ['Проект'],
    });
    expect((await push(server, mentor, [meeting])).rejected).toEqual([]);
    await pullAll(server, curator);
    await pullAll(server, mentor);
    const mine = change(
      mentor.stamper,
      'meeting',
      { topics: ['Проект', 'Робототехника и моя команда'] },
      meeting.id,
    );
    curator.stamper.observe(mine.stamps.topics as string);
    const theirs = change(curator.stamper, 'meeting', { topics: ['Проект', 'Профориентация'] }, meeting.id);
    expect((await push(server, curator, [theirs])).rejected).toEqual([]);
    expect((await push(server, mentor, [mine])).rejected).toEqual([]);
    expect(await copiesFor(mentor)).toContainEqual(
      expect.objectContaining({
        recordId: meeting.id,
        field: 'topics.1',
        text: 'Робототехника и моя команда',
      }),
    );

    const second = await addMember(
      server,
      curator,
      'curator',
      { fullName: 'Завуч по дорожной карте' },
      'cur-map',
    );
    const stages = (responsible: string | null, done: boolean) => [
      { key: '1', deadline: null, responsible, done: false },
      { key: '2', deadline: null, responsible: null, done },
    ];
    const programme = change(curator.stamper, 'programme', {
      schoolYear: '2026-2027',
      stages: stages(null, false),
    });
    expect((await push(server, curator, [programme])).rejected).toEqual([]);
    await pullAll(server, curator);
    await pullAll(server, second);
    const typed = change(
      curator.stamper,
      'programme',
      { stages: stages('Петрова Ирина Сергеевна', false) },
      programme.id,
    );
    second.stamper.observe(typed.stamps.stages as string);
    const ticked = change(second.stamper, 'programme', { stages: stages(null, true) }, programme.id);
    expect((await push(server, curator, [typed])).rejected).toEqual([]);
    expect((await push(server, second, [ticked])).rejected).toEqual([]);
    expect(await copiesFor(curator)).toContainEqual(
      expect.objectContaining({ recordId: programme.id, field: 'stages.1', text: 'Петрова Ирина Сергеевна' }),
    );
  });
});

describe('texts a delete would erase, and texts inside answers and status notes', () => {
  it('evidence sent before the mentor, who had not seen it, deletes the task comes back to the mentee', async () => {
    const task = change(mentor.stamper, 'task', {
      planId: plan.id,
      title: 'Эссе',
      status: 'todo',
      due: null,
    });
    expect((await push(server, mentor, [task])).rejected).toEqual([]);
    await pullAll(server, mentee);
    await pullAll(server, mentor); // the mentor's phone has the task, not what follows
    const evidence = change(mentee.stamper, 'task', { evidence: 'Эссе сдано учителю литературы' }, task.id);
    expect((await push(server, mentee, [evidence])).rejected).toEqual([]);
    expect((await push(server, mentor, [deletion(mentor.stamper, 'task', task.id)])).rejected).toEqual([]);

    expect(await copiesFor(mentee)).toContainEqual(
      expect.objectContaining({
        recordId: task.id,
        field: 'evidence',
        text: 'Эссе сдано учителю литературы',
      }),
    );
    // A delete of what its sender had seen keeps nothing: the text was theirs to delete.
    const seenTask = change(mentor.stamper, 'task', {
      planId: plan.id,
      title: 'Проект',
      status: 'todo',
      due: null,
    });
    expect((await push(server, mentor, [seenTask])).rejected).toEqual([]);
    const seenText = change(mentee.stamper, 'task', { evidence: 'Проект на стенде' }, seenTask.id);
    expect((await push(server, mentee, [seenText])).rejected).toEqual([]);
    await pullAll(server, mentor);
    expect((await push(server, mentor, [deletion(mentor.stamper, 'task', seenTask.id)])).rejected).toEqual(
      [],
    );
    expect((await copiesFor(mentee)).map((c) => c.text)).not.toContain('Проект на стенде');
  });

  it('an open answer drafted on two of the pupil’s devices at once: the one that loses comes back', async () => {
    const invite = await call(server, 'POST', '/api/v1/invites', {
      token: curator.token,
      body: { personId: mentee.personId, role: 'mentee' },
    });
    const laptop = await enrolWith(server, invite.body.code as string, 'kid-laptop');
    const template = change(curator.stamper, 'formTemplate', {
      title: 'Анкета наставляемого',
      questions: [{ id: 'goals', kind: 'longText', text: 'Чего вы хотите достичь?', required: true }],
    });
    const assignment = change(curator.stamper, 'formAssignment', {
      templateId: template.id,
      personId: mentee.personId,
      pairId: null,
      due: null,
    });
    expect((await push(server, curator, [template, assignment])).rejected).toEqual([]);
    await pullAll(server, mentee);
    await pullAll(server, laptop);
    const draft = (who: Actor, goals: string) =>
      change(who.stamper, 'formResponse', {
        assignmentId: assignment.id,
        answers: { goals },
        submittedAt: null,
      });
    const fromPhone = draft(mentee, 'Научиться выступать перед классом');
    laptop.stamper.observe(fromPhone.stamps.answers as string); // the laptop's draft is the later one
    const fromLaptop = draft(laptop, 'Подготовиться к олимпиаде по биологии');
    expect(fromLaptop.id).toBe(fromPhone.id);
    expect((await push(server, mentee, [fromPhone])).rejected).toEqual([]);
    expect((await push(server, laptop, [fromLaptop])).rejected).toEqual([]);

    expect(await copiesFor(mentee)).toContainEqual(
      expect.objectContaining({
        recordId: fromPhone.id,
        recordType: 'formResponse',
        field: 'answers.goals',
        text: 'Научиться выступать перед классом',
      }),
    );
  });

  it('two curators changing a pair’s status at once: the note of the one that loses comes back', async () => {
    const second = await addMember(server, curator, 'curator', { fullName: 'Методист' }, 'cur3');
    await pullAll(server, second);
    await pullAll(server, curator);
    const started = { date: '2026-09-01', status: 'active', note: null };
    const ended = change(
      curator.stamper,
      'pair',
      {
        status: 'ended',
        history: [started, { date: '2026-11-20', status: 'ended', note: 'Ученица болеет две недели' }],
      },
      pair.id,
    );
    second.stamper.observe(ended.stamps.history as string);
    const finished = change(
      second.stamper,
      'pair',
      {
        status: 'finished',
        history: [started, { date: '2026-11-20', status: 'finished', note: 'Цели достигнуты' }],
      },
      pair.id,
    );
    expect((await push(server, curator, [ended])).rejected).toEqual([]);
    expect((await push(server, second, [finished])).rejected).toEqual([]);
    expect(await copiesFor(curator)).toContainEqual(
      expect.objectContaining({ recordId: pair.id, field: 'history.1', text: 'Ученица болеет две недели' }),
    );
  });
});

describe('texts inside a meeting', () => {
  it('the mentor and the curator each add a next step offline: the step of the one that loses comes back', async () => {
    const meeting = change(mentor.stamper, 'meeting', {
      pairId: pair.id,
      date: '2026-11-24',
      kind: 'regular',
      durationMin: 45,
      notes: 'Обсудили четверть',
    });
    expect((await push(server, mentor, [meeting])).rejected).toEqual([]);
    await pullAll(server, curator);
    await pullAll(server, mentor);
    const mine = change(
      mentor.stamper,
      'meeting',
      { nextSteps: [{ id: 'step-m', text: 'Прочитать главу 3 и выписать вопросы', taskId: null }] },
      meeting.id,
    );
    curator.stamper.observe(mine.stamps.nextSteps as string); // the curator's is stamped later and wins
    const theirs = change(
      curator.stamper,
      'meeting',
      { nextSteps: [{ id: 'step-c', text: 'Записаться на олимпиаду', taskId: null }] },
      meeting.id,
    );
    expect((await push(server, mentor, [mine])).rejected).toEqual([]);
    expect((await push(server, curator, [theirs])).rejected).toEqual([]);
    expect(await copiesFor(mentor)).toContainEqual(
      expect.objectContaining({
        recordId: meeting.id,
        field: 'nextSteps.step-m',
        text: 'Прочитать главу 3 и выписать вопросы',
      }),
    );
  });
});

describe('copies that must not grow or outlive their author', () => {
  it('one push keeps at most 500 copies of its sender’s own texts, however its device ids are forged', async () => {
    const template = change(curator.stamper, 'formTemplate', {
      title: 'Длинная анкета',
      questions: [{ id: 'q', kind: 'longText', text: 'Вопрос', required: false }],
    });
    const assignment = change(curator.stamper, 'formAssignment', {
      templateId: template.id,
      personId: mentee.personId,
      pairId: null,
      due: null,
    });
    expect((await push(server, curator, [template, assignment])).rejected).toEqual([]);
    // Ten drafts of the same response, each under another forged device id, 200 answers each: every
    // draft makes the one before lose all its answers.
    const drafts = Array.from({ length: 10 }, (_, d) => {
      const answers = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`q${i}`, `${d}-${i}`]));
      return change(mentee.stamper, 'formResponse', {
        assignmentId: assignment.id,
        answers,
        submittedAt: null,
      });
    }).map((c, d) => ({
      ...c,
      stamps: Object.fromEntries(
        Object.keys(c.stamps).map((k) => [
          k,
          `${new Date(Date.now() + d).toISOString()}_0000_forged${d % 2}`,
        ]),
      ),
    }));
    const r = await push(server, { ...mentee, cursor: null }, drafts);
    // Nothing refused: a change is never held back for the copies it makes.
    expect(r.rejected).toEqual([]);
    const copies = (await copiesFor(mentee)).filter((c) => c.recordId === drafts[0]?.id);
    expect(copies.length).toBe(500);
  });

  it('a person erased takes their copies along', async () => {
    const pupil = await addMember(server, curator, 'mentee', { fullName: 'Уходящий', kind: 'student' }, 'p2');
    const pupilPair = pairChange(curator.stamper, mentor.personId, [pupil.personId]);
    const pupilPlan = change(curator.stamper, 'plan', {
      pairId: pupilPair.id,
      menteeId: pupil.personId,
      title: 'ИПР',
    });
    const task = change(curator.stamper, 'task', {
      planId: pupilPlan.id,
      title: 'Доклад',
      status: 'todo',
      due: null,
    });
    expect((await push(server, curator, [pupilPair, pupilPlan, task])).rejected).toEqual([]);
    await pullAll(server, pupil);
    const evidence = change(pupil.stamper, 'task', { evidence: 'Личное: болел и не успел' }, task.id);
    expect((await push(server, pupil, [evidence])).rejected).toEqual([]);
    // The curator erases them without having seen that text: the task's delete sets it aside, the
    // person's delete erases it.
    const c = { ...curator, cursor: null };
    const erase = [
      deletion(curator.stamper, 'task', task.id),
      deletion(curator.stamper, 'plan', pupilPlan.id),
      deletion(curator.stamper, 'pair', pupilPair.id),
      deletion(curator.stamper, 'person', pupil.personId),
    ];
    expect((await push(server, c, erase)).rejected).toEqual([]);
    // Curators read every copy there is: none holds the text any more.
    expect((await copiesFor(curator)).map((f) => f.text)).not.toContain('Личное: болел и не успел');
  });

  it('a copy kept for curators stays theirs through a backup and restore', async () => {
    // A mentor taken off the pair: their losing text is kept for curators only.
    const other = await addMember(server, curator, 'mentor', { fullName: 'Сменщик' }, 'm2');
    const kid = change(curator.stamper, 'person', { fullName: 'Переданный', kind: 'student' });
    const handed = pairChange(curator.stamper, mentor.personId, [kid.id]);
    expect((await push(server, curator, [kid, handed])).rejected).toEqual([]);
    const m = change(mentor.stamper, 'meeting', {
      pairId: handed.id,
      date: '2026-11-20',
      kind: 'regular',
      durationMin: 30,
      notes: 'Текст прежнего наставника',
    });
    expect((await push(server, mentor, [m])).rejected).toEqual([]);
    const handover = change(curator.stamper, 'pair', { mentorId: other.personId }, handed.id);
    expect((await push(server, curator, [handover])).rejected).toEqual([]);
    const blind = change(curator.stamper, 'meeting', { notes: 'Текст куратора' }, m.id);
    expect((await push(server, { ...curator, cursor: null }, [blind])).rejected).toEqual([]);
    const kept = (await copiesFor(curator)).find((f) => f.recordId === m.id);
    expect(kept).toMatchObject({ text: 'Текст прежнего наставника', keptFor: 'curators' });

    const backup = (await call(server, 'GET', '/api/v1/export', { token: curator.token })).body;
    const target = await startTestServer();
    try {
      const admin = await enrolWith(target, BOOTSTRAP_CODE, 'restorer');
      const records = (backup.records as SyncedRecord[]).map((r) =>
        r.id === curator.personId ? { ...r, id: admin.personId } : r,
      );
      const restored = await call(target, 'POST', '/api/v1/restore', {
        token: admin.token,
        body: { ...backup, records },
      });
      expect(restored.status).toBe(200);
      const invite = await call(target, 'POST', '/api/v1/invites', {
        token: admin.token,
        body: { personId: mentor.personId, role: 'mentor' },
      });
      const again = await enrolWith(target, invite.body.code as string, 'mentor-again');
      const theirs = [...(await pullAll(target, again)).records.values()].filter(
        (r) => r.type === 'conflict',
      );
      expect(theirs.map((r) => r.fields.text)).not.toContain('Текст прежнего наставника');
    } finally {
      await target.close();
    }
  });
});

describe('copies and erasure, dismissal and old backups', () => {
  const setUpPupil = async (node: string) => {
    const pupil = await addMember(
      server,
      curator,
      'mentee',
      { fullName: `Ученик ${node}`, kind: 'student' },
      node,
    );
    const p = pairChange(curator.stamper, mentor.personId, [pupil.personId]);
    const ipr = change(curator.stamper, 'plan', { pairId: p.id, menteeId: pupil.personId, title: 'ИПР' });
    const task = change(curator.stamper, 'task', {
      planId: ipr.id,
      title: 'Доклад',
      status: 'todo',
      due: null,
    });
    expect((await push(server, curator, [p, ipr, task])).rejected).toEqual([]);
    await pullAll(server, pupil);
    return { pupil, task };
  };

  it('no copy is made for a person already erased, nor kept of what was typed into their record', async () => {
    const { pupil, task } = await setUpPupil('p3');
    const evidence = change(pupil.stamper, 'task', { evidence: 'Текст стёртого ученика' }, task.id);
    expect((await push(server, pupil, [evidence])).rejected).toEqual([]);
    // A psychologist's request about the pupil, which the erasing curator had not seen either.
    const psychologist = await addMember(server, curator, 'curator', { fullName: 'Психолог' }, 'psy');
    const request = change(
      psychologist.stamper,
      'person',
      { requests: 'Тревожность, семья в кризисе' },
      pupil.personId,
    );
    expect((await push(server, psychologist, [request])).rejected).toEqual([]);
    const blind = { ...curator, cursor: null };
    expect(
      (await push(server, blind, [deletion(curator.stamper, 'person', pupil.personId)])).rejected,
    ).toEqual([]);
    // Later, a device that had not seen the evidence deletes the task.
    expect((await push(server, blind, [deletion(curator.stamper, 'task', task.id)])).rejected).toEqual([]);
    const texts = (await copiesFor(curator)).map((c) => c.text);
    expect(texts).not.toContain('Текст стёртого ученика');
    expect(texts).not.toContain('Тревожность, семья в кризисе');
  });

  it('a copy kept for curators cannot be dismissed by its author, who may not read it', async () => {
    const all = await pullAll(server, { ...curator, cursor: null });
    const copy = [...all.records.values()].find(
      (r) =>
        r.type === 'conflict' && r.fields.keptFor === 'curators' && r.fields.authorId === mentor.personId,
    ) as SyncedRecord;
    expect(copy).toBeDefined();
    const r = await push(server, mentor, [deletion(mentor.stamper, 'conflict', copy.id)]);
    expect(r.rejected.map((x) => x.code)).toEqual(['forbidden']);
  });

  it('a backup made before copies said whom they are kept for keeps them for curators', async () => {
    const backup = (await call(server, 'GET', '/api/v1/export', { token: curator.token })).body;
    const target = await startTestServer();
    try {
      const admin = await enrolWith(target, BOOTSTRAP_CODE, 'old-restorer');
      const records = (backup.records as SyncedRecord[]).map((r) => {
        if (r.id === curator.personId) return { ...r, id: admin.personId };
        if (r.type !== 'conflict' || r.deleted) return r;
        const { keptFor: _field, ...fields } = r.fields;
        const { keptFor: _stamp, ...stamps } = r.stamps;
        return { ...r, fields, stamps };
      });
      const restored = await call(target, 'POST', '/api/v1/restore', {
        token: admin.token,
        body: { ...backup, records },
      });
      expect(restored.status).toBe(200);
      const invite = await call(target, 'POST', '/api/v1/invites', {
        token: admin.token,
        body: { personId: mentee.personId, role: 'mentee' },
      });
      const again = await enrolWith(target, invite.body.code as string, 'mentee-again');
      const theirs = [...(await pullAll(target, again)).records.values()].filter(
        (r) => r.type === 'conflict',
      );
      expect(theirs).toEqual([]);
    } finally {
      await target.close();
    }
  });
});
