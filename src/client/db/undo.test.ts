import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncedRecord } from '../../domain/record';
import { NastavnikDb } from './database';
import { createDrafts } from './drafts';
import { createRepository } from './repository';
import { applyUndoable, type Step } from './undo';

const PLAN = '0193a3f0-0000-7000-8000-000000000001';
let db: NastavnikDb;
afterEach(() => db?.close());

async function planWithGoal() {
  db = new NastavnikDb(`undo-${Math.random()}`, { indexedDB, IDBKeyRange });
  const repo = createRepository(db);
  const goal = await repo.create('goal', { planId: PLAN, title: 'Экзамен', order: 0 });
  if (!goal.ok) throw new Error(goal.reason);
  for (const title of ['Вариант 1', 'Вариант 2'])
    await repo.create('task', { planId: PLAN, goalId: goal.id, title, status: 'todo', due: null, order: 0 });
  const live = async (type: 'goal' | 'task') =>
    (await db.records(type).toArray()).filter((r) => r.deleted === undefined);
  return { repo, live, goal: (await live('goal'))[0] as SyncedRecord, tasks: await live('task') };
}

describe('undoable deletes', () => {
  it('brings a deleted goal back with its deleted tasks, pointing at the goal again', async () => {
    const { repo, live, goal, tasks } = await planWithGoal();
    const steps: Step[] = [goal, ...tasks].map((record) => ({ op: 'delete', record }));
    const { result, undo } = await applyUndoable(repo, steps);
    expect(result.ok).toBe(true);
    expect(await live('goal')).toEqual([]);
    expect(await live('task')).toEqual([]);

    expect((await undo()).ok).toBe(true);
    const [back] = await live('goal');
    expect(back?.fields.title).toBe('Экзамен');
    const restored = await live('task');
    expect(restored.map((t) => t.fields.title).sort()).toEqual(['Вариант 1', 'Вариант 2']);
    expect(restored.every((t) => t.fields.goalId === back?.id)).toBe(true);
  });

  it('puts kept tasks back under the restored goal', async () => {
    const { repo, live, goal, tasks } = await planWithGoal();
    const steps: Step[] = [
      { op: 'delete', record: goal },
      ...tasks.map(
        (t): Step => ({
          op: 'update',
          type: 'task',
          id: t.id,
          before: { goalId: goal.id },
          after: { goalId: null },
        }),
      ),
    ];
    const { undo } = await applyUndoable(repo, steps);
    expect((await live('task')).map((t) => t.fields.goalId)).toEqual([null, null]);
    await undo();
    const [back] = await live('goal');
    expect((await live('task')).map((t) => t.fields.goalId)).toEqual([back?.id, back?.id]);
  });

  it('undoes what it did when a later write fails: a goal refused after its tasks went keeps them', async () => {
    const { repo, live, goal, tasks } = await planWithGoal();
    // The goal's delete fails (a full disk, a closed database): the tasks deleted before it come back.
    const failing: typeof repo = {
      ...repo,
      remove: (type, id) =>
        id === goal.id
          ? Promise.resolve({ ok: false, code: 'quota', reason: 'disk full' })
          : repo.remove(type, id),
    };
    const steps: Step[] = [goal, ...tasks].map((record) => ({ op: 'delete', record }));
    const { result } = await applyUndoable(failing, steps);
    expect(result.ok).toBe(false);
    expect((await live('goal')).map((g) => g.id)).toEqual([goal.id]);
    const kept = await live('task');
    expect(kept.map((t) => t.fields.title).sort()).toEqual(['Вариант 1', 'Вариант 2']);
    expect(kept.every((t) => t.fields.goalId === goal.id)).toBe(true);
  });

  it("ends the form's draft in the last step's write, and keeps it when the steps are refused", async () => {
    const { repo, goal } = await planWithGoal();
    const drafts = createDrafts(db, Date.now, null);
    const key = `goal:title:${goal.id}`;
    const typed = { title: 'Экзамен по математике' };
    await drafts.save(key, typed, { base: null, writer: 'A' });
    const step: Step = {
      op: 'update',
      type: 'goal',
      id: goal.id,
      before: { title: 'Экзамен' },
      after: typed,
    };
    const refusing: typeof repo = {
      ...repo,
      update: () => Promise.resolve({ ok: false, code: 'quota', reason: 'disk full' }),
    };
    expect((await applyUndoable(refusing, [step], { endsDraft: drafts.ending(key, typed) })).result.ok).toBe(
      false,
    );
    expect((await drafts.get(key))?.value).toEqual(typed);
    const { result } = await applyUndoable(repo, [step], { endsDraft: drafts.ending(key, typed) });
    expect(result.ok).toBe(true);
    expect(await drafts.get(key)).toBeUndefined();
    expect((await db.records('goal').get(goal.id))?.fields.title).toBe('Экзамен по математике');
  });
});
