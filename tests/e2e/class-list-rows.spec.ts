// Class lists as schools really fill them: totals and signatures under the list, section rows merged
// across the table, rows hidden in Excel, one sheet per class, a quote never closed, the app's own export,
// the same pupils a class up in September. The preview says which rows are left out and why; only pupils
// are created.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { archivePeople, curatorCode, putRecords } from './api';
import { enrol, syncNow } from './app-page';

test.use({ viewport: { width: 1280, height: 800 } });

async function importFile(page: Page, file: string) {
  await page.goto('/people');
  await page.getByRole('link', { name: 'Импорт списка класса' }).click();
  await page.getByLabel('Файл со списком').setInputFiles(file);
}

const dir = () => mkdtempSync(join(tmpdir(), 'nastavnik-rows-'));

test('totals and signatures under a list, merged section rows and hidden rows are skipped, and the preview says why', async ({
  page,
}) => {
  await enrol(page, await curatorCode('Куратор Итогов'));
  const csv = join(dir(), 'footers.csv');
  writeFileSync(
    csv,
    iconv.encode(
      [
        '№;ФИО;Класс',
        '1;Итогова Ульяна Сергеевна;7Щ',
        '2;Подвальный Иван Андреевич;7Щ',
        ';Итого;2',
        ';Всего учащихся;2',
        ';Из них девочек;1',
        ';Классный руководитель;Иванова И. И.',
        ';Директор;Петров П. П.',
      ].join('\r\n'),
      'win1251',
    ),
  );
  await importFile(page, csv);
  await expect(page.getByTestId('import-summary')).toHaveText(
    'Готово к импорту: 2. Строк с ошибками: 0. Уже есть в базе: 0.',
  );
  const skipped = page.getByTestId('import-skipped');
  await skipped.getByText('Пропущены — не участники: 5').click();
  await expect(skipped.getByRole('listitem')).toHaveText([
    'строка 4: «Итого | 2» — итог или подпись под списком',
    'строка 5: «Всего учащихся | 2» — итог или подпись под списком',
    'строка 6: «Из них девочек | 1» — итог или подпись под списком',
    'строка 7: «Классный руководитель | Иванова И. И.» — итог или подпись под списком',
    'строка 8: «Директор | Петров П. П.» — итог или подпись под списком',
  ]);
  await expect(page.getByTestId('import-people').getByRole('row')).toHaveCount(3);

  // A section «Девочки» merged across the table, a name typed whole into merged «Фамилия:Отчество», and
  // a class section that gives its class to the rows below.
  const book = new ExcelJS.Workbook();
  const s = book.addWorksheet('Список');
  s.addRow(['№', 'Фамилия', 'Имя', 'Отчество', 'Класс']);
  s.addRow(['7 «Щ» класс']);
  s.mergeCells('A2:E2');
  s.addRow(['Девочки']);
  s.mergeCells('A3:E3');
  s.addRow([1, 'Сливова Бела Борисовна', '', '', '']);
  s.mergeCells('B4:D4');
  // A pupil who left, hidden in Excel rather than deleted.
  s.addRow([2, 'Выбывшая', 'Ольга', 'Олеговна', '']).hidden = true;
  const xlsx = join(dir(), 'merged.xlsx');
  await book.xlsx.writeFile(xlsx);
  await importFile(page, xlsx);
  await expect(page.getByTestId('import-people').getByRole('row')).toHaveText([
    /^Фамилия, имя, отчество/,
    'Сливова Бела БорисовнаОбучающийся7ЩДа',
  ]);
  await page.getByTestId('import-skipped').getByText('Пропущены — не участники: 3').click();
  await expect(page.getByTestId('import-skipped').getByRole('listitem')).toHaveText([
    'строка 2: «7 «Щ» класс» — заголовок раздела списка',
    'строка 3: «Девочки» — заголовок раздела списка',
    'строка 5: «2 | Выбывшая | Ольга | Олеговна» — строка скрыта в Excel (или отфильтрована)',
  ]);
  await page.getByRole('button', { name: 'Импортировать: 1' }).click();
  await expect(page.getByText('Импортировано участников: 1.')).toBeVisible();
  await syncNow(page);
  await archivePeople(['Сливова Бела Борисовна']);
});

test('a workbook with one sheet per class is read whole, each sheet’s pupils in its class', async ({
  page,
}) => {
  await enrol(page, await curatorCode('Куратор Листов'));
  const book = new ExcelJS.Workbook();
  for (const [cls, names] of [
    ['5Щ', ['Листова Анна Андреевна', 'Листов Борис Борисович']],
    ['6Щ', ['Страничкин Вадим Витальевич']],
  ] as const) {
    const sheet = book.addWorksheet(cls);
    sheet.addRow([`Список ${cls} класса`]);
    sheet.addRow(['№', 'ФИО', 'Дата рождения']);
    for (const [i, name] of names.entries()) sheet.addRow([i + 1, name, '']);
  }
  const xlsx = join(dir(), 'school.xlsx');
  await book.xlsx.writeFile(xlsx);
  await importFile(page, xlsx);
  await expect(page.getByTestId('import-source')).toHaveText(
    'Прочитано как книга Excel, листы «5Щ», «6Щ». Названия столбцов — в строке 2.',
  );
  await expect(page.getByTestId('import-people').getByRole('row')).toHaveText([
    /^Фамилия, имя, отчество/,
    'Листова Анна АндреевнаОбучающийся5ЩДа',
    'Листов Борис БорисовичОбучающийся5ЩДа',
    'Страничкин Вадим ВитальевичОбучающийся6ЩДа',
  ]);
  await page.getByRole('button', { name: 'Импортировать: 3' }).click();
  await expect(page.getByText('Импортировано участников: 3.')).toBeVisible();
  await syncNow(page);
  await archivePeople(['Листова Анна Андреевна', 'Листов Борис Борисович', 'Страничкин Вадим Витальевич']);
});

test('birth dates in ISO date cells, as openpyxl and online tools write them, are each pupil’s day: a minor, not a man of 1905', async ({
  page,
}) => {
  await enrol(page, await curatorCode('Куратор Дат'));
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('7Щ');
  sheet.addRow(['ФИО', 'Класс', 'Дата рождения']);
  sheet.addRow(['Датова Ирина Олеговна', '7Щ', 'C2']);
  sheet.addRow(['Числов Глеб Ильич', '7Щ', 'C3']);
  sheet.getCell('C2').numFmt = 'yyyy-mm-dd';
  sheet.getCell('C3').numFmt = 'yyyy-mm-dd h:mm:ss';
  // A date cell `t="d"` holds its day as ISO text (ECMA-376 §18.18.11), not as a day number.
  const zip = await JSZip.loadAsync(await book.xlsx.writeBuffer());
  const part = 'xl/worksheets/sheet1.xml';
  const iso: Record<string, string> = { C2: '2013-04-30', C3: '2012-11-05T00:00:00' };
  const xml = ((await zip.file(part)?.async('string')) ?? '').replace(
    /<c r="(C[23])"([^>]*?) t="s"><v>\d+<\/v><\/c>/g,
    (_, ref: string, attrs: string) => `<c r="${ref}"${attrs} t="d"><v>${iso[ref]}</v></c>`,
  );
  zip.file(part, xml);
  const xlsx = join(dir(), 'openpyxl.xlsx');
  writeFileSync(xlsx, await zip.generateAsync({ type: 'uint8array' }));
  await importFile(page, xlsx);
  await expect(page.getByTestId('import-summary')).toHaveText(
    'Готово к импорту: 2. Строк с ошибками: 0. Уже есть в базе: 0.',
  );
  await expect(page.getByTestId('import-people').getByRole('row')).toHaveText([
    /^Фамилия, имя, отчество/,
    'Датова Ирина ОлеговнаОбучающийся7Щ30 апреля 2013Да',
    'Числов Глеб ИльичОбучающийся7Щ5 ноября 2012Да',
  ]);
  await page.getByRole('button', { name: 'Импортировать: 2' }).click();
  await expect(page.getByText('Импортировано участников: 2.')).toBeVisible();
  await syncNow(page);
  await archivePeople(['Датова Ирина Олеговна', 'Числов Глеб Ильич']);
});

test('the preview names the columns it does not import; the short «Эл. почта» is imported as a contact', async ({
  page,
}) => {
  await enrol(page, await curatorCode('Куратор Столбцов'));
  const csv = join(dir(), 'form.csv');
  writeFileSync(
    csv,
    iconv.encode(
      [
        '№ п/п;ФИО;Класс;Пол;СНИЛС;Эл. почта',
        '1;Столбцова Вера Ильинична;7Щ;ж;000-000-000 00;vera@example.org',
      ].join('\r\n'),
      'win1251',
    ),
  );
  await importFile(page, csv);
  await expect(page.getByTestId('import-unread')).toHaveText(
    'Не импортируются столбцы «Пол», «СНИЛС». Если в них телефоны или e-mail, назовите их «Телефон» или «E-mail» и загрузите файл снова.',
  );
  await expect(page.getByTestId('import-people').getByRole('row').nth(1)).toContainText(
    'Эл. почта: vera@example.org',
  );
});

test('a CSV with a quote never closed is refused with its row, and nothing is offered; an empty file is called empty', async ({
  page,
}) => {
  await enrol(page, await curatorCode('Куратор Кавычек'));
  const csv = join(dir(), 'quote.csv');
  writeFileSync(
    csv,
    iconv.encode(
      [
        'ФИО;Класс;Примечание',
        'Кавычкина Алёна Сергеевна;7Щ;"Отличница, староста',
        'Соколов Иван Андреевич;7Щ;',
        'Петров Пётр Петрович;7Щ;',
      ].join('\r\n'),
      'win1251',
    ),
  );
  await importFile(page, csv);
  await expect(page.getByText(/^В строке 2 открыта кавычка/)).toBeVisible();
  await expect(page.getByTestId('import-people')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Импортировать/ })).toHaveCount(0);
  // An empty file is called empty, not a file without a header row.
  const empty = join(dir(), 'empty.csv');
  writeFileSync(empty, '');
  await importFile(page, empty);
  await expect(
    page.getByText('Файл пустой: в нём нет ни одной строки. Выберите файл со списком класса.'),
  ).toBeVisible();
});

test('the people CSV the app exports imports back as the same people, nobody new', async ({ page }) => {
  await putRecords([
    {
      type: 'person',
      fields: {
        fullName: '-Минусова Ирина Кругосветовна',
        kind: 'student',
        classOrSubject: '7Щ',
        minor: true,
        contacts: '+7 900 111-22-33',
        archived: true,
      },
    },
  ]);
  await enrol(page, await curatorCode('Куратор Возвратов'));
  await syncNow(page);
  await page.goto('/data');
  const event = page.waitForEvent('download');
  await page
    .getByRole('listitem')
    .filter({ hasText: 'Участники' })
    .getByRole('button', { name: 'CSV' })
    .click();
  const csv = join(dir(), 'people.csv');
  await (await event).saveAs(csv);
  await importFile(page, csv);
  await expect(page.getByTestId('import-summary')).toContainText('Готово к импорту: 0. Строк с ошибками: 0.');
  // Those without a class or birth date (the curators) are only likely the same: offered, not imported.
  await page.getByText(/^Уже есть в базе, не импортируются/).click();
  await expect(page.getByText(/-Минусова Ирина Кругосветовна \(7Щ\)$/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Импортировать: 0' })).toBeDisabled();
});

test('in September the same pupils one class up are offered as likely already there, to move up a class, not as new', async ({
  page,
}) => {
  await putRecords([
    {
      type: 'person',
      fields: { fullName: 'Сентябрёва Ася Игоревна', kind: 'student', classOrSubject: '7Щ', minor: true },
    },
  ]);
  await enrol(page, await curatorCode('Куратор Сентября'));
  await syncNow(page);
  const csv = join(dir(), '8Щ.csv');
  writeFileSync(csv, iconv.encode('ФИО;Класс\r\nСентябрёва Ася Игоревна;8Щ\r\n', 'win1251'));
  await importFile(page, csv);
  await expect(page.getByTestId('import-summary')).toHaveText(
    'Готово к импорту: 0. Строк с ошибками: 0. Уже есть в базе: 0.',
  );
  await expect(page.getByTestId('import-likely')).toContainText(
    'строка 2: Сентябрёва Ася Игоревна (8Щ) — в базе есть Сентябрёва Ася Игоревна (7Щ): вероятно, тот же ученик перешёл в следующий класс',
  );
  // Nobody new: the import only moves her to the class the list gives.
  await page.getByRole('button', { name: 'Импортировать: 0, сменить класс: 1' }).click();
  await expect(page.getByText('Импортировано участников: 0. Класс сменился у 1 человека.')).toBeVisible();
  await syncNow(page);
  await archivePeople(['Сентябрёва Ася Игоревна']);
});

test('names with an en dash or invisible characters, the headings journals write, and a journal’s rowspan are read', async ({
  page,
}) => {
  await enrol(page, await curatorCode('Куратор Журналов'));
  const csv = join(dir(), 'journal.csv');
  writeFileSync(
    csv,
    [
      '№;Обучающийся (ФИО);Класс',
      '1;Салтыкова–Щедрина Мария Ивановна;7Щ',
      '2;Соко\u00adлов Иван Андреевич;7Щ',
      '3;Петров\u200b Пётр Петрович;7Щ',
    ].join('\n'),
  );
  await importFile(page, csv);
  await expect(page.getByTestId('import-summary')).toHaveText(
    'Готово к импорту: 3. Строк с ошибками: 0. Уже есть в базе: 0.',
  );
  await expect(page.getByTestId('import-people').getByRole('row')).toHaveText([
    /^Фамилия, имя, отчество/,
    'Салтыкова-Щедрина Мария ИвановнаОбучающийся7ЩДа',
    'Соколов Иван АндреевичОбучающийся7ЩДа',
    'Петров Пётр ПетровичОбучающийся7ЩДа',
  ]);

  // A journal's «.xls» web page with the class merged down its column: later rows keep their columns.
  const html = join(dir(), 'rowspan.xls');
  writeFileSync(
    html,
    '<html><head><meta charset="utf-8"></head><body><table>' +
      '<tr><th>Класс</th><th>ФИО</th><th>Дата рождения</th></tr>' +
      '<tr><td rowspan="2">7Щ</td><td>Строкова Анна Павловна</td><td>01.09.2012</td></tr>' +
      '<tr><td>Столбцов Иван Ильич</td><td>11.11.2012</td></tr></table></body></html>',
  );
  await importFile(page, html);
  await expect(page.getByTestId('import-summary')).toHaveText(
    'Готово к импорту: 2. Строк с ошибками: 0. Уже есть в базе: 0.',
  );
  await expect(page.getByTestId('import-people').getByRole('row')).toHaveText([
    /^Фамилия, имя, отчество/,
    'Строкова Анна ПавловнаОбучающийся7Щ1 сентября 2012Да',
    'Столбцов Иван ИльичОбучающийся7Щ11 ноября 2012Да',
  ]);
});

test('a school-sized list draws only its first rows in the preview; a district’s 30 MB file is refused at once', async ({
  page,
}) => {
  await enrol(page, await curatorCode('Куратор Больших'));
  const abc = 'абвгдежзиклмнопрстуфхцчшщэюя';
  const name = (i: number) =>
    `Многоев ${abc[i % 28]}${abc[Math.floor(i / 28) % 28]}${abc[Math.floor(i / 784)]}`;
  const csv = join(dir(), 'school.csv');
  writeFileSync(csv, ['ФИО;Класс', ...Array.from({ length: 1500 }, (_, i) => `${name(i)};7Щ`)].join('\r\n'));
  await importFile(page, csv);
  await expect(page.getByTestId('import-summary')).toHaveText(
    'Готово к импорту: 1500. Строк с ошибками: 0. Уже есть в базе: 0.',
  );
  await expect(page.getByTestId('import-people').getByRole('row')).toHaveCount(201);
  await expect(page.getByText('Показаны первые 200 из 1500.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Импортировать: 1500' })).toBeEnabled();

  const district = join(dir(), 'district.csv');
  const line = `${name(1)};7Щ;${'+7 900 000-00-00 '.repeat(6)}\r\n`;
  writeFileSync(district, `ФИО;Класс;Телефон\r\n${line.repeat(Math.ceil((30 * 1024 * 1024) / line.length))}`);
  const started = Date.now();
  await importFile(page, district);
  await expect(
    page.getByText(/^Файл слишком большой для списков школы: \d+,\d МБ, а больше 5,0 МБ/),
  ).toBeVisible();
  expect(Date.now() - started).toBeLessThan(10_000);
});

test('the picker offers .ods, and an .ods or an old .xls is refused with how to save it as XLSX', async ({
  page,
}) => {
  await enrol(page, await curatorCode('Куратор Форматов'));
  await page.goto('/people/import');
  await expect(page.getByLabel('Файл со списком')).toHaveAttribute('accept', /\.ods/);
  const ods = join(dir(), 'list.ods');
  writeFileSync(
    ods,
    Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04, ...new Array(26).fill(0)]),
      Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'),
    ]),
  );
  await importFile(page, ods);
  await expect(
    page.getByText(/^Это таблица LibreOffice или «Р7-Офис» \(\.ods\).*«Excel 2007-365 \(\.xlsx\)»/),
  ).toBeVisible();
  const xls = join(dir(), 'list.xls');
  writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]));
  await importFile(page, xls);
  await expect(
    page.getByText(/^Это книга старого Excel \(\.xls 97–2003\).*«Книга Excel \(\*\.xlsx\)»/),
  ).toBeVisible();
});
