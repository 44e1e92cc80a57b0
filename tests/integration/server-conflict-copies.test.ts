// Nothing typed at length is lost to a conflict, whatever the record: the text that loses a merge of two
// concurrent edits, or that was typed into a record someone else deleted meanwhile, comes back to its
// author as a conflict copy — for goals, tasks, people and the rest as for meeting notes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, SyncedRecord } from '../../src/domain/record';
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
let mentee: Actor;
let pair: Change;
let plan: Change;

beforeAll(async () => {
  server = await startTestServer();
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
  mentor = await addMember(server, curator, 'mentor', { fullName: 'Наставник' }, 'mentor-phone');
  mentee = await addMember(server, curator, 'mentee', { fullName: 'Ученица', kind: 'student' }, 'kid');
  pair = change(curator.stamper, 'pair', {
    mentorId: mentor.personId,
    menteeIds: [mentee.personId],
    form: 'учитель–ученик',
    status: 'active',
  });
  plan = change(curator.stamper, 'plan', { pairId: pair.id, menteeId: mentee.personId, title: 'ИПР' });
  expect((await push(server, curator, [pair, plan])).rejected).toEqual([]);
  for (const actor of [curator, mentor, mentee]) await pullAll(server, actor);
});
afterAll(async () => server.close());

const copiesFor = async (actor: Actor) =>
  [...(await pullAll(server, { ...actor, cursor: null })).records.values()]
    .filter((r): r is SyncedRecord => r.type === 'conflict' && r.deleted === undefined)
    .map((r) => r.fields);

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
