// The order of a name's words, as the declension library (lvovich) judges them: whether «Анна Смирнова»
// is a first name before a surname. Russian lists write the surname first; a form's «Имя и фамилия» and
// a person typing their own name often do not.
import { getFirstnameGender, getLastnameGender } from 'lvovich';

/** A surname the library recognises by its ending as one gender's («Иванов», «Белая»), not «Заяц». */
const isGenderedSurname = (word: string): boolean => {
  const gender = getLastnameGender(word);
  return gender === 'male' || gender === 'female';
};

/**
 * Whether `first` `second` is a first name then a surname: the second word a surname by its ending, the
 * first not one, and known to the library as a first name («Анна Смирнова», «Иван Петров»). Words it
 * cannot tell apart («Лев Толстой»: «Лев» is a surname too; «Олег Шевченко») are not.
 */
export const isFirstNameFirst = (first: string, second: string): boolean =>
  isGenderedSurname(second) && !isGenderedSurname(first) && getFirstnameGender(first) !== null;

/**
 * A name of two words surname first: «Анна Смирнова» → «Смирнова Анна» when the library says it is a
 * first name before a surname (isFirstNameFirst); anything else as it is.
 */
export function surnameFirst(name: string): string {
  const words = name.split(' ');
  const [first = '', second = ''] = words;
  return words.length === 2 && isFirstNameFirst(first, second) ? `${second} ${first}` : name;
}
