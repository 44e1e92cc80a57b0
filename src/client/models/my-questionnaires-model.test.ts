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

it('tells apart the same questionnaire given within two pairs: each names the other side of its pair', async () => {
  const db = new NastavnikDb(`my-forms-${Math.random()}`, { indexedDB, IDBKeyRange });
  dbs.push(db);
  const repo = createRepository(db);
  const id = (n: number) => `0193a3f0-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`;
  const [first, second, mentee2, pairA, pairB, formA, formB, formAlone, formOfMentor] = [
    id(1),
    id(2),
    id(3),
    id(4),
    id(5),
    id(6),
    id(7),
    id(8),
    id(9),
  ];
  const given = (personId: string, pairId: string | null) => ({
    templateId: TEMPLATE,
    personId,
    pairId,
    due: null,
  });
  for (const [type, fields, recordId] of [
    ['person', { fullName: 'Иванов Пётр Сергеевич', kind: 'student', minor: false }, MENTEE],
    ['person', { fullName: 'Смирнова Ольга Викторовна', kind: 'teacher' }, first],
    ['person', { fullName: 'Волков Игорь Петрович', kind: 'teacher' }, second],
    ['person', { fullName: 'Соколов Дмитрий Ильич', kind: 'student', minor: false }, mentee2],
    ['pair', { mentorId: first, menteeIds: [MENTEE], form: 'учитель–ученик', status: 'active' }, pairA],
    [
      'pair',
      { mentorId: second, menteeIds: [mentee2, MENTEE], form: 'учитель–ученик', status: 'active' },
      pairB,
    ],
    ['formTemplate', { title: 'Промежуточная обратная связь', questions: [] }, TEMPLATE],
    ['formAssignment', given(MENTEE, pairA), formA],
    ['formAssignment', given(MENTEE, pairB), formB],
    ['formAssignment', given(MENTEE, null), formAlone],
    ['formAssignment', given(second, pairB), formOfMentor],
  ] as const)
    expect((await repo.create(type, fields, recordId)).ok).toBe(true);
  const queries = createQueries(db);

  const mentee = await loadMyQuestionnaires(queries, MENTEE, '2026-11-25');
  const mentor = await loadMyQuestionnaires(queries, second, '2026-11-25');

  expect(new Map(mentee.toFill.map((f) => [f.assignment.id, f.about]))).toEqual(
    new Map([
      [formA, { side: 'mentor', names: ['Смирнова Ольга Викторовна'] }],
      [formB, { side: 'mentor', names: ['Волков Игорь Петрович'] }],
      [formAlone, null],
    ]),
  );
  expect(mentor.toFill.map((f) => f.about)).toEqual([
    { side: 'mentees', names: ['Соколов Дмитрий Ильич', 'Иванов Пётр Сергеевич'] },
  ]);
});

it('does not list a form given within a pair no longer on this device: there is no pair to answer about', async () => {
  const db = new NastavnikDb(`my-forms-${Math.random()}`, { indexedDB, IDBKeyRange });
  dbs.push(db);
  const repo = createRepository(db);
  const [gonePair, kept] = ['0193a3f0-0000-7000-8000-000000000201', '0193a3f0-0000-7000-8000-000000000202'];
  for (const [type, fields, recordId] of [
    ['formTemplate', { title: 'Промежуточная обратная связь', questions: [] }, TEMPLATE],
    ['formAssignment', { templateId: TEMPLATE, personId: MENTEE, pairId: NOT_HERE, due: null }, gonePair],
    ['formAssignment', { templateId: TEMPLATE, personId: MENTEE, pairId: null, due: null }, kept],
  ] as const)
    expect((await repo.create(type, fields, recordId)).ok).toBe(true);

  const { toFill } = await loadMyQuestionnaires(createQueries(db), MENTEE, '2026-11-25');

  expect(toFill.map((f) => f.assignment.id)).toEqual([kept]);
});
