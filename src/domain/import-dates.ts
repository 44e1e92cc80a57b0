// Dates in a class list: a birth date in whatever shape a school's file has it (typed text, a date cell,
// an Excel day number, a journal's or 1C's export), and texts in other columns that Excel made look like
// dates. Each shape reads to one YYYY-MM-DD day, or to a typed reason it cannot.
import { addDays, format, isValid, parse } from 'date-fns';
import { ru } from 'date-fns/locale';
import { withoutInvisible } from './fold-text';
import type { SheetCell } from './import-table';

/** A text that Excel shows for a date it made from «10-1» or «1.10»: «01.окт», «окт.01», «01.10.2026». */
const MONTHS =
  '(янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)';
export const DATE_LIKE = new RegExp(
  `^(\\d{1,2}[.\\- /]${MONTHS}\\.?|${MONTHS}[.\\- /]\\d{1,4}|\\d{1,2}\\.\\d{1,2}\\.\\d{2,4})$`,
  'i',
);

/** `YYYY-MM-DD` as ДД.ММ.ГГГГ. */
export const dottedDay = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/**
 * What may follow the day and stand for nothing: «г.» («03.05.2012 г.», as documents write it), and a
 * midnight that a date-time column adds — 1C and Excel's CSV write «03.05.2012 0:00:00», a journal's
 * export «2012-05-03T00:00:00» or «…T00:00:00.000Z». A time other than midnight is not cut off: with a
 * zone it may be another day's midnight somewhere else (a browser's «2012-05-02T21:00:00Z»).
 */
const DAY_TAIL = /(?:\s*г\.?|[ T]0?0:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?)$/i;

/**
 * A birth date as class lists write it, as `YYYY-MM-DD`, or null: «05.11.2012», «5/11/2012»,
 * «2012-11-05», «2012.11.05», «5 ноября 2012», a two-digit year («05.11.12»: of this century up to this
 * year, else of the last), the day number Excel keeps when a date cell lost its format («41218», days
 * since 30.12.1899), each with «г.» or a midnight after it. A day that does not exist (31.02) is null.
 * `today` (YYYY-MM-DD, or '' unknown) places two-digit years.
 */
export function parseDay(typed: string, today: string): string | null {
  const text = typed.replace(DAY_TAIL, '').trim();
  if (/^\d{5}$/.test(text)) {
    const day = addDays(new Date(1899, 11, 30), Number(text));
    return day.getFullYear() > 1900 ? format(day, 'yyyy-MM-dd') : null;
  }
  if (/^\d{1,2} \p{L}+ \d{4}$/u.test(text)) {
    const date = parse(text, 'd MMMM yyyy', new Date(2000, 0, 1), { locale: ru });
    return isValid(date) && date.getFullYear() > 1900 ? format(date, 'yyyy-MM-dd') : null;
  }
  const parts = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$/.exec(text);
  if (!parts) return null;
  const [, first = '', month = '', last = ''] = parts;
  const [dayText, yearText] = first.length === 4 ? [last, first] : [first, last];
  if (dayText.length > 2 || (yearText.length !== 4 && yearText.length !== 2)) return null;
  // Without today's date a two-digit year cannot be placed in its century.
  if (yearText.length === 2 && today === '') return null;
  const year =
    yearText.length === 4
      ? Number(yearText)
      : 2000 + Number(yearText) <= Number(today.slice(0, 4))
        ? 2000 + Number(yearText)
        : 1900 + Number(yearText);
  const date = parse(`${dayText}.${month}.${year}`, 'd.M.yyyy', new Date(year, 0, 1));
  return isValid(date) && year > 1900 ? format(date, 'yyyy-MM-dd') : null;
}

/** Years beyond anyone's age. */
const MAX_AGE = 120;

type BirthDateError = {
  code:
    | 'badBirthDate'
    | 'birthYearOnly'
    | 'futureBirthDate'
    | 'ancientBirthDate'
    | 'cellError'
    | 'cellNoValue';
  params: Record<string, string>;
};

/**
 * A birth date cell of the column headed `column`: its day (null when empty), or why it is not one —
 * every reason names the column and the value, so that the curator finds the cell.
 */
export function birthDateOf(
  cell: SheetCell,
  column: string,
  today: string,
): { ok: true; day: string | null } | { ok: false; error: BirthDateError } {
  const fail = (code: BirthDateError['code'], value: string) => ({
    ok: false as const,
    error: { code, params: { column, value } },
  });
  let day: string | null = null;
  if (typeof cell !== 'string') {
    if (cell.kind === 'error') return fail('cellError', cell.shown);
    if (cell.kind === 'noValue') return fail('cellNoValue', '');
    day = cell.iso;
  } else {
    const text = withoutInvisible(cell).replace(/\s+/g, ' ').trim();
    if (text === '') return { ok: true, day: null };
    day = parseDay(text, today);
    // A year alone: typed so, or a date in a form some program wrote that reads as its year (as
    // exceljs read ISO date cells, `<c t="d">`, before they were handed to it as text: exceljs-gaps.ts)
    // — re-saving the file in Excel or LibreOffice fixes it.
    if (!day && /^(19|20)\d\d$/.test(text)) return fail('birthYearOnly', text);
    if (!day) return fail('badBirthDate', text);
  }
  if (today !== '' && day > today) return fail('futureBirthDate', dottedDay(day));
  // More than 120 years ago is no one's birth date: mostly Excel's zero under a date format (shown
  // «00.01.1900», read as 30.12.1899; 01.01.1904 in the 1904 date system) — a lookup formula that found
  // nothing —, which made a pupil an adult.
  const oldest = `${Number(today.slice(0, 4)) - MAX_AGE}${today.slice(4)}`;
  if (today !== '' && day < oldest) return fail('ancientBirthDate', dottedDay(day));
  return { ok: true, day };
}
