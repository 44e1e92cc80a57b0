import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { expect, it } from 'vitest';
import { NastavnikDb } from '../db/database';
import { createQueries } from '../db/queries';
import { createRepository } from '../db/repository';
import { loadPairing } from './matching-model';

it('a senior pupil who answered the mentors’ questionnaire is a mentor to suggest, not a mentee waiting', async () => {
  const db = new NastavnikDb(`matching-${Math.random()}`, { indexedDB, IDBKeyRange });
  const repo = createRepository(db);
  const person = async (fullName: string, kind: string) =>
    (
      (await repo.create('person', {
        fullName,
        kind,
        classOrSubject: kind === 'student' ? '11А' : null,
      })) as {
        id: string;
      }
    ).id;
  const senior = await person('Цветкова Дарья', 'student');
  const junior = await person('Алексеев Артём', 'student');
  const curator = await person('Куратор', 'teacher');
  const template = (
    (await repo.create('formTemplate', {
      title: 'Анкета наставника',
      kind: 'intake-mentor',
      questions: [{ id: 'strengths', kind: 'shortText', text: 'В чём вы можете помочь?', required: false }],
    })) as { id: string }
  ).id;
  const assignment = (
    (await repo.create('formAssignment', {
      templateId: template,
      personId: senior,
      pairId: null,
      due: null,
    })) as {
      id: string;
    }
  ).id;
  await repo.create('formResponse', {
    assignmentId: assignment,
    answers: { strengths: 'Математика' },
    submittedAt: '2026-11-20T10:00:00.000Z',
  });
  const pairing = await loadPairing(createQueries(db), curator);
  expect(pairing.unpaired.map((p) => p.id)).toEqual([junior]);
  expect(pairing.suggestFor(junior).map((s) => s.mentor.id)).toContain(senior);
  db.close();
});
