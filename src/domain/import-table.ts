// A class list as the file readers give it (src/client/files): sheets of rows of cells, each cell the text
// a person sees or a typed problem; and a cell's text as the import compares it.
import { withoutInvisible } from './fold-text';

/**
 * One cell as a person sees it. A file reader returns text or a typed problem — never an object that
 * could become «[object Object]» — and the plan decides per column whether the problem matters.
 * `date`: a date cell (`iso` YYYY-MM-DD); `error`: an Excel error such as «#N/A»; `noValue`: a formula
 * the file holds no computed result for.
 */
export type SheetCell =
  | string
  | { kind: 'date'; iso: string }
  | { kind: 'error'; shown: string }
  | { kind: 'noValue' };

/** One sheet of a workbook (a CSV is one): its rows from the first, and its name. */
export type TableSheet = {
  name: string;
  rows: readonly (readonly SheetCell[])[];
  /** Row numbers (1-based) hidden in Excel, by hand or by a filter: left out, and the preview says so. */
  hiddenRows?: ReadonlySet<number>;
};

/** A cell's text without invisible characters, its runs of spaces as one, trimmed. */
export const clean = (s: string) => withoutInvisible(s).replace(/\s+/g, ' ').trim();

/**
 * A long number as Excel shows it in a column too narrow, and writes it so to a CSV: «7,91235E+10» for a
 * phone 79123456789. The digits beyond the sixth are gone from the file: the import cannot give them back.
 */
export const isShortenedNumber = (text: string) => /^\d([.,]\d+)?E\+\d+$/i.test(text);
