import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { RecordType } from '../../domain/record-types';
import { NastavnikDb } from '../db/database';
import { createQueries } from '../db/queries';
import { createRepository } from '../db/repository';
import { erasePerson, filterPeople, namesakeOf, type PersonRow } from './people-model';

const row = (fullName: string, classOrSubject: string | null): PersonRow => ({
  person: {
    id: fullName,
    type: 'person',
    fields: { fullName, kind: 'student', classOrSubject },
    stamps: {},
  },
  hasConsent: false,
  needsConsent: false,
  pairs: 0,
});
const rows = [row('Фёдоров Фёдор', '7А'), row('Алёна Смирнова', '7 а'), row('Алина Петрова', '8Б')];
const names = (found: PersonRow[]) => found.map((r) => r.person.fields.fullName);
const filter = { text: '', kind: '', className: '', withArchived: false };

describe('«Поиск по ФИО» and the class filter', () => {
  it('finds «Фёдор» for «Федор» and «Алёна» for «Алена», in any case', () => {
    expect(names(filterPeople(rows, { ...filter, text: 'федор' }))).toEqual(['Фёдоров Фёдор']);
    expect(names(filterPeople(rows, { ...filter, text: 'АЛЕНА' }))).toEqual(['Алёна Смирнова']);
    expect(names(filterPeople(rows, { ...filter, text: 'Алёна  Смирнова' }))).toEqual(['Алёна Смирнова']);
  });

  it('takes «7 а» and «7А» for one class', () => {
    expect(names(filterPeople(rows, { ...filter, className: '7А' }))).toEqual([
      'Фёдоров Фёдор',
      'Алёна Смирнова',
    ]);
  });
});

describe('a person added by hand who may already be in the base', () => {
  // A second «Иванов Пётр Сергеевич, 7А» was added without a word (a walk-through).
  const rows = [row('Иванов Пётр Сергеевич', '7А'), row('Смирнова Анна', null)];

  it('is found by the name as search folds it, in the same class or where one has none', () => {
    expect(namesakeOf(rows, 'иванов петр сергеевич', '7а')?.id).toBe('Иванов Пётр Сергеевич');
    expect(namesakeOf(rows, 'Иванов Пётр Сергеевич', '')?.id).toBe('Иванов Пётр Сергеевич');
    expect(namesakeOf(rows, 'Смирнова Анна', '5Б')?.id).toBe('Смирнова Анна');
  });

  it('is not someone of the same name in another class, nor another name', () => {
    expect(namesakeOf(rows, 'Иванов Пётр Сергеевич', '9В')).toBeUndefined();
    expect(namesakeOf(rows, 'Иванов Павел Сергеевич', '7А')).toBeUndefined();
  });
});

describe('erasing a person', () => {
  it('deletes the pair they were the only mentee of with its meetings and fit answers; they leave groups', async () => {
    const db = new NastavnikDb(`erase-${Math.random()}`, { indexedDB, IDBKeyRange });
    const repo = createRepository(db);
    const id = async (type: RecordType, fields: Record<string, unknown>) =>
      ((await repo.create(type, fields)) as { id: string }).id;
    const mentor = await id('person', { fullName: 'Кузнецова Ирина', kind: 'teacher' });
    const pupil = await id('person', { fullName: 'Алексеев Артём', kind: 'student' });
    const other = await id('person', { fullName: 'Белова Анна', kind: 'student' });
    const pair = (menteeIds: string[]) =>
      id('pair', { mentorId: mentor, menteeIds, form: 'учитель–ученик', status: 'active' });
    const solo = await pair([pupil]);
    const group = await pair([pupil, other]);
    const met = (pairId: string) =>
      id('meeting', { pairId, date: '2026-11-20', kind: 'regular', durationMin: 30, notes: 'Заметки' });
    const soloMeeting = await met(solo);
    const groupMeeting = await met(group);
    const mentorsFit = await id('fitAnswer', {
      pairId: solo,
      personId: mentor,
      fits: false,
      comment: 'Не ходит',
    });
    expect((await erasePerson(repo, createQueries(db), pupil)).ok).toBe(true);
    const live = async (type: RecordType, recordId: string) =>
      (await db.records(type).get(recordId))?.deleted === undefined;
    expect(await live('pair', solo)).toBe(false);
    expect(await live('meeting', soloMeeting)).toBe(false);
    expect(await live('fitAnswer', mentorsFit)).toBe(false);
    expect(await live('person', pupil)).toBe(false);
    expect((await db.records('pair').get(group))?.fields.menteeIds).toEqual([other]);
    expect(await live('meeting', groupMeeting)).toBe(true);
    db.close();
  });
});
