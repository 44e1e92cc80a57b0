// XLSX cells of the ISO 8601 date type (`<c t="d"><v>2012-05-03</v></c>`, ECMA-376 Part 1 §18.18.11),
// which openpyxl writes with `iso_dates=True`, as do some online tools and journals' exports. exceljs 4.4
// has no case for the type: it reads the value with parseFloat, as the year alone («2012»), and under a
// date format turns that year into a day number — 03.05.2012 came back as 04.07.1905, a pupil imported
// as a 121-year-old adult. Such cells are handed to exceljs as text cells (`t="str"`) holding the same
// ISO text, which the import reads as the date it is (import-dates.ts). The ZIP is fflate's.
import { unzipSync, zipSync } from 'fflate';

/** A worksheet's part in the package, where cells are (exceljs reads `xl/worksheets/sheetN.xml`). */
const SHEET_PART = /^\/?xl\/worksheets\/[^/]+\.xml$/;
/** The type attribute of a cell of the ISO date type, in either quotes. */
const ISO_DATE_TYPE = /(<c\b[^>]*?\st\s*=\s*)(["'])d\2/g;

/**
 * The workbook's bytes with every ISO date cell a text cell of the same value; the same bytes when it
 * has none, or when they are no ZIP fflate reads (exceljs then says what is wrong with them).
 */
export function withIsoDatesAsText(bytes: Uint8Array): Uint8Array {
  let sheets: Record<string, Uint8Array>;
  try {
    sheets = unzipSync(bytes, { filter: (file) => SHEET_PART.test(file.name) });
  } catch {
    return bytes;
  }
  const changed: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(sheets)) {
    const xml = new TextDecoder().decode(data);
    const rewritten = xml.replace(ISO_DATE_TYPE, '$1$2str$2');
    if (rewritten !== xml) changed[name] = new TextEncoder().encode(rewritten);
  }
  if (Object.keys(changed).length === 0) return bytes;
  // Stored, not compressed again: the package is read once, in memory.
  return zipSync({ ...unzipSync(bytes), ...changed }, { level: 0 });
}
