// Class lists as schools have them, as real bytes: each encoding Excel and journals save, `sep=`, title
// rows, and XLSX with merged titles, rich text, formulas, hyperlinks, error and date cells. Each file goes
// through the reader and the import plan, and the plan is checked row by row.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { type ImportPlan, planSheets } from '../../domain/import-people';
import { setLanguage, t } from '../i18n/i18n';
import { type ReadResult, readTable } from './read-table';

const TODAY = '2026-09-01';
const CLASS_LIST = [
  'ФИО;Класс;Категория',
  'Ёлкина Алёна Сергеевна;7А;обучающийся',
  'Щукин Фёдор;7А;учащийся',
  'Смирнов Алексей;5А;ученик',
  'Смирнов Алексей;7А;ученик',
  'Кузнецова Мария;10-1;ученица',
  'Кузнецова Мария;11-1;ученица',
  'Орлова Ирина Павловна;Математика;учитель',
].join('\r\n');

async function read(bytes: Uint8Array | ArrayBuffer, name: string): Promise<ReadResult> {
  return readTable(new File([bytes as BlobPart], name));
}
async function plan(bytes: Uint8Array | ArrayBuffer, name: string) {
  const result = await read(bytes, name);
  if (!result.ok) throw new Error(result.code);
  return { source: result.table.source, plan: planSheets(result.table.sheets, [], TODAY) };
}
const peopleOf = (p: ImportPlan) =>
  p.people.map(({ row, person: x }) => `${row}: ${x.fullName} | ${x.classOrSubject ?? '—'} | ${x.kind}`);
const EXPECTED = [
  '2: Ёлкина Алёна Сергеевна | 7А | student',
  '3: Щукин Фёдор | 7А | student',
  '4: Смирнов Алексей | 5А | student',
  '5: Смирнов Алексей | 7А | student',
  '6: Кузнецова Мария | 10-1 | student',
  '7: Кузнецова Мария | 11-1 | student',
  '8: Орлова Ирина Павловна | Математика | teacher',
];

describe('class lists in every encoding a school has', () => {
  it('reads Russian Excel’s «CSV (разделители — запятые)»: Windows-1251 with «;»', async () => {
    const { plan: p, source } = await plan(iconv.encode(CLASS_LIST, 'win1251'), '7А.csv');
    expect(source).toEqual({ format: 'csv', encoding: 'windows-1251', separator: ';' });
    expect(peopleOf(p)).toEqual(EXPECTED);
    expect(p.errors).toEqual([]);
  });

  it('reads «CSV UTF-8» with a byte-order mark and a journal’s UTF-8 without one', async () => {
    const withBom = await plan(iconv.encode(CLASS_LIST, 'utf8', { addBOM: true }), '7А.csv');
    expect(withBom.source).toMatchObject({ encoding: 'utf-8', separator: ';' });
    expect(peopleOf(withBom.plan)).toEqual(EXPECTED);
    const commas = CLASS_LIST.replace(/;/g, ',');
    const without = await plan(iconv.encode(commas, 'utf8'), 'journal.csv');
    expect(without.source).toMatchObject({ encoding: 'utf-8', separator: ',' });
    expect(peopleOf(without.plan)).toEqual(EXPECTED);
  });

  it('reads Excel’s «Текст Юникод»: UTF-16 LE with a byte-order mark and tabs, and UTF-16 BE', async () => {
    const tabs = CLASS_LIST.replace(/;/g, '\t');
    const le = await plan(iconv.encode(tabs, 'utf16le', { addBOM: true }), '7А.txt');
    expect(le.source).toEqual({ format: 'csv', encoding: 'utf-16le', separator: '\t' });
    expect(peopleOf(le.plan)).toEqual(EXPECTED);
    const be = await plan(iconv.encode(tabs, 'utf16be', { addBOM: true }), '7А.txt');
    expect(be.source).toMatchObject({ encoding: 'utf-16be', separator: '\t' });
    expect(peopleOf(be.plan)).toEqual(EXPECTED);
    const noBom = await plan(iconv.encode(tabs, 'utf16le'), '7А.txt');
    expect(noBom.source).toMatchObject({ encoding: 'utf-16le' });
    expect(peopleOf(noBom.plan)).toEqual(EXPECTED);
  });

  it('reads a UTF-8 list with one row pasted in Windows-1251 as UTF-8, that row refused, not the file called no table', async () => {
    // Decoded whole as Windows-1251, every other name was garbled with control characters and the file
    // refused as «не таблица».
    const bytes = new Uint8Array([
      ...iconv.encode('ФИО;Класс\r\nИванов Иван;7А\r\nПетрова Анна;7А\r\n', 'utf8'),
      ...iconv.encode('Сидоров Сидор;7А\r\n', 'win1251'),
    ]);
    const { plan: p, source } = await plan(bytes, 'mixed.csv');
    expect(source).toMatchObject({ encoding: 'utf-8', separator: ';' });
    expect(peopleOf(p)).toEqual(['2: Иванов Иван | 7А | student', '3: Петрова Анна | 7А | student']);
    expect(p.errors.map((e) => `${e.row}: ${e.code}`)).toEqual(['4: nameHasSigns']);
    // A whole Windows-1251 file is still one.
    expect((await plan(iconv.encode(CLASS_LIST, 'win1251'), '7А.csv')).source).toMatchObject({
      encoding: 'windows-1251',
    });
  });

  it('honours Excel’s `sep=` line and finds the header under title rows; row numbers stay the sheet’s', async () => {
    const file = [
      'sep=,',
      'Список обучающихся 7А класса на 01.09.2026,,',
      ',,',
      'Фамилия,Имя,Отчество',
      'Белова,Ксения,Андреевна',
      '',
      'Гусев,Денис,',
    ].join('\r\n');
    const { plan: p, source } = await plan(iconv.encode(file, 'win1251'), 'list.csv');
    expect(source.format === 'csv' && source.separator).toBe(',');
    expect(p.headerRow).toBe(3);
    // Without a class column, the class is the title's.
    expect(peopleOf(p)).toEqual([
      '4: Белова Ксения Андреевна | 7А | student',
      '6: Гусев Денис | 7А | student',
    ]);
  });

  it('tells a class that Excel turned into a date in a CSV to the curator', async () => {
    const file = 'ФИО;Класс\r\nЗайцев Илья;01.окт\r\nЗайцева Ирина;10-1\r\n';
    const { plan: p } = await plan(iconv.encode(file, 'win1251'), 'list.csv');
    expect(peopleOf(p)).toEqual(['3: Зайцева Ирина | 10-1 | student']);
    expect(p.errors).toEqual([
      { row: 2, code: 'looksLikeDate', params: { column: 'Класс', value: '01.окт' } },
    ]);
  });

  it('refuses a CSV with a quote never closed, naming its line, instead of dropping every row after it', async () => {
    const file = [
      'sep=;',
      'ФИО;Класс;Примечание',
      'Ёлкина Алёна Сергеевна;7Б;"Отличница, староста',
      'Соколов Иван Андреевич;7Б;',
      'Петров Пётр Петрович;7Б;',
    ].join('\r\n');
    expect(await read(iconv.encode(file, 'win1251'), 'list.csv')).toEqual({
      ok: false,
      code: 'unclosedQuote',
      params: { row: 2 },
    });
    // Row numbers are Excel's (the `sep=` line it hides is not one). Quotes closed, over several lines,
    // and a quote inside a cell are fine.
    const fine = 'ФИО;Примечание\r\nЁлкина Алёна;"Отличница,\r\nстароста"\r\nСоколов Иван;Кличка "Ваня"\r\n';
    const { plan: p } = await plan(iconv.encode(fine, 'utf8'), 'list.csv');
    expect(peopleOf(p)).toEqual(['2: Ёлкина Алёна | — | student', '3: Соколов Иван | — | student']);
  });

  it('refuses a file far beyond a school’s size, by its size or its rows, before planning anything', async () => {
    const big = new File([new Uint8Array(6 * 1024 * 1024).fill(0x41)], 'district.csv');
    expect(await readTable(big)).toEqual({ ok: false, code: 'tooBig', params: { size: '6,0', max: '5,0' } });
    const lines = [
      'ФИО;Класс',
      ...Array.from({ length: 10_000 }, (_, i) => `Иванов${'а'.repeat(i % 7)} Иван;7А`),
    ];
    expect(await read(iconv.encode(lines.join('\r\n'), 'utf8'), 'many.csv')).toEqual({
      ok: false,
      code: 'tooManyRows',
      params: { rows: 10_001, max: 10_000 },
    });
  });

  it('chooses the separator from the file’s first rows and reads every row below them with it', async () => {
    const abc = 'абвгдежзиклмнопрстуфхцчшщэюя';
    const letters = (i: number) =>
      [i % 28, Math.floor(i / 28) % 28, Math.floor(i / 784)].map((d) => abc[d]).join('');
    // Commas in the notes far below the sample would tip a guess over the whole file.
    const lines = [
      'ФИО;Класс;Примечание',
      ...Array.from({ length: 3000 }, (_, i) => `Ученик ${letters(i)};7А;a,b,c,d,e,f`),
    ];
    const { plan: p, source } = await plan(iconv.encode(lines.join('\r\n'), 'utf8'), 'school.csv');
    expect(source).toMatchObject({ separator: ';' });
    expect(p.people).toHaveLength(3000);
  });

  it('says an empty file is empty', async () => {
    expect(await read(new Uint8Array(), 'list.csv')).toEqual({ ok: false, code: 'emptyFile' });
    expect(await read(iconv.encode(' \r\n', 'utf8', { addBOM: true }), 'list.csv')).toEqual({
      ok: false,
      code: 'emptyFile',
    });
  });

  it('refuses an old binary .xls and a binary file with a word, not a guess', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    expect(await read(ole, 'list.xls')).toEqual({ ok: false, code: 'oldXls' });
    // An OpenDocument sheet: a ZIP whose first, stored entry names its type.
    const ods = new Uint8Array([
      ...[0x50, 0x4b, 0x03, 0x04, ...new Array(26).fill(0)],
      ...new TextEncoder().encode('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'),
    ]);
    expect(await read(ods, 'list.ods')).toEqual({ ok: false, code: 'ods' });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x01, 0x02, 0x03]);
    expect(await read(png, 'photo.csv')).toEqual({ ok: false, code: 'notATable' });
  });

  it('names what a file is when it is a table in a form it does not read, or no table', async () => {
    // A password-protected XLSX is an OLE2 file holding an «EncryptedPackage» stream: it was called an
    // old .xls, and re-saving it as XLSX (as that message said) keeps the password.
    const encrypted = new Uint8Array(1024);
    encrypted.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    encrypted.set(iconv.encode('EncryptedPackage', 'utf16le'), 600);
    expect(await read(encrypted, 'list.xlsx')).toEqual({ ok: false, code: 'encrypted' });
    // Excel's «XML Spreadsheet 2003» under the name .xls: it was read as text and said «no header».
    const xml2003 = [
      '<?xml version="1.0"?>',
      '<?mso-application progid="Excel.Sheet"?>',
      '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table>',
      '<Row><Cell><Data ss:Type="String">ФИО</Data></Cell></Row></Table></Worksheet></Workbook>',
    ].join('\r\n');
    expect(await read(iconv.encode(xml2003, 'utf8'), 'list.xls')).toEqual({
      ok: false,
      code: 'xmlSpreadsheet',
    });
    // A Word document is a ZIP too: it was read as a workbook without sheets, and said «no header».
    const docx = new JSZip();
    docx.file('[Content_Types].xml', '<Types/>');
    docx.file('word/document.xml', '<w:document/>');
    expect(await read(await docx.generateAsync({ type: 'uint8array' }), 'list.docx')).toEqual({
      ok: false,
      code: 'notATable',
    });
    // A workbook cut short (a download from mail that did not finish): exceljs threw «Corrupted zip: can't
    // find end of central directory», and the curator read that.
    const book = new ExcelJS.Workbook();
    book.addWorksheet('7А').addRow(['ФИО']);
    const whole = new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
    expect(await read(whole.slice(0, whole.length / 2), 'list.xlsx')).toEqual({
      ok: false,
      code: 'damagedXlsx',
    });
  });

  it('tells how to re-save a file it does not read, as XLSX or CSV, in both languages', async () => {
    for (const language of ['ru', 'en'] as const) {
      await setLanguage(language);
      for (const code of ['oldXls', 'ods', 'xmlSpreadsheet', 'encrypted', 'damagedXlsx'] as const) {
        expect(t(`import.${code}`), `${language} ${code}`).toMatch(/\.xlsx\b[\s\S]*\.csv\b/);
      }
    }
    await setLanguage('ru');
  });
});

describe('XLSX cells as a person sees them', () => {
  async function workbook(): Promise<ArrayBuffer> {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Скрытый', { state: 'hidden' }).addRow(['ФИО']);
    const sheet = book.addWorksheet('7А');
    sheet.addRow(['Список обучающихся 7А класса на 01.09.2026']);
    sheet.mergeCells('A1:E1');
    sheet.addRow([]);
    sheet.addRow(['№', 'Фамилия', 'Имя', 'Класс', 'Дата рождения']);
    sheet.addRow([
      1,
      { richText: [{ text: 'Ива', font: { bold: true } }, { text: 'нов' }] },
      'Иван',
      '7А',
      new Date(Date.UTC(2013, 4, 2)),
    ]);
    sheet.addRow([2, { formula: 'UPPER("Петров")', result: 'ПЕТРОВ' }, 'Пётр', '7А', '15.08.2013']);
    sheet.addRow([3, { text: 'Сидорова', hyperlink: 'https://example.org/s' }, 'Анна', '7А', null]);
    sheet.addRow([4, { formula: 'VLOOKUP(A7,Z1:Z2,1,0)', result: { error: '#N/A' } }, 'Олег', '7А', null]);
    sheet.addRow([5, { error: '#REF!' }, 'Ольга', '7А', null]);
    sheet.addRow([6, 'Зайцев', 'Илья', new Date(Date.UTC(2026, 9, 1)), null]);
    sheet.addRow([7, { formula: 'B2' }, 'Без', '7А', null]);
    sheet.addRow([8, 'Смирнов', 'Алексей', 7, null]);
    sheet.getCell('E4').numFmt = 'dd.mm.yyyy';
    sheet.getCell('D9').numFmt = 'dd.mm.yyyy';
    return (await book.xlsx.writeBuffer()) as ArrayBuffer;
  }

  it('reads rich text, formulas’ results and hyperlinks’ text; errors, dates in text columns and formulas without a value are row errors', async () => {
    const { plan: p, source } = await plan(await workbook(), 'class.xlsx');
    expect(source).toEqual({ format: 'xlsx', firstSheet: '7А' });
    expect(p.sheets).toEqual(['7А']);
    expect(p.headerRow).toBe(3);
    expect(peopleOf(p)).toEqual([
      '4: Иванов Иван | 7А | student',
      '5: ПЕТРОВ Пётр | 7А | student',
      '6: Сидорова Анна | 7А | student',
      '11: Смирнов Алексей | 7 | student',
    ]);
    expect(p.people.map((x) => x.person.birthDate)).toEqual(['2013-05-02', '2013-08-15', null, null]);
    expect(p.errors).toEqual([
      { row: 7, code: 'cellError', params: { column: 'Фамилия', value: '#N/A' } },
      { row: 8, code: 'cellError', params: { column: 'Фамилия', value: '#REF!' } },
      { row: 9, code: 'cellDate', params: { column: 'Класс', date: '01.10.2026' } },
      { row: 10, code: 'cellNoValue', params: { column: 'Фамилия' } },
    ]);
    expect(JSON.stringify(p)).not.toContain('[object Object]');
  });
});

describe('birth dates in an XLSX class list', () => {
  it('reads a date cell, ISO text, a day number, «ДД.ММ.ГГГГ» text and 1C’s date-time text to one day; a cell that is none is its row’s error naming the column', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('7А');
    sheet.addRow(['ФИО', 'Класс', 'Д.р.']);
    sheet.addRow(['Иванов Иван', '7А', new Date(Date.UTC(2012, 4, 3))]);
    sheet.addRow(['Петров Пётр', '7А', '2012-05-03']);
    sheet.addRow(['Сидоров Сидор', '7А', 41032]);
    sheet.addRow(['Козлов Олег', '7А', '03.05.2012']);
    sheet.addRow(['Орлов Глеб', '7А', '03.05.2012 0:00:00']);
    sheet.addRow(['Волков Лев', '7А', 'нет данных']);
    sheet.getCell('C2').numFmt = 'dd.mm.yyyy';
    const { plan: p } = await plan((await book.xlsx.writeBuffer()) as ArrayBuffer, 'dates.xlsx');
    expect(p.people.map((x) => `${x.row}: ${x.person.birthDate}`)).toEqual([
      '2: 2012-05-03',
      '3: 2012-05-03',
      '4: 2012-05-03',
      '5: 2012-05-03',
      '6: 2012-05-03',
    ]);
    expect(p.errors).toEqual([
      { row: 7, code: 'badBirthDate', params: { column: 'Д.р.', value: 'нет данных' } },
    ]);
  });

  it('reads ISO 8601 date cells (`t="d"`, as openpyxl and online tools write them) as their day, under a date format or none', async () => {
    // exceljs reads such a cell as its year: under a date format 03.05.2012 came back as 04.07.1905 (an
    // adult), with none as «2012» (refused as a year alone).
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('7А');
    sheet.addRow(['ФИО', 'Класс', 'Дата рождения']);
    sheet.addRow(['Иванов Иван', '7А', 'C2']);
    sheet.addRow(['Петров Пётр', '7А', 'C3']);
    sheet.addRow(['Сидоров Сидор', '7А', 'C4']);
    sheet.getCell('C2').numFmt = 'yyyy-mm-dd';
    sheet.getCell('C3').numFmt = 'dd.mm.yyyy';
    const zip = await JSZip.loadAsync(await book.xlsx.writeBuffer());
    const part = 'xl/worksheets/sheet1.xml';
    const xml = (await zip.file(part)?.async('string')) ?? '';
    const iso = { C2: '2012-05-03', C3: '2011-12-31T00:00:00', C4: '2013-02-28' };
    zip.file(
      part,
      xml.replace(
        /<c r="(C[234])"([^>]*?) t="s"><v>\d+<\/v><\/c>/g,
        (_, ref: keyof typeof iso, attrs: string) =>
          ref === 'C3'
            ? `<c r="${ref}"${attrs} t='d'><v>${iso[ref]}</v></c>`
            : `<c r="${ref}"${attrs} t="d"><v>${iso[ref]}</v></c>`,
      ),
    );
    expect((await zip.file(part)?.async('string'))?.match(/ t=["']d["']/g)).toHaveLength(3);
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    const { plan: p } = await plan(bytes, 'openpyxl.xlsx');
    expect(p.errors).toEqual([]);
    expect(p.people.map((x) => `${x.row}: ${x.person.birthDate} ${x.person.minor}`)).toEqual([
      '2: 2012-05-03 true',
      '3: 2011-12-31 true',
      '4: 2013-02-28 true',
    ]);
  });

  it('reads date cells of a workbook in the 1904 date system as LibreOffice writes it (`date1904="true"`)', async () => {
    // A workbook from Excel for Mac re-saved in LibreOffice: exceljs took only «1», and read every date
    // 4 years and a day early (03.05.2012 as 02.05.2008: a pupil imported as an adult).
    const book = new ExcelJS.Workbook();
    book.properties.date1904 = true;
    const sheet = book.addWorksheet('7А');
    sheet.addRow(['ФИО', 'Класс', 'Дата рождения']);
    sheet.addRow(['Иванов Иван', '7А', new Date(Date.UTC(2012, 4, 3))]);
    sheet.getCell('C2').numFmt = 'dd.mm.yyyy';
    const zip = await JSZip.loadAsync(await book.xlsx.writeBuffer());
    const xml = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
    expect(xml).toContain('date1904="1"');
    zip.file('xl/workbook.xml', xml.replace('date1904="1"', 'date1904="true"'));
    const asExcel = await plan((await book.xlsx.writeBuffer()) as ArrayBuffer, 'mac.xlsx');
    const asLibreOffice = await plan(await zip.generateAsync({ type: 'uint8array' }), 'libreoffice.xlsx');
    for (const { plan: p } of [asExcel, asLibreOffice])
      expect(p.people.map((x) => `${x.row}: ${x.person.birthDate} ${x.person.minor}`)).toEqual([
        '2: 2012-05-03 true',
      ]);
  });

  it('refuses a date cell holding Excel’s zero (a lookup formula that found nothing): no pupil is born in 1899', async () => {
    // Shown «00.01.1900» in Excel: the pupil was imported born 30.12.1899, an adult needing no consent.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('7А');
    sheet.addRow(['ФИО', 'Класс', 'Дата рождения']);
    sheet.addRow(['Иванов Иван', '7А', { formula: 'IFERROR(VLOOKUP(A2,Данные!A:B,2,0),0)', result: 0 }]);
    sheet.addRow(['Петров Пётр', '7А', 0]);
    sheet.addRow(['Сидоров Сидор', '7А', { formula: 'Данные!B4', result: 41032 }]);
    for (const cell of ['C2', 'C3', 'C4']) sheet.getCell(cell).numFmt = 'dd.mm.yyyy';
    const { plan: p } = await plan((await book.xlsx.writeBuffer()) as ArrayBuffer, 'lookup.xlsx');
    expect(p.people.map((x) => `${x.row}: ${x.person.birthDate} ${x.person.minor}`)).toEqual([
      '4: 2012-05-03 true',
    ]);
    expect(p.errors).toEqual(
      [2, 3].map((row) => ({
        row,
        code: 'ancientBirthDate',
        params: { column: 'Дата рождения', value: '30.12.1899' },
      })),
    );
    await setLanguage('ru');
    expect(t('import.err.ancientBirthDate', { column: 'Дата рождения', value: '30.12.1899' })).toContain(
      '00.01.1900',
    );
  });
});

describe('workbooks other programs write', () => {
  it('reads a workbook the Open XML SDK wrote, its elements under the prefix «x:», that it called damaged', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('7А');
    sheet.addRow(['ФИО', 'Класс', 'Дата рождения']);
    sheet.addRow(['Иванов Иван', '7А', new Date(Date.UTC(2012, 4, 3))]);
    sheet.getCell('C2').numFmt = 'dd.mm.yyyy';
    const zip = await JSZip.loadAsync(await book.xlsx.writeBuffer());
    // `<x:worksheet xmlns:x="…/main">…<x:c r="A1" t="s"><x:v>0</x:v></x:c>`, as the SDK writes every part.
    for (const part of [
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
    ]) {
      const xml = (await zip.file(part)?.async('string')) ?? '';
      zip.file(
        part,
        xml
          .replace(
            'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
            'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
          )
          .replace(/<(\/?)(\w+)(?=[\s>/])/g, '<$1x:$2'),
      );
    }
    expect(await zip.file('xl/worksheets/sheet1.xml')?.async('string')).toContain('<x:c r="A2"');
    const { plan: p } = await plan(await zip.generateAsync({ type: 'uint8array' }), 'sdk.xlsx');
    expect(p.errors).toEqual([]);
    expect(
      p.people.map(
        (x) => `${x.row}: ${x.person.fullName} | ${x.person.classOrSubject} | ${x.person.birthDate}`,
      ),
    ).toEqual(['2: Иванов Иван | 7А | 2012-05-03']);
  });
});

describe('workbooks without cell references', () => {
  it('reads rows and cells written without `r`, each after the one before, as Excel places them', async () => {
    // Valid (the reference is optional) and opened by Excel and LibreOffice; called damaged here.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('7А');
    sheet.addRow(['ФИО', 'Класс', 'Дата рождения']);
    sheet.addRow(['Иванов Иван', '7А', new Date(Date.UTC(2012, 4, 3))]);
    sheet.addRow([]);
    sheet.getCell('A4').value = 'Петров Пётр';
    sheet.getCell('C4').value = '01.02.2013';
    sheet.getCell('C2').numFmt = 'dd.mm.yyyy';
    const zip = await JSZip.loadAsync(await book.xlsx.writeBuffer());
    const part = 'xl/worksheets/sheet1.xml';
    const xml = (await zip.file(part)?.async('string')) ?? '';
    // Rows 1 and 2 and their cells lose their references; row 4 keeps its own, and its C4 after a gap.
    zip.file(
      part,
      xml
        .replace(/<row r="[12]"/g, '<row')
        .replace(/<c r="[A-C][12]"/g, '<c')
        .replace(/<c r="A4"/, '<c'),
    );
    expect((await zip.file(part)?.async('string'))?.match(/<c (?!r=)/g)).toHaveLength(7);
    const { plan: p } = await plan(await zip.generateAsync({ type: 'uint8array' }), 'sdk.xlsx');
    expect(p.errors).toEqual([]);
    expect(
      p.people.map(
        (x) => `${x.row}: ${x.person.fullName} | ${x.person.classOrSubject} | ${x.person.birthDate}`,
      ),
    ).toEqual(['2: Иванов Иван | 7А | 2012-05-03', '4: Петров Пётр | null | 2013-02-01']);
  });
});

describe('merged XLSX cells', () => {
  it('reads a header of two levels: a pupil’s name merged down, the parents’ columns under their group', async () => {
    const book = new ExcelJS.Workbook();
    const s = book.addWorksheet('7А');
    s.addRow(['ФИО обучающегося', 'Класс', 'Родители (законные представители)', '']);
    s.addRow(['', '', 'ФИО', 'Телефон']);
    s.mergeCells('A1:A2');
    s.mergeCells('B1:B2');
    s.mergeCells('C1:D1');
    s.addRow(['Иванов Иван', '7А', 'Иванова Мария', '+7 900 000-00-00']);
    const { plan: p } = await plan((await book.xlsx.writeBuffer()) as ArrayBuffer, 'two-level.xlsx');
    expect(peopleOf(p)).toEqual(['3: Иванов Иван | 7А | student']);
    expect(p.people[0]?.person.contacts).toBe(
      'Родители (законные представители) ФИО: Иванова Мария; Родители (законные представители) Телефон: +7 900 000-00-00',
    );
  });

  it('reads a whole name under a «ФИО» merged over the surname, first name and patronymic columns', async () => {
    const book = new ExcelJS.Workbook();
    const s = book.addWorksheet('7А');
    s.addRow(['ФИО', '', '', 'Класс']);
    s.mergeCells('A1:C1');
    s.addRow(['Иванов', 'Иван', 'Иванович', '7А']);
    s.addRow(['Петрова', 'Анна', null, '7А']);
    const { plan: p } = await plan((await book.xlsx.writeBuffer()) as ArrayBuffer, 'merged.xlsx');
    expect(peopleOf(p)).toEqual(['2: Иванов Иван Иванович | 7А | student', '3: Петрова Анна | 7А | student']);
  });

  it('reads a merged cell’s value in its first cell only: a section row is not a pupil, a name is not tripled', async () => {
    const book = new ExcelJS.Workbook();
    const s = book.addWorksheet('7Б');
    s.addRow(['Список 7 «Б» класса']);
    s.mergeCells('A1:E1');
    s.addRow(['№', 'Фамилия', 'Имя', 'Отчество', 'Класс']);
    s.addRow(['Девочки']);
    s.mergeCells('A3:E3');
    s.addRow([1, 'Ёлкина', 'Алёна-Мария', 'Сергеевна', '7Б']);
    s.addRow([2, 'Белова Бела Борисовна', '', '', '7Б']);
    s.mergeCells('B5:D5');
    s.addRow(['Мальчики']);
    s.mergeCells('A6:E6');
    s.addRow([3, 'Соколов', 'Иван', 'Андреевич', '7Б']);
    const { plan: p } = await plan((await book.xlsx.writeBuffer()) as ArrayBuffer, 'merged.xlsx');
    expect(peopleOf(p)).toEqual([
      '4: Ёлкина Алёна-Мария Сергеевна | 7Б | student',
      '5: Белова Бела Борисовна | 7Б | student',
      '7: Соколов Иван Андреевич | 7Б | student',
    ]);
    expect(p.skipped.map((x) => `${x.row}: ${x.code} ${x.params.text}`)).toEqual([
      '3: section Девочки',
      '6: section Мальчики',
    ]);
    expect(p.errors).toEqual([]);
  });
});

describe('a workbook with one sheet per class', () => {
  it('reads every sheet with a header row, each row’s class from its sheet’s title or name, and says the sheet of each row', async () => {
    const book = new ExcelJS.Workbook();
    const a = book.addWorksheet('Лист1');
    a.addRow(['Список 5 «А» класса на 01.09.2026']);
    a.addRow(['№', 'ФИО', 'Дата рождения']);
    a.addRow([1, 'Аксёнов Аким Акимович', '01.09.2014']);
    a.addRow([2, 'Белова Бела Борисовна', '02.09.2014']);
    const b = book.addWorksheet('5Б');
    b.addRow(['№', 'ФИО', 'Дата рождения']);
    b.addRow([1, 'Васильев Вадим Витальевич', '03.09.2014']);
    b.addRow([2, 'Аксёнов Аким', '']);
    book.addWorksheet('Справка').addRow(['Составлено 01.09.2026']);
    const c = book.addWorksheet('6А');
    c.addRow(['№', 'ФИО', 'Класс']);
    c.addRow([1, 'Григорьева Галина Геннадьевна', '6В']);
    c.addRow([2, 'Белова Бела Борисовна', '5А']);
    const { plan: p } = await plan((await book.xlsx.writeBuffer()) as ArrayBuffer, 'school.xlsx');
    expect(p.sheets).toEqual(['Лист1', '5Б', '6А']);
    expect(
      p.people.map((x) => `${x.sheet} ${x.row}: ${x.person.fullName} | ${x.person.classOrSubject}`),
    ).toEqual([
      'Лист1 3: Аксёнов Аким Акимович | 5А',
      'Лист1 4: Белова Бела Борисовна | 5А',
      '5Б 2: Васильев Вадим Витальевич | 5Б',
      '5Б 3: Аксёнов Аким | 5Б',
      // A class column, where the sheet has one, is the class.
      '6А 2: Григорьева Галина Геннадьевна | 6В',
    ]);
    // Rows are compared across sheets: the same name in the same class is one pupil.
    expect(p.errors).toEqual([
      {
        row: 3,
        sheet: '6А',
        code: 'repeated',
        params: { name: 'Белова Бела Борисовна', row: 4, sheet: 'Лист1' },
      },
    ]);
  });
});

describe('a class merged down its column in XLSX', () => {
  it('gives the merged class to every row it spans', async () => {
    const book = new ExcelJS.Workbook();
    const s = book.addWorksheet('Список');
    s.addRow(['Класс', 'ФИО']);
    s.addRow(['7Б', 'Ёлкина Алёна']);
    s.addRow(['', 'Соколов Иван']);
    s.mergeCells('A2:A3');
    const { plan: p } = await plan((await book.xlsx.writeBuffer()) as ArrayBuffer, 'down.xlsx');
    expect(peopleOf(p)).toEqual(['2: Ёлкина Алёна | 7Б | student', '3: Соколов Иван | 7Б | student']);
  });
});

describe('rows hidden in Excel', () => {
  it('leaves out rows hidden by hand or by a filter, and lists them as skipped', async () => {
    const book = new ExcelJS.Workbook();
    const s = book.addWorksheet('7Б');
    s.addRow(['ФИО', 'Класс']);
    s.addRow(['Ёлкина Алёна Сергеевна', '7Б']);
    s.addRow(['Выбывший Пётр Петрович', '7Б']).hidden = true;
    s.addRow(['Соколов Иван Андреевич', '7Б']);
    s.addRow(['Отфильтрованная Анна', '8А']).hidden = true;
    s.autoFilter = 'A1:B5';
    const { plan: p } = await plan((await book.xlsx.writeBuffer()) as ArrayBuffer, 'hidden.xlsx');
    expect(peopleOf(p)).toEqual([
      '2: Ёлкина Алёна Сергеевна | 7Б | student',
      '4: Соколов Иван Андреевич | 7Б | student',
    ]);
    expect(p.skipped).toEqual([
      { row: 3, code: 'hidden', params: { text: 'Выбывший Пётр Петрович | 7Б' } },
      { row: 5, code: 'hidden', params: { text: 'Отфильтрованная Анна | 8А' } },
    ]);
  });
});
