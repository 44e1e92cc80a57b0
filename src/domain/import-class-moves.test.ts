import { describe, expect, it } from 'vitest';
import { classMoves } from './import-class-moves';
import { type ExistingPerson, planImport } from './import-people';

const TODAY = '2026-09-01';
const base = (id: string, fullName: string, classOrSubject: string | null, birthDate: string | null = null) =>
  ({ id, fullName, classOrSubject, birthDate }) satisfies ExistingPerson;
const moved = (moves: ReturnType<typeof classMoves>) =>
  moves.map((m) => `${m.row}: ${m.id} ${m.from ?? '—'} → ${m.to}`);

describe('a class list read again moves the people already in the base to the class it gives', () => {
  const plan = planImport(
    [
      ['ФИО', 'Класс', 'Дата рождения'],
      ['Ёлкина Алёна Сергеевна', '8 «Б»', ''],
      ['Соколов Иван', '11-1', ''],
      ['Гусев Денис', '8Б', '01.01.2013'],
      ['Орлова Ольга', '7 б', ''],
      ['Петров Пётр', '', '05.05.2012'],
      ['Новиков Никита', '8Б', ''],
      ['Лебедев Лев', '8Б', ''],
    ],
    [
      base('a', 'Ёлкина Алёна Сергеевна', '7Б'),
      base('b', 'Соколов Иван', '10-1'),
      // The same name and birth date: the same pupil, whatever class the base says.
      base('c', 'Гусев Денис', '7Б', '2013-01-01'),
      // The same class written otherwise: nothing to change.
      base('d', 'Орлова Ольга', '7Б'),
      // No class in the file: the base's stays.
      base('e', 'Петров Пётр', '8А', '2012-05-05'),
      // The same name with no class in the base: too little to move anyone.
      base('f', 'Лебедев Лев', null),
    ],
    TODAY,
  );

  it('one class up, unless the curator says it is another person; found by birth date, always', () => {
    expect(moved(classMoves(plan, () => false))).toEqual([
      '2: a 7Б → 8Б',
      '3: b 10-1 → 11-1',
      '4: c 7Б → 8Б',
    ]);
    expect(moved(classMoves(plan, (at) => at.row === 3))).toEqual(['2: a 7Б → 8Б', '4: c 7Б → 8Б']);
  });

  it('names each person once, with the base’s name and class', () => {
    const [first] = classMoves(plan, () => false);
    expect(first).toMatchObject({ id: 'a', fullName: 'Ёлкина Алёна Сергеевна', from: '7Б', to: '8Б' });
  });

  it('a teacher under another subject is likely the same, and takes it unless marked another person', () => {
    const staff = planImport(
      [
        ['ФИО', 'Предмет', 'Категория'],
        ['Щеглова Нина Петровна', 'Биология', 'учитель'],
        ['Соколов И. А.', 'Физика', 'учитель'],
      ],
      [base('t', 'Щеглова Нина Петровна', 'Химия'), base('s', 'Соколов Иван Андреевич', 'Математика')],
      TODAY,
    );
    // Initials under another subject are someone else, as before.
    expect(staff.people.map((p) => p.row)).toEqual([3]);
    expect(staff.likely.map((l) => l.row)).toEqual([2]);
    expect(moved(classMoves(staff, () => false))).toEqual(['2: t Химия → Биология']);
    expect(moved(classMoves(staff, (at) => at.row === 2))).toEqual([]);
  });
});
