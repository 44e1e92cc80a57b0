// Class lists as schools have them, and exports Russian Excel opens: a curator imports a CSV saved by
// Russian Excel (Windows-1251) and an XLSX with a merged title row, and finds the people in «Участники»;
// the meetings CSV opens in LibreOffice as Russian Excel reads it, with labels, not codes; the two
// methodology bases open with their columns filled.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { archivePeople, curatorCode, peopleOnServer, putRecords } from './api';
import { enrol, ensureOfflineReady, openPhone, setOffline, syncNow } from './app-page';

test.use({ viewport: { width: 1280, height: 800 } });

/**
 * LibreOffice's profile for this test process: one of its own (several suites may run LibreOffice at
 * once, and a profile is for one LibreOffice at a time; this process runs one after the other), made
 * on the first conversion and kept, so that only the first pays for setting a new profile up.
 */
let profile: string | undefined;

/**
 * Converts files with LibreOffice headless, all in one start of it, and returns the paths of the
 * converted files, in the order of `files`.
 */
function convert(files: string[], to: string, infilter?: string): string[] {
  const outdir = mkdtempSync(join(tmpdir(), 'nastavnik-lo-out-'));
  profile ??= mkdtempSync(join(tmpdir(), 'nastavnik-lo-profile-'));
  execFileSync(
    'libreoffice',
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      ...(infilter ? [`--infilter=${infilter}`] : []),
      '--convert-to',
      to,
      '--outdir',
      outdir,
      ...files,
    ],
    { stdio: 'ignore', timeout: 120_000 },
  );
  const converted = readdirSync(outdir);
  return files.map((file) => {
    const stem = basename(file).replace(/\.[^.]*$/, '');
    const made = converted.find((name) => name.replace(/\.[^.]*$/, '') === stem);
    if (!made) throw new Error(`LibreOffice made nothing of ${file}`);
    return join(outdir, made);
  });
}

async function importFile(page: Page, file: string) {
  await page.goto('/people');
  await page.getByRole('link', { name: 'Импорт списка класса' }).click();
  await page.getByLabel('Файл со списком').setInputFiles(file);
}

async function peopleFound(page: Page, query: string) {
  await page.goto('/people');
  await page.getByLabel('Поиск по ФИО').fill(query);
  return page.getByTestId('people-list').getByRole('row');
}

test('a curator imports a Windows-1251 CSV and an XLSX with a merged title, and finds the people', async ({
  page,
}) => {
  await enrol(page, await curatorCode('Куратор Импортов'));
  const dir = mkdtempSync(join(tmpdir(), 'nastavnik-class-list-'));

  // «CSV (разделители — запятые)» from Russian Excel: Windows-1251 with «;». Namesakes in two classes.
  const csv = join(dir, '6Ю.csv');
  writeFileSync(
    csv,
    iconv.encode(
      [
        'ФИО;Класс;Категория',
        'Ёжиков Фёдор Ильич;6Ю;обучающийся',
        'Ёжиков Фёдор Ильич;7Ю;обучающийся',
        'Алёнова Алёна;6Ю;учащаяся',
        'Щеглова Нина Петровна;Химия;учитель',
      ].join('\r\n'),
      'win1251',
    ),
  );
  await importFile(page, csv);
  await expect(page.getByTestId('import-source')).toHaveText(
    'Прочитано как текст: кодировка Windows-1251, разделитель «;». Названия столбцов — в строке 1.',
  );
  await expect(page.getByTestId('import-summary')).toHaveText(
    'Готово к импорту: 4. Строк с ошибками: 0. Уже есть в базе: 0.',
  );
  await page.getByRole('button', { name: 'Импортировать: 4' }).click();
  await expect(page.getByText('Импортировано участников: 4.')).toBeVisible();

  // «Поиск по ФИО» folds ё: both namesakes are there, each in their class.
  const found = await peopleFound(page, 'ежиков федор');
  await expect(found.filter({ hasText: 'Ёжиков Фёдор Ильич' })).toHaveCount(2);
  await expect(found.filter({ hasText: '6Ю' })).toHaveCount(1);
  await expect(found.filter({ hasText: '7Ю' })).toHaveCount(1);
  await expect((await peopleFound(page, 'Щеглова')).filter({ hasText: 'Педагог' })).toHaveCount(1);

  // An XLSX from a journal: a merged title above the header, a bold surname, a name by formula, an #N/A.
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Список');
  sheet.addRow(['Список обучающихся 8Ю класса на 01.09.2026']);
  sheet.mergeCells('A1:D1');
  sheet.addRow(['№', 'Фамилия', 'Имя', 'Класс']);
  sheet.addRow([1, { richText: [{ text: 'Журавлёва', font: { bold: true } }] }, 'Яна', '8Ю']);
  sheet.addRow([2, { formula: 'PROPER("зимин")', result: 'Зимин' }, 'Олег', '8Ю']);
  sheet.addRow([3, { formula: 'VLOOKUP(1,Z1:Z2,1,0)', result: { error: '#N/A' } }, 'Пётр', '8Ю']);
  sheet.addRow([4, 'Алёнова', 'Алёна', '']);
  const xlsx = join(dir, '8Ю.xlsx');
  await book.xlsx.writeFile(xlsx);
  await importFile(page, xlsx);
  await expect(page.getByTestId('import-source')).toHaveText(
    'Прочитано как книга Excel, лист «Список». Названия столбцов — в строке 2.',
  );
  await expect(page.getByTestId('import-summary')).toHaveText(
    'Готово к импорту: 2. Строк с ошибками: 1. Уже есть в базе: 0.',
  );
  await expect(page.getByTestId('import-errors')).toHaveText(
    'Строка 5: в столбце «Фамилия» ошибка Excel #N/A',
  );
  // The same name without a class: the curator decides, and says it is another girl.
  const likely = page.getByTestId('import-likely');
  await expect(likely).toContainText('строка 6: Алёнова Алёна (без класса) — в базе есть Алёнова Алёна (6Ю)');
  await likely.getByLabel('Это другой человек — импортировать').check();
  await page.getByRole('button', { name: 'Импортировать: 3' }).click();
  await expect(page.getByText('Импортировано участников: 3.')).toBeVisible();

  await expect((await peopleFound(page, 'Журавлева Яна')).filter({ hasText: '8Ю' })).toHaveCount(1);
  await expect((await peopleFound(page, 'Зимин Олег')).filter({ hasText: '8Ю' })).toHaveCount(1);
  await expect((await peopleFound(page, 'Алёнова')).filter({ hasText: 'Алёнова Алёна' })).toHaveCount(2);
  await expect(await peopleFound(page, 'object')).toHaveCount(1);

  // A journal's «.xls» that is a web page's table, in Windows-1251, under a title.
  const html = join(dir, 'journal.xls');
  writeFileSync(
    html,
    iconv.encode(
      '<html><head><meta charset="windows-1251"></head><body><h1>Отчёт</h1><table>' +
        '<tr><td colspan="3">Список класса 9Ю</td></tr>' +
        '<tr><td>№</td><td>ФИО</td><td>Класс</td></tr>' +
        '<tr><td>1</td><td>Юрьева Любовь</td><td>9Ю</td></tr></table></body></html>',
      'win1251',
    ),
  );
  await importFile(page, html);
  await expect(page.getByTestId('import-source')).toHaveText(
    'Прочитано как таблица веб-страницы (так журналы сохраняют «.xls»). Названия столбцов — в строке 2.',
  );
  await page.getByRole('button', { name: 'Импортировать: 1' }).click();
  await expect(page.getByText('Импортировано участников: 1.')).toBeVisible();
  await expect((await peopleFound(page, 'Юрьева')).filter({ hasText: '9Ю' })).toHaveCount(1);

  // Other tests on this server count pupils without a pair or a consent: these leave the programme.
  await archivePeople([
    'Ёжиков Фёдор Ильич',
    'Алёнова Алёна',
    'Щеглова Нина Петровна',
    'Журавлёва Яна',
    'Зимин Олег',
    'Юрьева Любовь',
  ]);
});

test('in September the new class list moves the pupils already in the base to their new class', async ({
  page,
}) => {
  await enrol(page, await curatorCode('Куратор Сентября'));
  const dir = mkdtempSync(join(tmpdir(), 'nastavnik-september-'));
  const list = (name: string, rows: string[]) => {
    const file = join(dir, name);
    writeFileSync(file, ['ФИО;Класс', ...rows].join('\r\n'));
    return file;
  };
  await importFile(page, list('май.csv', ['Ёжикова Ксения;7Щ', 'Рыбин Артём;7Щ']));
  await page.getByRole('button', { name: 'Импортировать: 2' }).click();
  await expect(page.getByText('Импортировано участников: 2.')).toBeVisible();

  // A year on: both a class up, and a new pupil. Рыбин of 8Щ, the curator knows, is another boy.
  await importFile(page, list('сентябрь.csv', ['Ёжикова Ксения;8Щ', 'Рыбин Артём;8Щ', 'Щукин Ян;8Щ']));
  const likely = page.getByTestId('import-likely');
  await expect(likely).toContainText(
    'строка 2: Ёжикова Ксения (8Щ) — в базе есть Ёжикова Ксения (7Щ): вероятно, тот же ученик перешёл в следующий класс: его класс в базе станет 8Щ',
  );
  await expect(page.getByTestId('import-moves')).toContainText('Сменится класс: 2');
  await likely.getByLabel('Это другой человек — импортировать строку 3').check();
  await expect(page.getByTestId('import-moves')).toHaveText(
    /Сменится класс: 1.*строка 2: Ёжикова Ксения — 7Щ → 8Щ/s,
  );
  await page.getByRole('button', { name: 'Импортировать: 2, сменить класс: 1' }).click();
  await expect(page.getByText('Импортировано участников: 2. Класс сменился у 1 человека.')).toBeVisible();

  // One Ксения, in 8Щ; two boys named Рыбин Артём, one in each class.
  const ksenia = (await peopleFound(page, 'Ежикова Ксения')).filter({ hasText: 'Ёжикова Ксения' });
  await expect(ksenia).toHaveCount(1);
  await expect(ksenia).toContainText('8Щ');
  const artyom = await peopleFound(page, 'Рыбин Артём');
  await expect(artyom.filter({ hasText: '7Щ' })).toHaveCount(1);
  await expect(artyom.filter({ hasText: '8Щ' })).toHaveCount(1);

  // The class reaches the server, like any edit of the card.
  await syncNow(page);
  const names = ['Ёжикова Ксения', 'Рыбин Артём', 'Щукин Ян'];
  const held = new Map<string, string[]>();
  for (const p of await peopleOnServer()) {
    const name = String(p.fields.fullName);
    if (names.includes(name))
      held.set(name, [...(held.get(name) ?? []), String(p.fields.classOrSubject)].sort());
  }
  expect(Object.fromEntries(held)).toEqual({
    'Ёжикова Ксения': ['8Щ'],
    'Рыбин Артём': ['7Щ', '8Щ'],
    'Щукин Ян': ['8Щ'],
  });
  await archivePeople(names);
});

test('a preview the base changed under is shown anew, not imported: another curator’s class stands', async ({
  page,
  context,
}) => {
  const [pupil] = await putRecords([
    {
      type: 'person',
      fields: { fullName: 'Перемёнова Ия', kind: 'student', classOrSubject: '7Ъ', minor: true },
    },
  ]);
  await enrol(page, await curatorCode('Куратор Перемен'));
  await syncNow(page);
  const dir = mkdtempSync(join(tmpdir(), 'nastavnik-stale-'));
  const file = join(dir, 'сентябрь.csv');
  writeFileSync(file, 'ФИО;Класс\r\nПеремёнова Ия;8Ъ\r\n');
  await importFile(page, file);
  await expect(page.getByTestId('import-moves')).toContainText('Перемёнова Ия — 7Ъ → 8Ъ');
  // Meanwhile another curator puts her in 8Ь, and this device receives it (another tab syncs).
  await putRecords([{ type: 'person', id: pupil, fields: { classOrSubject: '8Ь' } }]);
  const other = await context.newPage();
  await other.goto('/');
  await syncNow(other);
  await page.getByRole('button', { name: 'Импортировать: 0, сменить класс: 1' }).click();
  await expect(page.getByText(/Пока вы смотрели, участники изменились/)).toBeVisible();
  // Planned again: in 8Ь she is not the 7Ъ pupil one class up, and the preview says so.
  await expect(page.getByTestId('import-moves')).toHaveCount(0);
  await expect(page.getByTestId('import-summary')).toHaveText(
    'Готово к импорту: 1. Строк с ошибками: 0. Уже есть в базе: 0.',
  );
  // Nothing was written: her class is the other curator's until the curator imports again.
  await other.goto(`/people/${pupil}`);
  await expect(other.getByRole('textbox', { name: 'Класс или предмет' })).toHaveValue('8Ь');
  await archivePeople(['Перемёнова Ия']);
});

test('an Excel workbook chosen offline before the reader of workbooks ever loaded says so, not that the file is bad', async () => {
  const phone = await openPhone();
  const page = phone.page;
  await enrol(page, await curatorCode('Куратор Без Сети'));
  await ensureOfflineReady(page);
  await setOffline(phone.context, true);
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Список').addRows([
    ['ФИО', 'Класс'],
    ['Офлайнова Ада', '5Ы'],
  ]);
  const file = join(mkdtempSync(join(tmpdir(), 'nastavnik-offline-xlsx-')), '5Ы.xlsx');
  await book.xlsx.writeFile(file);
  await importFile(page, file);
  await expect(
    page.getByText(/Чтобы прочитать книгу Excel в первый раз, приложению нужна сеть/),
  ).toBeVisible();
  await expect(page.getByText(/Не удалось прочитать файл/)).toHaveCount(0);
  await phone.context.close();
});

test('the meetings CSV opens in LibreOffice as Russian Excel reads it; the bases open with their columns filled', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const [mentor, mentee] = await putRecords([
    {
      type: 'person',
      fields: {
        fullName: 'Экспортова Инна Львовна',
        kind: 'teacher',
        classOrSubject: 'Информатика',
        contacts: 'Телефон: +7 900 111-22-33',
      },
    },
    // Archived, as after the programme: other tests on this server count pupils without a pair.
    {
      type: 'person',
      fields: {
        fullName: 'Выгрузкин Тимур',
        kind: 'student',
        classOrSubject: '9Ю',
        minor: true,
        archived: true,
      },
    },
  ]);
  await putRecords([
    {
      type: 'consent',
      fields: {
        personId: mentee,
        signedBy: 'Выгрузкина Ольга Ивановна',
        date: '2026-09-02',
        withdrawn: false,
      },
    },
  ]);
  const [pair] = await putRecords([
    {
      type: 'pair',
      fields: {
        mentorId: mentor,
        menteeIds: [mentee],
        form: 'учитель — ученик',
        status: 'finished',
        startDate: '2026-09-15',
        history: [
          { date: '2026-09-15', status: 'active', note: null },
          { date: '2027-03-20', status: 'finished', note: 'Программа пройдена' },
        ],
      },
    },
  ]);
  await putRecords([
    {
      type: 'meeting',
      fields: {
        pairId: pair,
        date: '2026-09-20',
        kind: 'organisational',
        durationMin: 45,
        notes: 'Знакомство',
        status: 'held',
      },
    },
    {
      type: 'meeting',
      fields: {
        pairId: pair,
        date: '2026-10-01',
        kind: 'trial',
        durationMin: 30,
        notes: '',
        status: 'cancelled',
      },
    },
  ]);
  await enrol(page, await curatorCode('Куратор Выгрузок'));
  // Exports are of what the device holds: the school's records first come in by a sync, and the screen
  // says how fresh its data are.
  await syncNow(page);
  await page.goto('/data');
  await expect(page.getByTestId('data-as-of')).toContainText('последняя синхронизация');

  const download = async (card: string, button: string, name: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'nastavnik-export-')), name);
    const event = page.waitForEvent('download');
    await page.getByRole('listitem').filter({ hasText: card }).getByRole('button', { name: button }).click();
    await (await event).saveAs(file);
    return file;
  };

  // The CSV read as Russian Excel reads it: «;» (59), quotes (34), UTF-8 (76), Russian (1049) dates.
  const csv = await download('Встречи', 'CSV', 'meetings.csv');
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(convert([csv], 'xlsx', 'CSV:59,34,76,1,,1049')[0] as string);
  const rows = (book.worksheets[0]?.getSheetValues() ?? []).filter(Boolean) as unknown[][];
  expect(rows[0]?.slice(1)).toEqual([
    'Дата',
    'Пара',
    'Вид встречи',
    'Статус встречи',
    'Длительность, мин',
    'Темы',
    'Заметки',
  ]);
  const ours = rows.filter((row) => String(row[2]).includes('Выгрузкин Тимур'));
  expect(ours.map((row) => row.slice(1, 6))).toEqual([
    [
      new Date('2026-09-20T00:00:00Z'),
      'Выгрузкин Тимур — Экспортова Инна Львовна',
      'Организационная',
      'Состоялась',
      45,
    ],
    [
      new Date('2026-10-01T00:00:00Z'),
      'Выгрузкин Тимур — Экспортова Инна Львовна',
      'Пробная рабочая',
      'Не состоялась (отменена)',
      30,
    ],
  ]);

  // The bases, opened by LibreOffice (both in one start of it) and saved as text: a title, the header,
  // every column the data fills.
  const [mentees, mentors] = convert(
    [
      await download('База наставляемых', 'XLSX', 'mentees.xlsx'),
      await download('База наставников', 'XLSX', 'mentors.xlsx'),
    ],
    'csv:Text - txt - csv (StarCalc):59,34,76,1',
  ).map(
    (file) =>
      Papa.parse<string[]>(readFileSync(file, 'utf8'), {
        delimiter: ';',
        skipEmptyLines: true,
      }).data,
  ) as [string[][], string[][]];
  expect(mentees[1]?.slice(0, 3)).toEqual([
    '№ п/п',
    'ФИО наставляемого',
    'Контактные данные (для несовершеннолетнего — законного представителя)',
  ]);
  expect(mentees.find((row) => row[1] === 'Выгрузкин Тимур')?.slice(1)).toEqual([
    'Выгрузкин Тимур',
    'законный представитель: Выгрузкина Ольга Ивановна',
    '9Ю',
    'учитель — ученик',
    'Экспортова Инна Львовна',
    'Информатика',
    '15.09.2026',
    '20.03.2027',
    'Завершена; встреч проведено: 1',
    '',
    'Программа пройдена',
  ]);
  expect(mentors[1]?.[1]).toBe('ФИО наставника');
  expect(mentors.find((row) => row[1] === 'Экспортова Инна Львовна')?.slice(1)).toEqual([
    'Экспортова Инна Львовна',
    'Телефон: +7 900 111-22-33',
    'Информатика',
    'учитель — ученик',
    'Выгрузкин Тимур',
    '9Ю',
    '15.09.2026',
    '20.03.2027',
    'Завершена; встреч проведено: 1',
    '',
    'Программа пройдена',
  ]);
});
