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
        ? unprefixed.replace(ISO_DATE_TYPE, '$1$2str$2')
        : unprefixed;
    if (mended !== xml) changed[name] = new TextEncoder().encode(mended);
  }
  if (Object.keys(changed).length === 0) return bytes;
  // Stored, not compressed again: the package is read once, in memory.
  return zipSync({ ...unzipSync(bytes), ...changed }, { level: 0 });
}
