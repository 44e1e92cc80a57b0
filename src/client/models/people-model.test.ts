import { describe, expect, it } from 'vitest';
import { filterPeople, type PersonRow } from './people-model';

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
