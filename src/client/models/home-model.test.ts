import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, expect, it } from 'vitest';
import { NastavnikDb } from '../db/database';
import { createQueries } from '../db/queries';
import { createRepository } from '../db/repository';
import { loadHome } from './home-model';

const dbs: NastavnikDb[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

const MENTOR = '0193a3f0-0000-7000-8000-000000000001';
const MENTEE_A = '0193a3f0-0000-7000-8000-000000000002';
const MENTEE_B = '0193a3f0-0000-7000-8000-000000000003';
const RUNNING = '0193a3f0-0000-7000-8000-000000000011';
const ENDED = '0193a3f0-0000-7000-8000-000000000012';
const PLAN = '0193a3f0-0000-7000-8000-000000000021';
const TODAY = '2026-11-25';

async function mentorWithTwoPairs(endedStatus: string) {
  const db = new NastavnikDb(`home-${Math.random()}`, { indexedDB, IDBKeyRange });
  dbs.push(db);
  const repo = createRepository(db);
  const pair = (menteeId: string, status: string) => ({
    mentorId: MENTOR,
    menteeIds: [menteeId],
    form: 'учитель–ученик',
    status,
    // Began long ago: a running pair this old with no meeting is overdue.
    history: [{ date: '2026-09-01', status: 'proposed', note: null }],
  });
  for (const [type, fields, id] of [
    ['person', { fullName: 'Анна Наставникова', kind: 'teacher' }, MENTOR],
    ['person', { fullName: 'Борис Ученов', kind: 'student' }, MENTEE_A],
    ['person', { fullName: 'Вера Ученова', kind: 'student' }, MENTEE_B],
    ['pair', pair(MENTEE_A, 'active'), RUNNING],
    ['pair', pair(MENTEE_B, endedStatus), ENDED],
    // A task left open in the pair that ended, past its date.
    ['plan', { pairId: ENDED, menteeId: MENTEE_B, title: 'ИПР' }, PLAN],
    ['task', { planId: PLAN, title: 'Прочитать', status: 'todo', due: '2026-10-01' }, undefined],
  ] as const)
    expect((await repo.create(type, fields, id)).ok).toBe(true);
  return createQueries(db);
}

it.each(['ended', 'finished'] as const)('keeps a pair that is %s apart, with no prompt', async (status) => {
  const queries = await mentorWithTwoPairs(status);

  const home = await loadHome(queries, MENTOR, TODAY, 15);

  expect(home.total).toBe(2);
  expect(home.items.map((i) => [i.pair.id, i.isRunning, i.nudge.key])).toEqual([[RUNNING, true, 'meeting']]);
  expect(home.closed.map((i) => [i.pair.id, i.isRunning, i.nudge])).toEqual([
    [ENDED, false, { key: 'closed', status }],
  ]);
  // Neither its open task nor its lack of meetings is counted as the mentor's to do.
  expect(home.overdueTasks).toBe(0);
  expect(home.pairsWithoutRecentMeeting).toBe(1);
});

it('tells the mentee of a pair that ended the same, with no meeting coming', async () => {
  const queries = await mentorWithTwoPairs('ended');

  const home = await loadHome(queries, MENTEE_B, TODAY, 15);

  expect(home.items).toEqual([]);
  expect(home.closed.map((i) => [i.isMentor, i.nudge])).toEqual([
    [false, { key: 'closed', status: 'ended' }],
  ]);
  expect(home.overdueTasks).toBe(0);
});

it('lists the ended pairs after the running ones on a page', async () => {
  const queries = await mentorWithTwoPairs('ended');

  const home = await loadHome(queries, MENTOR, TODAY, 1);

  expect(home.items.map((i) => i.pair.id)).toEqual([RUNNING]);
  expect(home.closed).toEqual([]);
  expect(home.total).toBe(2);
});

it('counts no overdue task of a pair that is not the person’s own (a curator’s device holds them all)', async () => {
  const queries = await mentorWithTwoPairs('active');
  // A curator who mentors no pair of these: the running pair's overdue task is someone else's.
  const home = await loadHome(queries, MENTEE_A, TODAY, 15);
  expect(home.overdueTasks).toBe(0);
  const outsider = await loadHome(queries, '0193a3f0-0000-7000-8000-000000000099', TODAY, 15);
  expect([outsider.total, outsider.overdueTasks]).toEqual([0, 0]);
});
