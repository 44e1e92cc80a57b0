// liveQuery looks for IndexedDB on the global object.
import 'fake-indexeddb/auto';
import Dexie, { liveQuery } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { loadPlan } from '../models/idp-model';
import { ensurePlan } from '../models/idp-writes-model';
import { loadQuestionnaireList } from '../models/questionnaire-admin-model';
import { NastavnikDb } from './database';
import { spacedQuery } from './live';
import { pullActivity } from './meta';
import { createQueries } from './queries';
import { createRepository } from './repository';

const PLAN = '0193a3f0-0000-7000-8000-000000000002';

/**
 * Follows a live query while `act` writes, until its emissions satisfy `isDone`. `act` may wait for the
 * query to have shown something (`until`) before its next write, as a person does.
 */
async function emissions<T>(
  query: () => Promise<T>,
  act: (until: (check: (seen: T[]) => boolean) => Promise<void>) => Promise<void>,
  isDone: (seen: T[]) => boolean,
): Promise<T[]> {
  const seen: T[] = [];
  let wake: () => void = () => undefined;
  const sub = liveQuery(query).subscribe({
    next: (v) => {
      seen.push(v);
      wake();
    },
    error: (e) => console.log('ERR', e),
  });
  const until = async (check: (seen: T[]) => boolean) => {
    while (!check(seen)) await new Promise<void>((resolve) => (wake = resolve));
  };
  await until((s) => s.length > 0);
  await act(until);
  await until(isDone);
  sub.unsubscribe();
  return seen;
}

describe('live queries', () => {
  it('see every task written after a first await in the querier', async () => {
    const db = new NastavnikDb(`live-${Math.random()}`, { indexedDB, IDBKeyRange });
    const queries = createQueries(db);
    const repo = createRepository(db);
    const seen = await emissions(
      async () => {
        await queries.plan(PLAN);
        return (await queries.tasksOfPlans([PLAN])).length;
      },
      async () => {
        for (let i = 0; i < 4; i++)
          await repo.create('task', { planId: PLAN, title: `t${i}`, status: 'todo', due: null, order: i });
      },
      (seen) => seen.at(-1) === 4,
    );
    expect(seen.at(-1)).toBe(4);
  });

  it('follow a plan made, given a goal and four tasks, as the IDP screen does', async () => {
    const db = new NastavnikDb(`live-${Math.random()}`, { indexedDB, IDBKeyRange });
    const queries = createQueries(db);
    const repo = createRepository(db);
    const pairId = '0193a3f0-0000-7000-8000-000000000010';
    const menteeId = '0193a3f0-0000-7000-8000-000000000011';
    await repo.create(
      'pair',
      {
        mentorId: '0193a3f0-0000-7000-8000-000000000012',
        menteeIds: [menteeId],
        form: 'x',
        status: 'active',
      },
      pairId,
    );
    const seen = await emissions(
      async () => (await loadPlan(queries, pairId, menteeId, '2026-11-25'))?.progress.total ?? -1,
      async (until) => {
        const plan = (await ensurePlan(repo, queries, pairId, menteeId)) as { id: string };
        const goal = (await repo.create('goal', { planId: plan.id, title: 'Цель', order: 0 })) as {
          id: string;
        };
        // One at a time, as a person adds them: every one must show before the next is added.
        for (let i = 0; i < 4; i++) {
          await until((seen) => seen.at(-1) === i);
          await repo.create('task', {
            planId: plan.id,
            goalId: goal.id,
            title: `t${i}`,
            status: 'todo',
            due: null,
            order: i,
          });
        }
      },
      (seen) => seen.at(-1) === 4,
    );
    expect(seen.slice(-4)).toEqual([1, 2, 3, 4]);
  });

  it('see new meetings written beneath Dexie (one round trip), in this tab and in another', async () => {
    const name = `live-${Math.random()}`;
    const tabs = [0, 1].map(() => new NastavnikDb(name, { indexedDB, IDBKeyRange }));
    const repo = createRepository(tabs[0] as NastavnikDb);
    const pairId = '0193a3f0-0000-7000-8000-000000000020';
    const meeting = (notes: string) => ({
      pairId,
      date: '2026-11-25',
      kind: 'regular',
      durationMin: 40,
      notes,
    });
    // The tab's first write reads what it plans from; those after it are made beneath Dexie.
    await repo.create('meeting', meeting('Первая'));
    for (const tab of tabs) {
      const before = await tab.records('meeting').count();
      // Each must show before the next is written (as a person saves one after another). A list, as a
      // screen reads it: Dexie keeps its result in its cache, which the write must clear.
      const seen = await emissions(
        async () => (await tab.records('meeting').where('fields.pairId').equals(pairId).toArray()).length,
        async (until) => {
          for (let i = 1; i <= 3; i++) {
            await repo.create('meeting', meeting(`Встреча ${i}`));
            await until((seen) => seen.at(-1) === before + i);
          }
        },
        (seen) => seen.at(-1) === before + 3,
      );
      expect(seen.at(-1)).toBe(before + 3);
    }
    for (const tab of tabs) tab.close();
  });

  it('spaced out, a costly query runs far fewer times than the writes that change it, and misses none', async () => {
    const db = new NastavnikDb(`live-${Math.random()}`, { indexedDB, IDBKeyRange });
    const queries = createQueries(db);
    const repo = createRepository(db);
    let runs = 0;
    const seen: number[] = [];
    // A query that takes 20 ms (as counting a big school does) and awaits before it reads.
    const costly = spacedQuery(async () => {
      runs += 1;
      await new Dexie.Promise((resolve) => setTimeout(resolve, 20));
      return (await queries.tasksOfPlans([PLAN])).length;
    });
    const sub = liveQuery(costly).subscribe({ next: (v) => seen.push(v) });
    await vi.waitFor(() => expect(seen).toEqual([0]), { timeout: 10_000 });
    const runsBefore = runs;
    for (let i = 0; i < 40; i++)
      await repo.create('task', { planId: PLAN, title: `t${i}`, status: 'todo', due: null, order: i });
    await vi.waitFor(() => expect(seen.at(-1)).toBe(40), { timeout: 10_000 });
    sub.unsubscribe();
    expect(runs - runsBefore).toBeLessThan(20);
  });

  it('while this page writes a pull, a query over the whole school waits for the pull to end, then shows the last', async () => {
    const db = new NastavnikDb(`live-${Math.random()}`, { indexedDB, IDBKeyRange });
    const queries = createQueries(db);
    const repo = createRepository(db);
    let runs = 0;
    const seen: number[] = [];
    const costly = spacedQuery(
      async () => {
        runs += 1;
        await new Dexie.Promise((resolve) => setTimeout(resolve, 6));
        return (await queries.tasksOfPlans([PLAN])).length;
      },
      undefined,
      { waitsForPull: true },
    );
    const sub = liveQuery(costly).subscribe({ next: (v) => seen.push(v) });
    await vi.waitFor(() => expect(seen).toEqual([0]), { timeout: 10_000 });
    // A first change, so that the query knows what a run costs.
    await repo.create('task', { planId: PLAN, title: 't', status: 'todo', due: null, order: 0 });
    await vi.waitFor(() => expect(seen.at(-1)).toBe(1), { timeout: 10_000 });
    pullActivity.begin();
    const runsBefore = runs;
    for (let i = 1; i <= 200; i++)
      await repo.create('task', { planId: PLAN, title: `t${i}`, status: 'todo', due: null, order: i });
    const runsDuring = runs - runsBefore;
    pullActivity.end();
    await vi.waitFor(() => expect(seen.at(-1)).toBe(201), { timeout: 10_000 });
    sub.unsubscribe();
    expect(runsDuring).toBe(0);
  });

  it('follow a consent withdrawn into the questionnaires list, which reads only the people yet to answer', async () => {
    const db = new NastavnikDb(`live-${Math.random()}`, { indexedDB, IDBKeyRange });
    const queries = createQueries(db);
    const repo = createRepository(db);
    const made = await Promise.all([
      repo.create('person', { fullName: 'Рябов', kind: 'student', minor: true }),
      repo.create('formTemplate', { title: 'Анкета', questions: [] }),
    ]);
    const [minor, template] = made.map((r) => (r.ok ? r.id : ''));
    const consent = await repo.create('consent', {
      personId: minor,
      signedBy: 'Мама',
      date: '2026-09-01',
      withdrawn: false,
    });
    await repo.create('formAssignment', { templateId: template, personId: minor, pairId: null, due: null });
    const seen = await emissions(
      () => loadQuestionnaireList(queries).then((rows) => rows.map((r) => r.assigned).join()),
      async (until) => {
        await until((s) => s.at(-1) === '1');
        if (consent.ok)
          await repo.update('consent', consent.id, { withdrawn: true, withdrawnDate: '2026-11-26' });
      },
      (s) => s.at(-1) === '0',
    );
    expect(seen.at(-1)).toBe('0');
  });
});
