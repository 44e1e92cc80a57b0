import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { NastavnikDb } from '../db/database';
import { createQueries } from '../db/queries';
import { createRepository } from '../db/repository';
import { loadAllStrings } from '../i18n/i18n';
import { reminderText } from './reminders';

const TODAY = '2026-12-01';

async function school() {
  const db = new NastavnikDb(`reminders-${Math.random()}`, { indexedDB, IDBKeyRange });
  const repo = createRepository(db);
  const id = async (type: string, fields: Record<string, unknown>) => {
    const r = await repo.create(type as 'person', fields as never);
    if (!r.ok) throw new Error('write failed');
    return r.id;
  };
  const mentor = await id('person', { fullName: 'Учителева Анна', kind: 'teacher' });
  const mentee = await id('person', { fullName: 'Петров Коля', kind: 'student' });
  // A pair that began a month ago and has not met, with one overdue task in the mentee's plan.
  const pair = await id('pair', {
    mentorId: mentor,
    menteeIds: [mentee],
    form: 'учитель–ученик',
    status: 'active',
    startDate: '2026-11-01',
  });
  const plan = await id('plan', { pairId: pair, menteeId: mentee, title: 'План' });
  await id('task', { planId: plan, title: 'Прочитать главу 3', status: 'todo', due: '2026-11-20' });
  return { queries: createQueries(db), mentor, mentee };
}

describe('a reminder', () => {
  it('tells a mentee of their own plan in plain words, and a mentor of the pairs to meet', async () => {
    await loadAllStrings();
    const { queries, mentor, mentee } = await school();
    expect(await reminderText(queries, mentee, TODAY)).toBe(
      'Задач из плана развития, срок которых прошёл: 1',
    );
    expect(await reminderText(queries, mentor, TODAY)).toBe(
      'Просрочено задач ИПР: 1. Пар без встреч больше 14 дней: 1',
    );
  });
});
