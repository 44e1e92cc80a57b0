// The app's own «Участники» CSV export, imported back: into the same school nobody is new, and into an
// empty one every person comes back as they were — the «'» the export puts before «-», «+», «=» or «@»
// removed, a phone number's leading space trimmed, contacts without a «Контакты:» that grew on every round trip, «В архиве» and «Обучен» kept.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { planSheets } from '../../domain/import-people';
import { NastavnikDb } from '../db/database';
import { createQueries } from '../db/queries';
import { createRepository } from '../db/repository';
import { tableRows } from '../models/data-model';
import { csvContent } from './download';
import { readTable } from './read-table';

const PEOPLE = [
  {
    fullName: '-Минусов Иван Иванович',
    kind: 'student',
    classOrSubject: '7Б',
    birthDate: '2012-01-02',
    minor: true,
    contacts: '+7 900 111-22-33',
  },
  { fullName: 'Ёлкина Алёна-Мария', kind: 'student', classOrSubject: '7Б', minor: true, archived: true },
  {
    fullName: 'Орлова Ирина Павловна',
    kind: 'teacher',
    classOrSubject: 'Математика',
    minor: false,
    trained: true,
    contacts: 'Телефон: +7 900 000-00-01',
  },
];

describe('the people CSV export imported back', () => {
  it('is the same people: none new in the same school, each as they were in an empty one', async () => {
    const db = new NastavnikDb(`round-trip-${Math.random()}`, { indexedDB, IDBKeyRange });
    const repo = createRepository(db);
    for (const fields of PEOPLE) expect((await repo.create('person', fields)).ok).toBe(true);
    const queries = createQueries(db);
    const csv = await csvContent(await tableRows(queries, 'people'));
    expect(csv).toContain("'-Минусов");
    // A phone number reaches the curator as typed: no formula guard's apostrophe before it.
    expect(csv).not.toContain("'+7");
    expect(csv).toContain('" +7 900 111-22-33"');

    const read = await readTable(new File([csv], 'people.csv'));
    if (!read.ok) throw new Error(read.code);
    const existing = (await queries.people()).map((p) => ({
      id: p.id,
      fullName: p.fields.fullName ?? '',
      classOrSubject: p.fields.classOrSubject ?? null,
      birthDate: p.fields.birthDate ?? null,
    }));
    const again = planSheets(read.table.sheets, existing, '2026-09-01');
    expect({ people: again.people, likely: again.likely, errors: again.errors }).toEqual({
      people: [],
      likely: [],
      errors: [],
    });
    expect(again.existing).toHaveLength(3);

    const fresh = planSheets(read.table.sheets, [], '2026-09-01');
    expect(fresh.errors).toEqual([]);
    expect(fresh.people.map((p) => p.person)).toEqual(
      PEOPLE.map((p) => ({
        fullName: p.fullName,
        kind: p.kind,
        classOrSubject: p.classOrSubject,
        birthDate: p.birthDate ?? null,
        minor: p.minor,
        contacts: p.contacts ?? null,
        archived: p.archived === true,
        trained: p.trained === true,
      })),
    );
  });
});
