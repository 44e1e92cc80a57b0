// Downloads of tables as CSV and XLSX that Russian Excel opens by a double click. The libraries load only
// when a curator exports: they are large.
import { type ExportCell, isPhoneNumbers } from '../../domain/export-cell';
import { formatExportDay, formatExportMoment, formatExportNumber } from '../i18n/format';
import { t } from '../i18n/i18n';

/** A sheet of an XLSX workbook: an optional title row above the header row, then the data rows. */
export type Sheet = { name: string; title?: string; rows: ExportCell[][] };

function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A cell as a CSV carries it: dates as ДД.ММ.ГГГГ, yes/no in words, numbers with the decimal comma. */
function csvText(cell: ExportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return formatExportNumber(cell);
  if (typeof cell === 'boolean') return t(cell ? 'fill.yes' : 'fill.no');
  return 'day' in cell ? formatExportDay(cell.day) : formatExportMoment(cell.moment);
}

/** A cell Excel would take for a formula: it starts with =, +, −, @, a tab or a carriage return (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell as the CSV writes it. A phone number («+7 912 345-67-89») starts with «+» like a formula,
 * and OWASP's apostrophe would reach the curator as «'+7 912 …»: Excel and LibreOffice Calc show an
 * apostrophe read from a CSV as part of the text (it hides only when typed into a cell). The guard is
 * not needed there: a cell of digits and the signs between them (isPhoneNumbers) can name no function,
 * cell or program, so the most a spreadsheet can make of it is arithmetic. Against that — written bare,
 * «+7-912-345-67-89» may show as −1406 — it gets a leading space (the choice other exporters made for
 * phone numbers): a cell that starts with a space is text to both programs, and the space shows as
 * nothing. The import trims cells, so our own export read back gives the number as it was.
 */
const csvCellText = (cell: ExportCell) => {
  const text = csvText(cell);
  return typeof cell === 'string' && isPhoneNumbers(text) ? ` ${text}` : text;
};

/**
 * A CSV as Russian Excel opens it by a double click: UTF-8 with a byte-order mark (else Excel reads
 * Windows-1251), «;» between cells (Excel's list separator in Russian), CRLF line ends. A cell that starts
 * like a formula (=, +, −, @) is escaped, so that a typed note never runs as one in the curator's Excel;
 * a phone number is written so that it reaches the curator as typed (csvCellText).
 */
export async function csvContent(rows: readonly ExportCell[][]): Promise<string> {
  const { unparse } = await import('papaparse');
  const text = unparse(
    rows.map((row) => row.map(csvCellText)),
    // papaparse's own test (`escapeFormulae: true`) matches a cell of one line only: notes of several
    // lines that start «- разобрали…» or «=итог» went out as they were. The cell's start is what counts.
    { delimiter: ';', newline: '\r\n', escapeFormulae: FORMULA_START },
  );
  return `\ufeff${text}\r\n`;
}

export async function downloadCsv(filename: string, rows: readonly ExportCell[][]): Promise<void> {
  save(new Blob([await csvContent(rows)], { type: 'text/csv;charset=utf-8' }), filename);
}

/** A day as the Date exceljs stores for it (exceljs counts in UTC): the same calendar day in any zone. */
const dayDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** A moment as its local wall-clock time, stored the same way: Excel has no time zones. */
function momentDate(iso: string): Date {
  const d = new Date(iso);
  return new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()));
}
/** How many characters a cell shows, for the column's width. */
function shownLength(cell: ExportCell): number {
  if (cell === null) return 0;
  if (typeof cell === 'object') return 'day' in cell ? 10 : 16;
  return Math.max(
    ...String(csvText(cell))
      .split('\n')
      .map((line) => line.length),
  );
}

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/**
 * An XLSX workbook with typed cells: dates as dates (ДД.ММ.ГГГГ), numbers as numbers, yes/no in words;
 * each sheet with its header row bold, frozen and filterable, columns as wide as their contents (long
 * texts wrap).
 */
export async function xlsxBytes(sheets: readonly Sheet[]): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31));
    const headerRow = sheet.title ? 2 : 1;
    if (sheet.title) {
      worksheet.addRow([sheet.title]).font = { bold: true, size: 13 };
    }
    const columns = Math.max(0, ...sheet.rows.map((row) => row.length));
    for (const row of sheet.rows) {
      const added = worksheet.addRow(
        row.map((cell) => {
          if (cell === null) return null;
          if (typeof cell === 'boolean') return csvText(cell);
          if (typeof cell === 'object') return 'day' in cell ? dayDate(cell.day) : momentDate(cell.moment);
          return cell;
        }),
      );
      row.forEach((cell, i) => {
        if (cell && typeof cell === 'object')
          added.getCell(i + 1).numFmt = 'day' in cell ? 'dd.mm.yyyy' : 'dd.mm.yyyy hh:mm';
        else if (typeof cell === 'string' && cell.length > MAX_WIDTH)
          added.getCell(i + 1).alignment = { wrapText: true, vertical: 'top' };
      });
    }
    worksheet.getRow(headerRow).font = { bold: true };
    worksheet.getRow(headerRow).alignment = { wrapText: true, vertical: 'top' };
    worksheet.views = [{ state: 'frozen', ySplit: headerRow }];
    if (columns > 0 && sheet.rows.length > 0)
      worksheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: columns } };
    for (let c = 0; c < columns; c++) {
      const widest = Math.max(...sheet.rows.map((row) => shownLength(row[c] ?? null)));
      worksheet.getColumn(c + 1).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2));
    }
  }
  return workbook.xlsx.writeBuffer() as Promise<ArrayBuffer>;
}

export async function downloadXlsx(filename: string, sheets: readonly Sheet[]): Promise<void> {
  const bytes = await xlsxBytes(sheets);
  save(
    new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    filename,
  );
}

export function fileSafe(name: string): string {
  return (
    name
      .replace(/[\\/:*?"<>|]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 80) || 'export'
  );
}
