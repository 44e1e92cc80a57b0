// Bounds for free-form JSON that a request can carry. The walk is iterative: recursion over a value
// nested 20,000 deep (which JSON.parse reads happily) would overflow the stack and take the request down.

/**
 * Not text: U+0000, and half of a surrogate pair without its other half: JSON can carry both (as `\u0000`,
 * `\ud800`), but they are not text — PostgreSQL refuses them in text and in jsonb alike, and a record
 * holding one would fail every read of it there.
 */
const HALF_CHARACTER = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Every U+0000 and half of a character in a text (to mend text stored before they were refused). */
export const NOT_TEXT_ANYWHERE = new RegExp(`\\u0000|${HALF_CHARACTER.source}`, 'g');

/** Whether `s` is text every storage keeps as it is (see HALF_CHARACTER). */
export const isStorableText = (s: string): boolean => !s.includes('\u0000') && !HALF_CHARACTER.test(s);

export const NOT_TEXT_MESSAGE = 'expected text without the character U+0000 or half of a character';

/** How deep free-form values may nest: questions, sections and answers need three or four levels. */
export const MAX_JSON_DEPTH = 16;

/** A plain JSON object (not an array, not a class instance). */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/**
 * Null when `value` is JSON (null, booleans, finite numbers, strings, arrays, plain objects) of at most
 * `maxChars` characters as text and at most `maxDepth` levels of arrays and objects; else what is wrong.
 * The work is bounded by `maxChars`: the walk stops as soon as the budget is spent.
 */
export function jsonProblem(value: unknown, maxChars: number, maxDepth: number): string | null {
  const tooLong = `expected JSON of at most ${maxChars} characters`;
  let size = 0;
  const stack: { item: unknown; depth: number }[] = [{ item: value, depth: 0 }];
  while (stack.length > 0) {
    const { item, depth } = stack.pop() as { item: unknown; depth: number };
    if (item === null || typeof item === 'boolean') size += 5;
    else if (typeof item === 'number') {
      if (!Number.isFinite(item)) return 'expected finite numbers';
      size += 8;
    } else if (typeof item === 'string') {
      size += item.length + 2;
      if (!isStorableText(item)) return NOT_TEXT_MESSAGE;
    } else if (Array.isArray(item) || isPlainObject(item)) {
      if (depth >= maxDepth) return `expected JSON nested at most ${maxDepth} deep`;
      const keys = Array.isArray(item) ? null : Object.keys(item);
      const count = keys ? keys.length : (item as unknown[]).length;
      // Every entry takes at least a character: check the budget before pushing any of them.
      size += 2 + count;
      if (size > maxChars) return tooLong;
      if (keys) {
        for (const key of keys) {
          size += key.length + 3;
          if (!isStorableText(key)) return NOT_TEXT_MESSAGE;
          stack.push({ item: (item as Record<string, unknown>)[key], depth: depth + 1 });
        }
      } else {
        for (const entry of item as unknown[]) stack.push({ item: entry, depth: depth + 1 });
      }
    } else return 'expected JSON';
    if (size > maxChars) return tooLong;
  }
  return null;
}
