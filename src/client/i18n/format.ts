// Dates and numbers for people: with format-ago.ts, the one place that imports date-fns. It formats
// through date-fns' Intl functions, which take the names of months and days from the browser rather
// than from locale data in the app: every phone would otherwise download that data before its first
// screen.
import { intlFormat, lightFormat } from 'date-fns';
import { schoolNow } from '../state/school-clock';
import { formatNumber, language } from './i18n';

/** The Intl locale of the UI's language. */
export const locale = () => (language.value === 'en' ? 'en-GB' : 'ru');

/**
 * A stored day (`yyyy-MM-dd`) as the device's local midnight, or a stored instant (ISO 8601 with its
 * offset) as it is: the two forms JavaScript reads by itself (a date-time without offset is local).
 */
export const toDate = (iso: string) => new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);

/** A date with its year as people write it: without the «г.» Intl adds after a Russian year. */
const withYear = (iso: string, options: Intl.DateTimeFormatOptions) =>
  intlFormat(toDate(iso), options, { locale: locale() }).replace(/\s*г\.$/, '');

/** A stored `yyyy-MM-dd` date, e.g. «25 ноября 2026» (without the «г.» Intl adds after a Russian year). */
export function formatDay(isoDate: string): string {
  return withYear(isoDate, { day: 'numeric', month: 'long', year: 'numeric' });
}

/** A month stored as `yyyy-MM`, as people name it: «ноябрь 2026», «November 2026». */
export function formatMonth(yearMonth: string): string {
  return withYear(`${yearMonth}-01`, { month: 'long', year: 'numeric' });
}

/** «25 ноября 2026, 10:15» */
export function formatDateTime(iso: string): string {
  return `${formatDay(iso)}, ${nowTime(toDate(iso))}`;
}

/** Today as a stored date, by the school's clock, in the device's time zone. */
export function todayIso(now: Date = schoolNow()): string {
  return lightFormat(now, 'yyyy-MM-dd');
}

export function nowTime(now: Date = schoolNow()): string {
  return lightFormat(now, 'HH:mm');
}

export function formatBytes(bytes: number): string {
  const units = language.value === 'en' ? ['B', 'KB', 'MB', 'GB'] : ['Б', 'КБ', 'МБ', 'ГБ'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(value, unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** A day in an exported table, as Excel reads it in the UI's language: «01.10.2026» (en: «01/10/2026»). */
export function formatExportDay(isoDate: string): string {
  return lightFormat(toDate(isoDate), exportDayPattern());
}

/** A moment in an exported table, in the device's time zone: «25.11.2026 13:00». */
export function formatExportMoment(iso: string): string {
  return lightFormat(toDate(iso), `${exportDayPattern()} HH:mm`);
}

/** Excel's short date of the UI's language (date-fns' `P` in ru and en-GB). */
const exportDayPattern = () => (language.value === 'en' ? 'dd/MM/yyyy' : 'dd.MM.yyyy');

/** A number in an exported CSV: no grouping, the UI language's decimal mark (a comma in Russian). */
export function formatExportNumber(n: number): string {
  return new Intl.NumberFormat(language.value, { useGrouping: false, maximumFractionDigits: 10 }).format(n);
}

/** A figure that may be missing: «—» when there is nothing to count yet. */
export function formatMaybe(n: number | null, suffix = ''): string {
  return n === null ? '—' : `${formatNumber(n)}${suffix}`;
}
