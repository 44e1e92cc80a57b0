// Building blocks for record-type schemas. Each carries a message that names what was expected,
// because the server sends it back to the device as the reason of a rejection. Every one is bounded —
// string length, list length, nesting depth — and checks the cheap bound before looking at the items,
// so that no value a request can carry makes validation slow or deep.
import * as v from 'valibot';
import { isPlainObject, isStorableText, jsonProblem, MAX_JSON_DEPTH, NOT_TEXT_MESSAGE } from './json-bounds';

export const ID_PATTERN =
  /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26})$/;

export const id = () => v.pipe(v.string('expected an id'), v.regex(ID_PATTERN, 'expected a UUID or ULID'));

export const text = (max: number) =>
  v.pipe(
    v.string('expected text'),
    v.trim(),
    v.maxLength(max, `expected at most ${max} characters`),
    // Text a storage keeps as it is: no U+0000, no half of a character (json-bounds.ts).
    v.check(isStorableText, NOT_TEXT_MESSAGE),
  );

export const nonEmptyText = (max: number) => v.pipe(text(max), v.minLength(1, 'must not be empty'));

/** True for a day of the calendar written `YYYY-MM-DD` (not 2026-02-30, which Date rolls over to March). */
const isCalendarDay = (s: string): boolean => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};

export const isoDate = () =>
  v.pipe(
    v.string('expected a date YYYY-MM-DD'),
    v.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'),
    v.check(isCalendarDay, 'expected a real calendar date'),
  );

/** ISO 8601 with a zone: a real day, hours 00–23, minutes and seconds 00–59, an offset of at most ±14:00. */
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))$/;

export const isoDateTime = () =>
  v.pipe(
    v.string('expected a date-time'),
    v.check((s) => {
      // Date.parse takes 2026-02-30T10:00Z and 24:00 as days that do not exist: the parts are checked first.
      const day = DATE_TIME.exec(s)?.[1];
      return day !== undefined && isCalendarDay(day) && !Number.isNaN(Date.parse(s));
    }, 'expected an ISO 8601 date-time'),
  );

export const clockTime = () =>
  v.pipe(v.string('expected a time HH:MM'), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time HH:MM'));

/** Any finite number: JSON reads `1e309` as Infinity, which no field may hold (it would be stored as null). */
export const finite = () => v.pipe(v.number('expected a number'), v.finite('expected a finite number'));

export const int = (min: number, max: number) =>
  v.pipe(
    v.number('expected a number'),
    v.integer('expected a whole number'),
    v.minValue(min, `expected a number from ${min} to ${max}`),
    v.maxValue(max, `expected a number from ${min} to ${max}`),
  );

export const bool = () => v.boolean('expected true or false');

export const oneOf = <const T extends readonly [string, ...string[]]>(options: T) =>
  v.picklist(options, `expected one of: ${options.join(', ')}`);

export const orNull = <S extends v.GenericSchema>(schema: S) => v.nullable(schema);

/** A list of at most `max` items; the length is checked before any item is. */
export const list = <S extends v.GenericSchema>(item: S, max: number) =>
  v.pipe(
    v.custom<unknown[]>(Array.isArray, 'expected a list'),
    v.maxLength(max, `expected at most ${max} items`),
    v.array(item, 'expected a list'),
  );

/**
 * Free-form JSON of bounded size and depth, for data whose inner shape is checked by its own feature.
 * Walked without recursion, so a value nested 20,000 deep is just a bad value.
 */
export const jsonValue = (maxChars: number, maxDepth: number = MAX_JSON_DEPTH) =>
  v.pipe(
    v.unknown(),
    v.rawCheck(({ dataset, addIssue }) => {
      const problem = jsonProblem(dataset.value, maxChars, maxDepth);
      if (problem) addIssue({ message: problem });
    }),
  );

/**
 * An object used as a map (answers by question id, averages by question id): at most `maxKeys` entries,
 * keys of at most `maxKeyLength` characters, every value checked by `value`. Unlike `v.record`, every
 * key is kept and checked, `constructor` and `prototype` included.
 */
export const dict = <S extends v.GenericSchema>(value: S, maxKeys: number, maxKeyLength = 100) =>
  v.pipe(
    v.custom<Record<string, v.InferOutput<S>>>(isPlainObject, 'expected an object'),
    v.rawCheck(({ dataset, addIssue }) => {
      // Raw checks run even when the check before failed: only an object is looked into.
      if (!dataset.typed) return;
      const entries = Object.entries(dataset.value as Record<string, unknown>);
      if (entries.length > maxKeys) return addIssue({ message: `expected at most ${maxKeys} entries` });
      for (const [key, item] of entries) {
        if (key.length > maxKeyLength)
          return addIssue({ message: `expected keys of at most ${maxKeyLength} characters` });
        if (!isStorableText(key)) return addIssue({ message: NOT_TEXT_MESSAGE });
        const result = v.safeParse(value, item);
        if (!result.success)
          return addIssue({ message: `${key}: ${result.issues[0]?.message ?? 'invalid value'}` });
      }
    }),
  );

/**
 * A day for fields whose format the contract leaves open (consent dates, due dates): `YYYY-MM-DD`, or a
 * full ISO date-time from another app, which the screens read by its first ten characters.
 */
export const dayOrDateTime = () =>
  v.union([isoDate(), isoDateTime()], 'expected a date YYYY-MM-DD or an ISO 8601 date-time');

/** A link people may open: http(s) only, so that a record can never carry a script as a link. */
export const webLink = () =>
  v.pipe(
    v.string('expected a link'),
    v.trim(),
    v.maxLength(2000, 'expected a link of at most 2000 characters'),
    v.check((s) => {
      try {
        const url = new URL(s);
        return url.protocol === 'https:' || url.protocol === 'http:';
      } catch {
        return false;
      }
    }, 'expected a link starting with https:// or http://'),
  );
