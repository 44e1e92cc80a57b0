// Dates and numbers for people: the one place that imports date-fns, with the locale of the UI language.
import { format, formatDistanceToNow, parseISO } from 'date-fns';
import { enGB, ru } from 'date-fns/locale';
import { language } from './i18n';

const locale = () => (language.value === 'en' ? enGB : ru);

/** A stored `yyyy-MM-dd` date, e.g. «25 ноября 2026». */
export function formatDay(isoDate: string): string {
  return format(parseISO(isoDate), 'd MMMM yyyy', { locale: locale() });
}

/** A short weekday and date, e.g. «ср, 25 нояб.». */
export function formatShortDay(isoDate: string): string {
  return format(parseISO(isoDate), 'EEEEEE, d MMM', { locale: locale() });
}

/** A month stored as `yyyy-MM`, as people name it: «ноябрь 2026», «November 2026». */
export function formatMonth(yearMonth: string): string {
  return format(parseISO(`${yearMonth}-01`), 'LLLL yyyy', { locale: locale() });
}

export function formatDateTime(iso: string): string {
  return format(parseISO(iso), 'd MMMM yyyy, HH:mm', { locale: locale() });
}

/** «5 минут назад» */
export function formatAgo(iso: string): string {
  return formatDistanceToNow(parseISO(iso), { addSuffix: true, locale: locale() });
}

/** Today as a stored date, in the device's time zone. */
export function todayIso(now: Date = new Date()): string {
  return format(now, 'yyyy-MM-dd');
}

export function nowTime(now: Date = new Date()): string {
  return format(now, 'HH:mm');
}

export function formatBytes(bytes: number): string {
  const units = language.value === 'en' ? ['B', 'KB', 'MB', 'GB'] : ['Б', 'КБ', 'МБ', 'ГБ'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** A day in an exported table, as Excel reads it in the UI's language: «01.10.2026» (en: «01/10/2026»). */
export function formatExportDay(isoDate: string): string {
  return format(parseISO(isoDate), 'P', { locale: locale() });
}

/** A moment in an exported table, in the device's time zone: «25.11.2026 13:00». */
export function formatExportMoment(iso: string): string {
  return format(parseISO(iso), 'P HH:mm', { locale: locale() });
}

/** A number in an exported CSV: no grouping, the UI language's decimal mark (a comma in Russian). */
export function formatExportNumber(n: number): string {
  return new Intl.NumberFormat(language.value, { useGrouping: false, maximumFractionDigits: 10 }).format(n);
}

/** A figure that may be missing: «—» when there is nothing to count yet. */
export function formatMaybe(n: number | null, suffix = ''): string {
  return n === null ? '—' : `${n}${suffix}`;
}
