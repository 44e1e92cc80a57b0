// Namesakes in a class list and the base: whether two rows are one person, by evidence — the name, the
// class, the birth date — or only likely so, for the curator to decide.
import { foldClass, foldText } from './fold-text';

/**
 * The evidence two rows are compared by: the folded name (and its words, split once: a school's list
 * compares each row with every namesake), the folded class and the birth date.
 */
export type Evidence = { name: string; words: string[]; cls: string; birth: string | null };
export const evidenceOf = (fullName: string, cls: string | null, birth: string | null): Evidence => {
  const name = foldText(fullName);
  return { name, words: wordsOf(name), cls: foldClass(cls ?? ''), birth };
};

/**
 * Whether two people are the same, by evidence: the same full name and the same birth date (when both
 * have one), else the same full name and the same full class («5А» ≠ «7А», «10-1» ≠ «11-1»). The same
 * name with a class or birth date missing on one side, or a name that is the other's without its
 * patronymic, is only likely the same: the curator decides.
 */
export function sameness(a: Evidence, b: Evidence): 'same' | 'likely' | 'different' {
  const contradicts = (a.birth && b.birth && a.birth !== b.birth) || (a.cls && b.cls && a.cls !== b.cls);
  if (a.name === b.name) {
    if (a.birth && b.birth) return a.birth === b.birth ? 'same' : 'different';
    // Two classes apart are two pupils («5А» and «7А»); two subjects apart may be one teacher who took
    // another subject: the curator decides.
    if (a.cls && b.cls)
      return a.cls === b.cls ? 'same' : isSubject(a.cls) && isSubject(b.cls) ? 'likely' : 'different';
    return 'likely';
  }
  const [shorter, longer] = a.name.length < b.name.length ? [a.name, b.name] : [b.name, a.name];
  if (!contradicts && shorter.includes(' ') && longer.startsWith(`${shorter} `)) return 'likely';
  if (!contradicts && (initialsMatch(a.words, b.words) || initialsMatch(b.words, a.words))) return 'likely';
  return 'different';
}

/** Whether a folded class-or-subject is a subject («химия»), not a class («7б», «10-1»). */
export const isSubject = (folded: string): boolean => !/^\d/.test(folded);

/** «7б» → «8б», «10-1» → «11-1»: a folded class and the one a year later, with the same letter. */
function isClassUp(from: string, to: string): boolean {
  const a = /^(\d{1,2})(.*)$/.exec(from);
  const b = /^(\d{1,2})(.*)$/.exec(to);
  return !!a && !!b && Number(b[1]) === Number(a[1]) + 1 && a[2] === b[2];
}

/**
 * Whether a row of the file (`row`) may be someone of the base (`known`) who moved up a class since the
 * base was made: the same full name, one class up, and no birth dates to tell them apart. Only against
 * the base: two namesakes in «10-1» and «11-1» of one file are two pupils.
 */
export const isMovedUp = (row: Evidence, known: Evidence) =>
  row.name === known.name && !(row.birth && known.birth) && isClassUp(known.cls, row.cls);

/** A name's words, initials apart: «соколов и.а.» → соколов, и, а. */
const wordsOf = (name: string) => name.split(/[\s.]+/).filter(Boolean);

/**
 * Whether `short` is `full` written with initials, as a class teacher's list often has it («Соколов
 * И. А.», «Соколов И.А.» for «Соколов Иван Андреевич»): the same surname, and each initial the first
 * letter of the name in its place.
 */
function initialsMatch(short: readonly string[], full: readonly string[]): boolean {
  const [surname, ...initials] = short;
  const [fullSurname, ...names] = full;
  return (
    surname === fullSurname &&
    initials.length > 0 &&
    initials.every((initial, i) => initial.length === 1 && (names[i]?.startsWith(initial) ?? false))
  );
}

/** Surname and the first letter of the first name: the key under which namesakes are looked for. */
export const lookupKey = (e: Evidence) => {
  const [surname = '', first = ''] = e.words;
  return `${surname} ${first.slice(0, 1)}`;
};
