// A cell of an exported table, typed, so that each file format writes it the way its readers expect:
// a CSV for Russian Excel spells dates ДД.ММ.ГГГГ and yes/no as words; an XLSX stores dates as dates and
// numbers as numbers. Texts are already the labels a user sees in the app, never internal codes.

/** `day`: a calendar day YYYY-MM-DD; `moment`: an ISO date-time, shown in the reader's local time. */
export type ExportCell = string | number | boolean | null | { day: string } | { moment: string };

/** A stored day or date-time field as a cell: a date-time becomes a moment, anything else is empty. */
export function dateCell(value: unknown): ExportCell {
  if (typeof value !== 'string' || value === '') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { day: value };
  return Number.isNaN(Date.parse(value)) ? value : { moment: value };
}

/**
 * Whether a text is one or more phone numbers and nothing else: it starts with «+» and holds only digits,
 * spaces, brackets, hyphens and the «,» or «;» between numbers («+7 912 345-67-89», «+7 (912) 345-67-89;
 * +7 900 000-00-01»). Such a text can name no function, cell, sheet or program — nothing a formula
 * injection needs — so a CSV may carry it without the formula guard's apostrophe (see csvContent).
 */
export function isPhoneNumbers(text: string): boolean {
  return /^\+\d[\d ()-]*\d(?:[,;] ?\+?\d[\d ()-]*\d)*$/.test(text) && text.replace(/\D/g, '').length >= 5;
}
