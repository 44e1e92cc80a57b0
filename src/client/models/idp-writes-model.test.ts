import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { mergeRecords } from '../../domain/merge';
import type { SyncedRecord } from '../../domain/record';
import { NastavnikDb } from '../db/database';
import { setMeta } from '../db/meta';
import { createQueries } from '../db/queries';
import { createRepository } from '../db/repository';
import { clockOffset } from '../state/school-clock';
import { loadPlan } from './idp-model';
import { addTask, DEFAULT_PLAN_TITLE, ensurePlan, planIdFor } from './idp-writes-model';

const PAIR = '0193a3f0-0000-7000-8000-000000000010';
const MENTEE = '0193a3f0-0000-7000-8000-000000000011';

async function device(node: string) {
  const db = new NastavnikDb(`idp-${node}-${Math.random()}`, { indexedDB, IDBKeyRange });
  await setMeta(db, 'node', node);
  return { db, repo: createRepository(db), queries: createQueries(db) };
}

describe('the one IDP of a mentee in a pair', () => {
  it('is one plan however many quick writes make it, and every task lands in it', async () => {
    const phone = await device('phone');
    // Two next steps sent to the IDP in a row, before either write has been read back.
    const [a, b] = await Promise.all([
      addTask(phone.repo, phone.queries, { pairId: PAIR, menteeId: MENTEE }, { title: 'Доклад' }),
      addTask(phone.repo, phone.queries, { pairId: PAIR, menteeId: MENTEE }, { title: 'Олимпиада' }),
    ]);
    expect(a?.ok && b?.ok).toBe(true);
    const plans = await phone.db.records('plan').toArray();
    expect(plans.map((p) => p.id)).toEqual([await planIdFor(PAIR, MENTEE)]);
    expect(plans[0]?.fields.title).toBe(DEFAULT_PLAN_TITLE);
    const tasks = await phone.db.records('task').toArray();
    expect(tasks.map((t) => t.fields.planId)).toEqual([plans[0]?.id, plans[0]?.id]);
    phone.db.close();
  });

  it('puts a new task last by the school’s clock, whatever the device’s date', async () => {
    const phone = await device('phone');
    const target = { pairId: PAIR, menteeId: MENTEE };
    await addTask(phone.repo, phone.queries, target, { title: 'Первая' });
    // The device's date is put a year back; its last sync measured the school a year ahead.
    const year = 365 * 24 * 60 * 60 * 1000;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - year);
    clockOffset.value = year;
    try {
      await addTask(phone.repo, phone.queries, target, { title: 'Вторая, с телефона, отстающего на год' });
    } finally {
      clockOffset.value = 0;
      vi.useRealTimers();
    }
    const tasks = await phone.db.records('task').toArray();
    const order = (title: string) => tasks.find((t) => t.fields.title?.startsWith(title))?.fields.order ?? 0;
    expect(order('Вторая')).toBeGreaterThan(order('Первая'));
    phone.db.close();
  });

  it('made offline on two devices is the same record, and a title typed on one wins', async () => {
    const phone = await device('phone');
    const pc = await device('pc');
    const onPhone = await ensurePlan(phone.repo, phone.queries, PAIR, MENTEE);
    const onPc = await ensurePlan(pc.repo, pc.queries, PAIR, MENTEE);
    expect(onPhone.ok && onPc.ok && onPhone.id === onPc.id).toBe(true);
    const id = (onPc as { id: string }).id;
    await phone.repo.update('plan', id, { title: 'План подготовки к олимпиаде' });
    const merged = mergeRecords(
      (await pc.db.records('plan').get(id)) as SyncedRecord,
      (await phone.db.records('plan').get(id)) as SyncedRecord,
    );
    expect(merged.fields.title).toBe('План подготовки к олимпиаде');
    phone.db.close();
    pc.db.close();
  });

  it('shows the goals and tasks of an older second plan too', async () => {
    const { db, repo, queries } = await device('pc');
    for (const planId of ['0193a3f0-0000-7000-8000-0000000000a1', '0193a3f0-0000-7000-8000-0000000000a2'])
      await repo.create('plan', { pairId: PAIR, menteeId: MENTEE, title: 'ИПР' }, planId);
    await repo.create('task', {
      planId: '0193a3f0-0000-7000-8000-0000000000a2',
      title: 'Задача из второго плана',
      status: 'todo',
      due: null,
      order: 1,
    });
    await repo.create('pair', { mentorId: MENTEE, menteeIds: [MENTEE], form: 'x', status: 'active' }, PAIR);
    const page = await loadPlan(queries, PAIR, MENTEE, '2026-11-25');
    expect(page?.progress.total).toBe(1);
    db.close();
  });
});
