// Reading a table a curator picks: CSV or text (papaparse) in whatever encoding Excel or a journal saved
// it, XLSX (exceljs), both loaded only when needed, or a journal's HTML «.xls» (the browser's parser).
// Every cell comes back as the text a person sees in it, or as a typed problem (a date, an Excel error,
// a formula without a value): never as an object.
import type { CellValue, Worksheet } from 'exceljs';
import { findHeader } from '../../domain/import-columns';
import type { SheetCell, TableSheet } from '../../domain/import-table';
import { decodeText, type TextEncoding } from './decode-text';
import { mendForExceljs } from './exceljs-gaps';

type TableSource =
  | { format: 'csv'; encoding: TextEncoding; separator: string }
  | { format: 'xlsx'; firstSheet: string }
  | { format: 'html' };
/** Every sheet a workbook shows (one for a CSV or a web page's table), each with its rows. */
export type ReadTable = { sheets: TableSheet[]; source: TableSource };
export type ReadResult =
  | { ok: true; table: ReadTable }
  | {
      ok: false;
      code:
        | 'oldXls'
        | 'ods'
        | 'xmlSpreadsheet'
        | 'encrypted'
        | 'damagedXlsx'
        | 'notATable'
        | 'emptyFile'
        | 'xlsxOffline';
      params?: undefined;
    }
  | { ok: false; code: 'unclosedQuote'; params: { row: number } }
  | { ok: false; code: 'tooBig'; params: { size: string; max: string } }
  | { ok: false; code: 'tooManyRows'; params: { rows: number; max: number } };

/** What Excel shows for a boolean cell in Russian. */
const BOOLEAN_TEXT = { true: 'ИСТИНА', false: 'ЛОЖЬ' } as const;

const SEPARATORS = [';', '\t', ',', '|'];
/** The start of a file the separator is chosen by: the header row is among its first rows. */
const SAMPLE_CHARS = 64 * 1024;
/**
 * Far beyond any school's class lists (a school of 3,000 pupils with contacts is under 1 MB of CSV):
 * such a file is something else — a district's or a journal's whole database — and is refused before it
 * freezes the tab.
 */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const MAX_ROWS = 10_000;

/**
 * Reads a CSV or text file's bytes: the encoding is detected (decode-text.ts); a first line `sep=;`
 * (which Excel writes and honours) sets the separator; otherwise the separator is the one under which a
 * header row naming the people appears with the most columns in the file's first rows (a short list
 * defeats a statistical guess), else papaparse's guess; then the file is parsed once, with it. Empty
 * lines are kept so that row numbers stay the spreadsheet's.
 */
async function readDelimited(bytes: Uint8Array): Promise<ReadTable | { quoteRow: number }> {
  const { text, encoding } = decodeText(bytes);
  const sep = /^sep=(.)\r?\n/i.exec(text);
  const body = sep ? text.slice(sep[0].length) : text;
  const { parse } = await import('papaparse');
  const parsed = (delimiter: string) => {
    const result = parse<string[]>(body, { delimiter, skipEmptyLines: false });
    // A quote never closed swallows every following line into one cell: the row it opens in, numbered
    // as the plan numbers rows (papaparse counts rows from 0).
    const quote = result.errors.find((e) => e.type === 'Quotes');
    return {
      // The «'» a CSV export (ours among them) puts before a cell that starts like a formula is not
      // part of the value.
      rows: result.data.map((row) => row.map((cell) => String(cell).replace(/^'(?=[=+\-@\t\r])/, ''))),
      separator: result.meta.delimiter,
      quoteRow: quote ? (quote.row ?? 0) + 1 : 0,
    };
  };
  const headerWidth = (rows: string[][]) => {
    const at = findHeader(rows);
    return at === -1 ? 0 : (rows[at] ?? []).filter((cell) => cell.trim() !== '').length;
  };
  const cut = body.lastIndexOf('\n', SAMPLE_CHARS);
  const sample = body.length <= SAMPLE_CHARS || cut === -1 ? body.slice(0, SAMPLE_CHARS) : body.slice(0, cut);
  const widthUnder = (delimiter: string) =>
    headerWidth(parse<string[]>(sample, { delimiter, skipEmptyLines: false }).data);
  let delimiter = sep?.[1];
  if (delimiter === undefined) {
    const tries = SEPARATORS.map((d) => ({ d, width: widthUnder(d) }));
    const best = tries.reduce((a, b) => (b.width > a.width ? b : a));
    delimiter = best.width > 0 ? best.d : parse<string[]>(sample, { delimiter: '' }).meta.delimiter;
  }
  const chosen = parsed(delimiter);
  if (chosen.quoteRow > 0) return { quoteRow: chosen.quoteRow };
  return {
    sheets: [{ name: '', rows: chosen.rows }],
    source: { format: 'csv', encoding, separator: chosen.separator },
  };
}

/** A number as Excel shows it by default in Russian: whole numbers as they are, a decimal comma. */
const numberText = (n: number) => (Number.isInteger(n) ? String(n) : String(n).replace('.', ','));

/**
 * One exceljs cell value as a person sees it. Every shape exceljs gives is handled; an unknown one is an
 * error cell, so no object is ever turned into text.
 */
function cellText(value: CellValue): SheetCell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return BOOLEAN_TEXT[value ? 'true' : 'false'];
  if (value instanceof Date)
    return Number.isNaN(value.getTime())
      ? { kind: 'error', shown: '#VALUE!' }
      : { kind: 'date', iso: value.toISOString().slice(0, 10) };
  if ('error' in value) return { kind: 'error', shown: String(value.error) };
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) return cellText(value.text as CellValue);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: CellValue }).result;
    return result === undefined ? { kind: 'noValue' } : cellText(result);
  }
  return { kind: 'error', shown: '?' };
}

/** The rows a person does not see: hidden by hand or by a filter (Excel writes both as hidden). */
function hiddenRows(sheet: Worksheet): Set<number> {
  const hidden = new Set<number>();
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (row.hidden) hidden.add(number);
  });
  return hidden;
}

function sheetRows(sheet: Worksheet): SheetCell[][] {
  const rows: SheetCell[][] = [];
  // Every row from the first, empty ones too: row numbers stay the sheet's. A merged cell's value
  // belongs to the first column of the merge (exceljs repeats it into every cell, which made a section
  // «Девочки» merged across the table a pupil «Девочки Девочки Девочки»), in every row it spans (a class
  // merged down its column is each pupil's class).
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: SheetCell[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c);
      cells.push(cell.isMerged && Number(cell.master.col) !== c ? '' : cellText(cell.value));
    }
    rows.push(cells);
  }
  return rows;
}

/**
 * Reads an XLSX workbook: every visible sheet, in order (schools keep one sheet per class); the plan
 * reads those with a header row naming the people.
 */
async function readWorkbook(bytes: Uint8Array): Promise<ReadTable | 'noSheets' | 'damaged' | null> {
  // The reader of workbooks (about 1 MB) is not stored with the app: it comes on its first use, and is
  // kept from then on. With no network before that, null — the file is fine, the reader is not here.
  const loaded = await import('exceljs').catch(() => null);
  if (!loaded) return null;
  const { default: ExcelJS } = loaded;
  const workbook = new ExcelJS.Workbook();
  // A damaged file (a download cut short, a generator that writes XLSX its own way) makes exceljs throw
  // its own English words («Corrupted zip: can't find end of central directory»): the curator is told
  // the file is damaged and how to get a good one instead.
  // What exceljs misreads (ISO date cells, a 1904 date system written «true»), in the form it reads.
  const isLoaded = await workbook.xlsx.load(mendForExceljs(bytes).buffer as ArrayBuffer).then(
    () => true,
    () => false,
  );
  if (!isLoaded) return 'damaged';
  const sheets = workbook.worksheets.filter((s) => s.state !== 'hidden' && s.state !== 'veryHidden');
  // A ZIP that holds no sheet (a Word document, an archive) loads as an empty workbook.
  if (workbook.worksheets.length === 0) return 'noSheets';
  return {
    sheets: sheets.map((sheet) => ({
      name: sheet.name,
      rows: sheetRows(sheet),
      hiddenRows: hiddenRows(sheet),
    })),
    source: { format: 'xlsx', firstSheet: sheets[0]?.name ?? '' },
  };
}

/**
 * An HTML table as the grid a person sees: a cell spanning rows (a class merged down its column) is in
 * each of them, so the later rows' cells do not shift left; a cell spanning columns is in the first only,
 * as a merged XLSX cell is.
 */
function tableGrid(table: HTMLTableElement): string[][] {
  const grid: string[][] = [];
  const lineAt = (r: number) => {
    const line = grid[r] ?? [];
    grid[r] = line;
    return line;
  };
  [...table.rows].forEach((row, r) => {
    const line = lineAt(r);
    let c = 0;
    for (const cell of [...row.cells]) {
      while (line[c] !== undefined) c++;
      const text = (cell.textContent ?? '').trim();
      for (let dr = 0; dr < Math.max(1, cell.rowSpan); dr++)
        for (let dc = 0; dc < Math.max(1, cell.colSpan); dc++) lineAt(r + dr)[c + dc] = dc === 0 ? text : '';
      c += Math.max(1, cell.colSpan);
    }
  });
  return grid.map((line) => Array.from(line, (cell) => cell ?? ''));
}

/**
 * Reads an HTML table, which journals such as «Сетевой город» save under the name .xls: the browser's
 * own parser reads it, and the first table with a header row naming the people is taken. Null where the
 * platform has no DOMParser.
 */
function readHtmlTable(text: string): ReadTable | null {
  if (typeof DOMParser === 'undefined') return null;
  const doc = new DOMParser().parseFromString(text, 'text/html');
  const tables = [...doc.querySelectorAll('table')].map(tableGrid);
  const rows = tables.find((t) => findHeader(t) !== -1) ?? tables[0];
  return rows ? { sheets: [{ name: '', rows }], source: { format: 'html' } } : null;
}

/**
 * Reads a file a curator picked, by its contents rather than its name: a ZIP is an XLSX workbook (or an
 * OpenDocument sheet, refused), an OLE2 file an old binary .xls (refused), an HTML page its table, and
 * anything else delimited text. A file far beyond a school's size is refused, before it is read when its
 * size already says so.
 */
export async function readTable(file: File): Promise<ReadResult> {
  if (file.size > MAX_FILE_BYTES)
    return {
      ok: false,
      code: 'tooBig',
      params: { size: megabytes(file.size), max: megabytes(MAX_FILE_BYTES) },
    };
  const result = await readAny(file);
  const rows = result.ok ? result.table.sheets.reduce((n, sheet) => n + sheet.rows.length, 0) : 0;
  return rows > MAX_ROWS ? { ok: false, code: 'tooManyRows', params: { rows, max: MAX_ROWS } } : result;
}

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1).replace('.', ',');

/** Whether a name is among the bytes in UTF-16 LE, as an OLE2 file's directory keeps its streams' names. */
function hasUtf16(bytes: Uint8Array, name: string): boolean {
  const wanted = new Uint8Array([...name].flatMap((c) => [c.charCodeAt(0), 0]));
  for (let at = bytes.indexOf(wanted[0] ?? 0); at !== -1; at = bytes.indexOf(wanted[0] ?? 0, at + 1))
    if (wanted.every((b, i) => bytes[at + i] === b)) return true;
  return false;
}

/** The file read as whichever of the formats its contents are. */
async function readAny(file: File): Promise<ReadResult> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const start = String.fromCharCode(...bytes.subarray(0, 100));
  const isOle = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  // No well-kept library the app has reads these (exceljs reads XLSX only), and none is worth its weight
  // for a file the curator can re-save: the message says how to save it as XLSX or CSV, which it reads.
  // An XLSX with a password is an OLE2 file too, holding an «EncryptedPackage» stream: re-saving it as
  // XLSX keeps the password, so its message says to take the password off.
  if (isOle) return { ok: false, code: hasUtf16(bytes, 'EncryptedPackage') ? 'encrypted' : 'oldXls' };
  if (isZip && start.includes('opendocument')) return { ok: false, code: 'ods' };
  if (isZip) {
    const table = await readWorkbook(bytes);
    if (table === 'noSheets') return { ok: false, code: 'notATable' };
    if (table === 'damaged') return { ok: false, code: 'damagedXlsx' };
    return table ? { ok: true, table } : { ok: false, code: 'xlsxOffline' };
  }
  const { text } = decodeText(bytes);
  if (text.trim() === '') return { ok: false, code: 'emptyFile' };
  // Excel's «XML Spreadsheet 2003», which some journals save under the name .xls: its <Table> is no
  // HTML table, and read as one it gave «no header» for a list that has one.
  if (/^\s*<\?xml/.test(text) && text.slice(0, 2000).includes('urn:schemas-microsoft-com:office:spreadsheet'))
    return { ok: false, code: 'xmlSpreadsheet' };
  if (/^\s*</.test(text) && /<table/i.test(text)) {
    const html = readHtmlTable(text);
    if (html) return { ok: true, table: html };
  }
  const table = await readDelimited(bytes);
  if ('quoteRow' in table) return { ok: false, code: 'unclosedQuote', params: { row: table.quoteRow } };
  // Control characters in the cells: a picture, a PDF or another binary file, not a table.
  const rows = table.sheets[0]?.rows ?? [];
  if (rows.some((row) => row.some((cell) => typeof cell === 'string' && /(?![\t\n\r])\p{Cc}/u.test(cell))))
    return { ok: false, code: 'notATable' };
  return { ok: true, table };
}
