// How the app speaks to a person, from the full name as schools write it: «Фамилия Имя Отчество».

/**
 * The name the server gives a school's first curator (and a recovery curator) until they type their own:
 * the app greets no one by it and asks them for their name instead.
 */
export const FIRST_CURATOR_NAME = 'Куратор программы';

/**
 * The name to greet a person by. Russian etiquette: an adult (a teacher, anyone not a student) by first
 * name and patronymic («Анна Петровна»), a student by first name («Иван»). The surname is the first word
 * of `fullName`; everything after it is the name and patronymic (so «Алиев Руслан Тофик оглы» gives
 * «Руслан Тофик оглы»). An adult's name without a patronymic, or a name of one word, is used whole: never
 * a bare surname, nor an adult's bare first name.
 */
export function addressName(fullName: string, kind: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return words.join(' ');
  if (kind === 'student') return words[1] as string;
  return words.length >= 3 ? words.slice(1).join(' ') : words.join(' ');
}

/** The word after a Turkic patronymic («Тофик оглы», «Тофиковна кызы»): part of it, not a name. */
const PATRONYMIC_PARTICLE = /^(оглы|огли|улы|уулу|кызы|гызы|кизи)$/i;

/** A name's initial; a double name has one for each part («Анна-Мария» → «А.-М.»). */
const initial = (name: string) =>
  name
    .split('-')
    .filter(Boolean)
    .map((part) => `${part.charAt(0).toLocaleUpperCase('ru')}.`)
    .join('-');

/**
 * A name under a signature, as Russian orders write it: initials, then the surname («П. П. Петров» for
 * «Петров Пётр Петрович», «Р. Т. Алиев» for «Алиев Руслан Тофик оглы», «А.-М. С. Ёлкина» for «Ёлкина
 * Анна-Мария Сергеевна»). A name of one word is kept as it is.
 */
export function signatureName(fullName: string): string {
  const [surname, ...names] = fullName.trim().split(/\s+/).filter(Boolean);
  const initials = names.filter((n) => !PATRONYMIC_PARTICLE.test(n)).map(initial);
  if (!surname || initials.length === 0) return surname ?? '';
  return `${initials.join('\u00a0')}\u00a0${surname}`;
}
