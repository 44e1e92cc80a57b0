import { describe, expect, it } from 'vitest';
import { personKey, planImport } from './import-people';

describe('importing a class list', () => {
  it('reads names, classes and categories, and names every bad row', () => {
    const plan = planImport([
      ['ФИО', 'Класс', 'Категория'],
      ['Иванов Иван Иванович', '7Б', 'ученик'],
      ['  Петрова   Анна ', '7Б', ''],
      ['', '7Б', 'ученик'],
      ['Сидоров 2 Пётр', '7Б', 'ученик'],
      ['Козлова Мария', 'Математика', 'педагог'],
      ['Орлов Олег', '7Б', 'директор'],
      ['Иванов Иван Иванович', '7Б', 'ученик'],
      ['', '', ''],
    ]);
    expect(plan.people).toEqual([
      { fullName: 'Иванов Иван Иванович', kind: 'student', classOrSubject: '7Б', minor: true },
      { fullName: 'Петрова Анна', kind: 'student', classOrSubject: '7Б', minor: true },
      { fullName: 'Козлова Мария', kind: 'teacher', classOrSubject: 'Математика', minor: false },
    ]);
    expect(plan.errors).toEqual([
      { row: 4, reason: 'не указано ФИО' },
      { row: 5, reason: 'в ФИО «Сидоров 2 Пётр» есть цифры' },
      { row: 7, reason: 'непонятная категория «директор»: ученик, педагог или другое' },
      { row: 8, reason: '«Иванов Иван Иванович» уже есть выше в этом файле' },
    ]);
  });

  it('joins surname, name and patronymic columns and reads the minor column', () => {
    const plan = planImport([
      ['Фамилия', 'Имя', 'Отчество', 'Класс', 'Несовершеннолетний'],
      ['Лебедев', 'Артём', 'Игоревич', '11А', 'нет'],
      ['Лебедева', 'Анна', '', '11А', 'может быть'],
    ]);
    expect(plan.people).toEqual([
      { fullName: 'Лебедев Артём Игоревич', kind: 'student', classOrSubject: '11А', minor: false },
    ]);
    expect(plan.errors[0]?.reason).toMatch(/«да» или «нет»/);
  });

  it('refuses a file without a name column, and skips people already in the base', () => {
    expect(planImport([['Класс'], ['7Б']]).errors[0]?.row).toBe(1);
    const plan = planImport(
      [
        ['ФИО', 'Класс'],
        ['Ёлкина Вера', '5А'],
        ['Новая Ольга', '5А'],
      ],
      new Set([personKey('Елкина Вера', '5а')]),
    );
    expect(plan).toMatchObject({ duplicates: 1, people: [{ fullName: 'Новая Ольга' }] });
  });
});
