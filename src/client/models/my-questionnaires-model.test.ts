import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, expect, it } from 'vitest';
import { NastavnikDb } from '../db/database';
import { createDrafts } from '../db/drafts';
import { createQueries } from '../db/queries';
import { createRepository } from '../db/repository';
import { loadMyQuestionnaires } from './my-questionnaires-model';

const dbs: NastavnikDb[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

const MENTEE = '0193a3f0-0000-7000-8000-000000000001';
const TEMPLATE = '0193a3f0-0000-7000-8000-000000000002';
const NOT_HERE = '0193a3f0-0000-7000-8000-000000000003';
// Assignments are listed in the order of their ids: the one whose questionnaire is missing comes first.
const ORPHAN = '0193a3f0-0000-7000-8000-000000000011';
const STARTED = '0193a3f0-0000-7000-8000-000000000012';

it('marks the form the mentee started as a draft, even after a form whose questionnaire is not here yet', async () => {
  const db = new NastavnikDb(`my-forms-${Math.random()}`, { indexedDB, IDBKeyRange });
  dbs.push(db);
  const repo = createRepository(db);
  const assignment = (templateId: string) => ({ templateId, personId: MENTEE, pairId: null, due: null });
  for (const [type, fields, id] of [
    ['formTemplate', { title: 'Анкета наставляемого', questions: [] }, TEMPLATE],
    ['formAssignment', assignment(NOT_HERE), ORPHAN],
    ['formAssignment', assignment(TEMPLATE), STARTED],
  ] as const)
    expect((await repo.create(type, fields, id)).ok).toBe(true);
  await createDrafts(db).save(`form:${STARTED}`, { answers: { comfort: 4 } });

  const { toFill } = await loadMyQuestionnaires(createQueries(db), MENTEE, '2026-11-25');

  expect(toFill.map((f) => [f.assignment.id, f.title, f.hasDraft])).toEqual([
    [STARTED, 'Анкета наставляемого', true],
  ]);
});
