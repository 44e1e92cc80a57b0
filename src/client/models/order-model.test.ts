import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { expect, it } from 'vitest';
import { NastavnikDb } from '../db/database';
import { createQueries } from '../db/queries';
import { createRepository } from '../db/repository';
import { loadOrder } from './order-model';
import { createPair } from './pairs-model';

it('an order stays as signed: a pair deleted since keeps its row and number, not its people', async () => {
  const db = new NastavnikDb(`order-${Math.random()}`, { indexedDB, IDBKeyRange });
  const repo = createRepository(db);
  const person = async (fullName: string, kind: string) =>
    ((await repo.create('person', { fullName, kind })) as { id: string }).id;
  const mentor = await person('Кузнецова Ирина Павловна', 'teacher');
  const pairs: string[] = [];
  for (const name of ['Алексеев Артём', 'Белова Анна', 'Попов Игорь'])
    pairs.push(
      (
        (await createPair(
          repo,
          { mentorId: mentor, menteeIds: [await person(name, 'student')], form: 'учитель–ученик' },
          '2026-09-01',
        )) as { id: string }
      ).id,
    );
  const order = (await repo.create('order', {
    number: '112-о',
    date: '2026-09-02',
    title: 'Об утверждении наставнических пар',
    pairIds: pairs,
    signer: null,
  })) as { id: string };
  await repo.remove('pair', pairs[0] as string);
  const doc = (await loadOrder(createQueries(db), order.id))?.doc;
  expect(doc?.rows.map((r) => [r.n, r.mentees])).toEqual([
    [1, 'пара удалена из базы (данные участников стёрты)'],
    [2, 'Белова Анна'],
    [3, 'Попов Игорь'],
  ]);
  db.close();
});
