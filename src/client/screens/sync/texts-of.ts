// The texts typed into a change, to show them to be kept by hand (a refused change, a change that waits).
import { isRecordType, maxTextLength } from '../../../domain/record-types';
import { type TypedText as Typed, typedFields, typedTexts } from '../../../domain/typed-texts';

/**
 * What was typed into a change: its long texts and the texts inside its structures, and its short texts
 * (a task's title, a person's contacts) — every text field of the record type that holds more than a
 * word or a code (ids, dates and choices hold under a hundred characters).
 */
export function textsOf(type: string, fields: Record<string, unknown>): Typed[] {
  if (!isRecordType(type)) return [];
  const long = typedFields(type);
  const short = Object.entries(fields).flatMap(([field, value]) =>
    !long.includes(field) &&
    typeof value === 'string' &&
    value.trim() &&
    (maxTextLength(type, field) ?? 0) >= 100
      ? [{ field, text: value }]
      : [],
  );
  return [...short, ...long.flatMap((field) => typedTexts(type, field, fields[field]))];
}
