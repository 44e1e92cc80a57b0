import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { expect, it } from 'vitest';
import type { SyncedRecord } from '../../domain/record';
import { NastavnikDb } from '../db/database';
import { createRepository } from '../db/repository';
import { createPair, setPairStatus } from './pairs-model';

it('keeps every status change in the history, even two made before the screen showed the first', async () => {
  const db = new NastavnikDb(`pair-${Math.random()}`, { indexedDB, IDBKeyRange });
  const repo = createRepository(db);
  const made = (await createPair(
    repo,
    {
      mentorId: '0193a3f0-0000-7000-8000-000000000001',
      menteeIds: ['0193a3f0-0000-7000-8000-000000000002'],
      form: 'учитель–ученик',
    },
    '2026-09-01',
  )) as { id: string };
  const shown = (await db.records('pair').get(made.id)) as SyncedRecord<'pair'>;
  await Promise.all([
    setPairStatus(repo, shown, 'approved', '2026-09-02', 'Приказ 7-о'),
    setPairStatus(repo, shown, 'active', '2026-09-03'),
  ]);
  const pair = (await db.records('pair').get(made.id)) as SyncedRecord<'pair'>;
  expect(pair.fields.history?.map((h) => h.status)).toEqual(['proposed', 'approved', 'active']);
  expect(pair.fields.startDate).toBe('2026-09-03');
  db.close();
});
