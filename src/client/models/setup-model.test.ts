import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { expect, it } from 'vitest';
import { NastavnikDb } from '../db/database';
import { createQueries } from '../db/queries';
import { createRepository } from '../db/repository';
import { loadSetup } from './setup-model';

it('the consents step says how many minors have their parents’ consent recorded', async () => {
  const db = new NastavnikDb(`setup-${Math.random()}`, { indexedDB, IDBKeyRange });
  const repo = createRepository(db);
  const pupil = async (fullName: string) =>
    ((await repo.create('person', { fullName, kind: 'student', minor: true })) as { id: string }).id;
  const [first] = [await pupil('Алексеев Артём'), await pupil('Белова Анна'), await pupil('Попов Игорь')];
  await repo.create('consent', {
    personId: first,
    signedBy: 'Алексеева Мария',
    date: '2026-09-01',
    withdrawn: false,
  });
  const consents = (await loadSetup(createQueries(db), 'curator')).find((s) => s.key === 'consents');
  expect(consents).toMatchObject({ isDone: false, progress: { done: 1, of: 3 } });
  db.close();
});
