// What exceljs 4.4 misreads in a workbook, handed to it in the form it reads. The ZIP is fflate's; the
// parts are changed only where they hold what exceljs misreads, and the package only when one is.
//
// - Cells of the ISO 8601 date type (`<c t="d"><v>2012-05-03</v></c>`, ECMA-376 Part 1 §18.18.11), which
//   openpyxl writes with `iso_dates=True`, as do some online tools and journals' exports. exceljs has no
//   case for the type: it reads the value with parseFloat, as the year alone («2012»), and under a date
//   format turns that year into a day number — 03.05.2012 came back as 04.07.1905, a pupil imported as
//   a 121-year-old adult. They are handed over as text cells (`t="str"`) holding the same ISO text,
//   which the import reads as the date it is (import-dates.ts).
// - The 1904 date system written `date1904="true"` (an XML boolean, as LibreOffice writes it for a
//   workbook that came from Excel for Mac): exceljs takes only «1», and read every date cell 4 years and
//   a day early (03.05.2012 as 02.05.2008). It is handed over as `date1904="1"`.
// - Parts whose elements carry a prefix bound to SpreadsheetML's namespace (`<x:worksheet
//   xmlns:x="…/spreadsheetml/2006/main">`), as the Open XML SDK writes them — valid, and opened by Excel
//   and LibreOffice; exceljs matches elements by their bare names (exceljs issue #1437) and read no
//   workbook: the file was called damaged. They are handed over in the default namespace.
// - Rows and cells without their reference (`<row>`, `<c t="s">`: `r` is optional, ECMA-376 Part 1
//   §18.3.1.73 and §18.3.1.4, and code built on the Open XML SDK often leaves it out; Excel and LibreOffice
//   place them one after another): exceljs cannot place them and the file was called damaged. They are
//   handed over with the references they stand for.
import { unzipSync, zipSync } from 'fflate';

/** A part of the workbook in XML: the workbook, its sheets, shared strings, styles… */
const XML_PART = /^\/?xl\/.+\.xml$/;
/** A worksheet's part in the package, where cells are (exceljs reads `xl/worksheets/sheetN.xml`). */
const SHEET_PART = /^\/?xl\/worksheets\/[^/]+\.xml$/;
/** The workbook's part, with its properties. */
const WORKBOOK_PART = /^\/?xl\/workbook\.xml$/;
/** The type attribute of a cell of the ISO date type, in either quotes. */
const ISO_DATE_TYPE = /(<c\b[^>]*?\st\s*=\s*)(["'])d\2/g;
/** A part's root element under a prefix bound to SpreadsheetML's namespace, the prefix captured. */
const PREFIXED_ROOT =
  /^(?:\s*<\?[^>]*\?>)?\s*<(\w+):\w+\b[^>]*\sxmlns:\1\s*=\s*["']http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main["']/;

/** A part's XML with its SpreadsheetML prefix taken off every element and made the default namespace. */
function inDefaultNamespace(xml: string): string {
  const prefix = PREFIXED_ROOT.exec(xml)?.[1];
  if (!prefix) return xml;
  return xml
    .replace(new RegExp(`<(/?)${prefix}:`, 'g'), '<$1')
    .replace(new RegExp(`\\sxmlns:${prefix}(?=\\s*=)`), ' xmlns');
}

/** A row's or a cell's start tag, its attributes and its self-closing slash captured. */
const ROW_OR_CELL = /<(row|c)\b([^>]*?)(\/?)>/g;
const REFERENCE = /\sr\s*=\s*["']([A-Z]*)(\d+)["']/;
/** A row or a cell without its reference. */
const UNREFERENCED = /<(?:row|c)\b(?![^>]*\sr\s*=)[^>]*>/;

/** A column's number as its letters: 1 → A, 27 → AA. */
const columnLetters = (n: number): string =>
  (n > 26 ? columnLetters(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));
/** A column's letters as its number: A → 1, AA → 27. */
const columnNumber = (letters: string) => [...letters].reduce((n, l) => n * 26 + l.charCodeAt(0) - 64, 0);

/**
 * A sheet's XML with every row and cell referenced: one without `r` is the row after the one before it,
 * the cell after the one before it in its row, as Excel places them.
 */
function withReferences(xml: string): string {
  if (!UNREFERENCED.test(xml)) return xml;
  let row = 0;
  let column = 0;
  return xml.replace(ROW_OR_CELL, (tag, name: string, attributes: string, slash: string) => {
    const reference = REFERENCE.exec(attributes);
    if (name === 'row') {
      row = reference ? Number(reference[2]) : row + 1;
      column = 0;
      return reference ? tag : `<row r="${row}"${attributes}${slash}>`;
    }
    column = reference ? columnNumber(reference[1] ?? '') : column + 1;
    return reference ? tag : `<c r="${columnLetters(column)}${row}"${attributes}${slash}>`;
  });
}

/** The workbook's 1904 date system, written as the boolean «true». */
const DATE_1904_TRUE = /(<(?:\w+:)?workbookPr\b[^>]*?\sdate1904\s*=\s*)(["'])true\2/;

/**
 * The workbook's bytes with what exceljs misreads in the form it reads; the same bytes when it has
 * none, or when they are no ZIP fflate reads (exceljs then says what is wrong with them).
 */
export function mendForExceljs(bytes: Uint8Array): Uint8Array {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, { filter: (file) => XML_PART.test(file.name) });
  } catch {
    return bytes;
  }
  const changed: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(parts)) {
    const xml = new TextDecoder().decode(data);
    const unprefixed = inDefaultNamespace(xml);
    const mended = WORKBOOK_PART.test(name)
      ? unprefixed.replace(DATE_1904_TRUE, '$1$21$2')
      : SHEET_PART.test(name)
        ? withReferences(unprefixed).replace(ISO_DATE_TYPE, '$1$2str$2')
        : unprefixed;
    if (mended !== xml) changed[name] = new TextEncoder().encode(mended);
  }
  if (Object.keys(changed).length === 0) return bytes;
  // Stored, not compressed again: the package is read once, in memory.
  return zipSync({ ...unzipSync(bytes), ...changed }, { level: 0 });
}
