// How the app speaks to a person, from the full name as schools write it: «Фамилия Имя Отчество».

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

/**
 * A name under a signature, as Russian orders write it: initials, then the surname («П. П. Петров» for
 * «Петров Пётр Петрович»). A name of one word is kept as it is.
 */
export function signatureName(fullName: string): string {
  const [surname, ...names] = fullName.trim().split(/\s+/).filter(Boolean);
  if (!surname || names.length === 0) return surname ?? '';
  return `${names.map((n) => `${n.charAt(0).toLocaleUpperCase('ru')}.`).join('\u00a0')}\u00a0${surname}`;
}
