// Exports as Russian Excel reads them, from a real device database to real file bytes: the CSV is UTF-8
// with a byte-order mark, «;»-separated, dates ДД.ММ.ГГГГ and labels instead of codes; the XLSX has typed
// cells; the methodology's bases are filled from the pairs, IDPs and final questionnaires.
import ExcelJS from 'exceljs';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { NastavnikDb } from '../db/database';
import { createQueries } from '../db/queries';
import { createRepository } from '../db/repository';
import { csvContent, xlsxBytes } from '../files/download';
import { baseRows, tableRows } from './data-model';

async function school() {
  const db = new NastavnikDb(`data-${Math.random()}`, { indexedDB, IDBKeyRange });
  const repo = createRepository(db);
  const id = async (type: string, fields: Record<string, unknown>) => {
    const result = await repo.create(type as never, fields);
    if (!result.ok) throw new Error(JSON.stringify(result));
    return result.id;
  };
  const mentor = await id('person', {
    fullName: 'Орлова Ирина Павловна',
    kind: 'teacher',
    classOrSubject: 'Математика',
    contacts: 'Телефон: +7 900 000-00-01',
  });
  const mentee = await id('person', {
    fullName: 'Белова Ксения',
    kind: 'student',
    classOrSubject: '7А',
    minor: true,
    contacts: 'Телефон родителя: +7 900 000-00-02',
  });
  const waiting = await id('person', {
    fullName: 'Гусев Денис',
    kind: 'student',
    classOrSubject: '7А',
    minor: true,
    // As a class list gives a parent's contacts: the name first.
    contacts: 'Гусева Мария Олеговна, +7 900 000-00-03',
  });
  await id('consent', {
    personId: waiting,
    signedBy: 'Гусева Мария Олеговна (мать)',
    date: '2026-09-02',
    withdrawn: false,
  });
  await id('consent', {
    personId: mentee,
    signedBy: 'Белова Анна Петровна',
    date: '2026-09-02',
    withdrawn: false,
  });
  const pair = await id('pair', {
    mentorId: mentor,
    menteeIds: [mentee],
    form: 'учитель — ученик',
    status: 'finished',
    startDate: '2026-09-15',
    history: [
      { date: '2026-09-15', status: 'active', note: null },
      { date: '2027-03-20', status: 'finished', note: 'Программа пройдена' },
    ],
  });
  await id('meeting', {
    pairId: pair,
    date: '2026-09-20',
    kind: 'organisational',
    durationMin: 45,
    notes: '=1+1 шутка',
    status: 'held',
  });
  await id('meeting', {
    pairId: pair,
    date: '2026-10-01',
    kind: 'trial',
    durationMin: 30,
    notes: '',
    status: 'cancelled',
  });
  const plan = await id('plan', { pairId: pair, menteeId: mentee, title: 'ИПР' });
  await id('task', {
    planId: plan,
    title: 'Решить вариант ОГЭ',
    status: 'done',
    due: '2026-11-01',
    order: 1,
  });
  await id('task', { planId: plan, title: 'Разобрать ошибки', status: 'todo', due: null, order: 2 });
  const template = await id('formTemplate', {
    title: 'Итоговая анкета удовлетворённости наставляемого',
    questions: [],
    builtIn: 'final-mentee',
  });
  const intake = await id('formTemplate', {
    title: 'Анкета наставляемого',
    questions: [],
    builtIn: 'intake-mentee',
  });
  const assignment = await id('formAssignment', {
    templateId: template,
    personId: mentee,
    pairId: pair,
    due: null,
  });
  await id('formResponse', {
    assignmentId: assignment,
    answers: { goalsReached: 'В основном' },
    submittedAt: '2027-03-18T09:00:00.000Z',
  });
  await id('formAssignment', { templateId: intake, personId: waiting, pairId: null, due: null });
  return createQueries(db);
}

describe('the meetings CSV for Russian Excel', () => {
  it('is UTF-8 with a BOM, «;»-separated, with ДД.ММ.ГГГГ dates and the labels the app shows', async () => {
    const queries = await school();
    const csv = await csvContent(await tableRows(queries, 'meetings'));
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(rows).toEqual([
      ['Дата', 'Пара', 'Вид встречи', 'Статус встречи', 'Длительность, мин', 'Темы', 'Заметки'],
      [
        '20.09.2026',
        'Белова Ксения — Орлова Ирина Павловна',
        'Организационная',
        'Состоялась',
        '45',
        '',
        "'=1+1 шутка",
      ],
      [
        '01.10.2026',
        'Белова Ксения — Орлова Ирина Павловна',
        'Пробная рабочая',
        'Не состоялась (отменена)',
        '30',
        '',
        '',
      ],
    ]);
  });

  it('spells every other table’s codes and flags as the app does', async () => {
    const queries = await school();
    const text = async (table: Parameters<typeof tableRows>[1]) =>
      csvContent(await tableRows(queries, table));
    const pairs = await text('pairs');
    expect(pairs).toContain('Завершена;15.09.2026;20.03.2027');
    expect(pairs).not.toMatch(/finished|active/);
    const people = await text('people');
    expect(people).toContain(
      'Белова Ксения;Обучающийся;7А;;Да;Телефон родителя: +7 900 000-00-02;Да;Нет;Нет',
    );
    expect(people).toContain('Орлова Ирина Павловна;Педагог;');
    const tasks = await text('tasks');
    expect(tasks).toContain('Решить вариант ОГЭ;Выполнена;01.11.2026');
    expect(tasks).toContain('Разобрать ошибки;Не начата;');
    expect(await text('consents')).toContain('Белова Ксения;Белова Анна Петровна;02.09.2026;Нет;;');
  });
});

describe('XLSX exports', () => {
  it('store dates as dates and numbers as numbers, with a bold frozen header and readable widths', async () => {
    const queries = await school();
    const bytes = await xlsxBytes([{ name: 'Встречи', rows: await tableRows(queries, 'meetings') }]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes);
    const sheet = book.getWorksheet('Встречи');
    expect(sheet?.getRow(1).getCell(1).value).toBe('Дата');
    expect(sheet?.getRow(1).font?.bold).toBe(true);
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const date = sheet?.getRow(2).getCell(1);
    expect(date?.value).toEqual(new Date('2026-09-20T00:00:00Z'));
    expect(date?.numFmt).toBe('dd.mm.yyyy');
    expect(sheet?.getRow(2).getCell(5).value).toBe(45);
    expect(sheet?.getRow(2).getCell(3).value).toBe('Организационная');
    expect(sheet?.getColumn(2).width).toBeGreaterThanOrEqual('Белова Ксения — Орлова Ирина Павловна'.length);
  });
});

describe('the methodology’s bases', () => {
  it('list each mentee with the representative, form, mentor, dates and results from the data', async () => {
    const queries = await school();
    const rows = await baseRows(queries, 'mentees');
    expect(rows[0]).toEqual([
      '№ п/п',
      'ФИО наставляемого',
      'Контактные данные (для несовершеннолетнего — законного представителя)',
      'Место учёбы (работы) наставляемого: класс или предмет',
      'Форма наставничества',
      'ФИО наставника',
      'Место работы (учёбы) наставника: предмет или класс',
      'Дата начала участия в программе',
      'Дата окончания участия в программе',
      'Результаты программы',
      'Ссылка на кейс (отзыв), размещённый на сайте школы',
      'Примечание',
    ]);
    expect(rows.slice(1)).toEqual([
      [
        1,
        'Белова Ксения',
        'законный представитель: Белова Анна Петровна; Телефон родителя: +7 900 000-00-02',
        '7А',
        'учитель — ученик',
        'Орлова Ирина Павловна',
        'Математика',
        { day: '2026-09-15' },
        { day: '2027-03-20' },
        'Завершена; встреч проведено: 1; задач ИПР выполнено: 1 из 2; цели ИПР достигнуты (итоговая анкета): В основном',
        null,
        'Программа пройдена',
      ],
      // The representative named once, by the contacts that begin with the name.
      [
        2,
        'Гусев Денис',
        'Гусева Мария Олеговна, +7 900 000-00-03',
        '7А',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ],
    ]);
  });

  it('list each mentor with their mentees', async () => {
    const queries = await school();
    const rows = await baseRows(queries, 'mentors');
    expect(rows.slice(1)).toEqual([
      [
        1,
        'Орлова Ирина Павловна',
        'Телефон: +7 900 000-00-01',
        'Математика',
        'учитель — ученик',
        'Белова Ксения',
        '7А',
        { day: '2026-09-15' },
        { day: '2027-03-20' },
        'Завершена; встреч проведено: 1; задач ИПР выполнено: 1 из 2',
        null,
        'Программа пройдена',
      ],
    ]);
  });
});

describe('a CSV cell that starts like a formula', () => {
  it('is escaped when it runs over several lines too', async () => {
    const cells = [
      '- разобрали ошибки\n- +2 балла\n=итог',
      '@SUM(1)\nвторая строка',
      '\tтаб',
      'обычный\n-текст',
    ];
    const csv = await csvContent([cells]);
    const [row] = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(row).toEqual([
      "'- разобрали ошибки\n- +2 балла\n=итог",
      "'@SUM(1)\nвторая строка",
      "'\tтаб",
      'обычный\n-текст',
    ]);
  });

  it('is a phone number: shown as typed, without the apostrophe, yet not a formula', async () => {
    const cells = ['+7 912 345-67-89', '+7 912 345-67-89 (мама)', '+1+1'];
    const csv = await csvContent([cells]);
    expect(csv).toContain('" +7 912 345-67-89";');
    const [row] = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(row).toEqual([' +7 912 345-67-89', "'+7 912 345-67-89 (мама)", "'+1+1"]);
  });
});
