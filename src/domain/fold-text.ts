// The one comparison form of Russian names, classes and search words. Every search, filter and match of
// people (the participants search, import duplicates, offline search, pairing preferences) compares folded
// text, so that «Фёдор» finds «Федор», «7 а» is «7А» and «Салтыкова–Щедрина» is «Салтыкова-Щедрина».

const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
/**
 * Characters that show as nothing: a soft hyphen, zero-width spaces and joiners, a word joiner, a stray
 * byte-order mark — web journals leave them inside names copied from a page.
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/** A text without the characters that show as nothing, in Unicode NFC. */
export function withoutInvisible(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '');
}

/**
 * A person's name as it is kept: without invisible characters, Latin look-alikes in a word with any
 * Cyrillic letter as Cyrillic («Смирнoва» with a Latin «o» → «Смирнова»), every dash between parts of a double name
 * a hyphen with no spaces around it («Салтыкова – Щедрина» → «Салтыкова-Щедрина»), runs of spaces as
 * one, trimmed. The case of letters is kept, and so is a wholly Latin word (a foreign name).
 */
export function tidyName(text: string): string {
  return withCyrillicLookAlikes(withoutInvisible(text))
    .replace(DASHES, '-')
    .replace(/\s+/gu, ' ')
    .replace(/ ?- ?/g, '-')
    .trim();
}
/**
 * Latin letters that look Cyrillic, in both cases: typed by mistake in «7A», pasted into «Иванoв», or
 * left in a class list typed on two keyboards.
 */
const LOOK_ALIKES: Record<string, string> = {
  a: 'а',
  b: 'в',
  c: 'с',
  e: 'е',
  h: 'н',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
  A: 'А',
  B: 'В',
  C: 'С',
  E: 'Е',
  H: 'Н',
  K: 'К',
  M: 'М',
  O: 'О',
  P: 'Р',
  T: 'Т',
  X: 'Х',
  Y: 'У',
};
const toCyrillic = (word: string) => word.replace(/[abcehkmoptxyABCEHKMOPTXY]/g, (l) => LOOK_ALIKES[l] ?? l);

/**
 * `text` with the Latin look-alikes of each word that has any Cyrillic letter as Cyrillic: a word mixing
 * the two scripts is a Russian word typed on two keyboards («Opexoв» is «Орехов»; no name mixes them).
 * One rule for the name that is kept (tidyName) and the one compared (foldText), so that a tidied name
 * folds as the typed one did. A wholly Latin word is kept: «Anna», «OKCAHA» alike, as a foreign name
 * cannot be told from a Russian one typed wholly in Latin look-alikes.
 */
function withCyrillicLookAlikes(text: string): string {
  return text.replace(/\p{L}+/gu, (word) => (/\p{Script=Cyrillic}/u.test(word) ? toCyrillic(word) : word));
}

/**
 * Folds a text for comparison: Unicode NFC (a Mac's decomposed «й» and «ё» become one letter), lower
 * case, «ё» as «е», Latin look-alikes inside words with a Cyrillic letter as Cyrillic (as tidyName keeps them), every dash or minus as «-» with
 * no spaces around it, runs of spaces (including non-breaking ones) as one space, trimmed.
 */
export function foldText(text: string): string {
  return withCyrillicLookAlikes(foldLetters(withoutInvisible(text)))
    .replace(DASHES, '-')
    .replace(/\s+/gu, ' ')
    .replace(/ ?- ?/g, '-')
    .trim();
}

/**
 * A school class or subject folded for comparison: as foldText, without spaces, quotes or the word
 * «класс», and a class's letter Cyrillic whatever keyboard typed it — «7 а», «7A» (Latin), «7-А»,
 * «7 «А» класс» and «7А» are one class; «10-1» is not «11-1».
 */
export function foldClass(text: string): string {
  const folded = foldText(text)
    .replace(/["«»„“”']/g, '')
    .replace(/ ?класс$/, '')
    .replace(/ /g, '');
  // A school class: «7-А» is «7А» (a hyphen before a letter), but «10-1» keeps its hyphen.
  return /^\d/.test(folded) ? toCyrillic(folded).replace(/^(\d+)-(?=\p{L})/u, '$1') : folded;
}

/** The classes for a filter: one entry per class however it was typed, the first spelling kept, in order. */
export function distinctClasses(classes: Iterable<string>): string[] {
  const byFold = new Map<string, string>();
  for (const raw of classes) {
    const c = raw.trim();
    if (c && !byFold.has(foldClass(c))) byFold.set(foldClass(c), c);
  }
  return [...byFold.values()].sort((a, b) => a.localeCompare(b, 'ru', { numeric: true }));
}

/** Whether any of `classes` is the class `wanted`, compared folded. */
export function hasClass(classes: readonly string[], wanted: string): boolean {
  const key = foldClass(wanted);
  return classes.some((c) => foldClass(c) === key);
}

/** Whether `text`, folded, contains `query`, folded: the participants search and the like. */
export function foldedIncludes(text: string, query: string): boolean {
  return foldText(text).includes(foldText(query));
}

/** Only the letters' part of the fold (case, «ё»), which keeps every offset: for highlighting a match. */
export function foldLetters(text: string): string {
  return text.toLocaleLowerCase('ru').replace(/ё/g, 'е');
}
