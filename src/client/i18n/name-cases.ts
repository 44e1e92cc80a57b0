// Russian names in the cases documents need, through a well-kept declension library (lvovich), and the
// words that agree with the person's gender. Documents import it; it stays out of the first-load bundle.
// A name the app cannot read safely as «Фамилия Имя [Отчество]» is printed as typed: a nominative in a
// genitive sentence is a small slip a parent can sign, a garbled surname («Сидоровы») is not.
import {
  getFirstnameGender,
  getLastnameGender,
  getMiddlenameGender,
  inclineFirstname,
  inclineLastname,
  inclineMiddlename,
} from 'lvovich';
import { isFirstNameFirst } from '../../domain/name-order';

export type Gender = 'male' | 'female' | null;

// lvovich takes any word ending in «-на» for a female patronymic («Анна», «Нина»), so it cannot tell
// «Петрова Сидорова Анна» from «Петрова Анна Сергеевна»; the patronymic's own suffixes can. This only
// recognises the word — declining it and its gender are still the library's.
const PATRONYMIC = /(?:ич|овна|евна|ична)$/;

const isPatronymic = (word: string) => PATRONYMIC.test(word.toLocaleLowerCase('ru'));

/**
 * A word declined by the library, in the case it was typed: lvovich adds its endings in small letters, so
 * a surname in capitals, as official lists write it («ИВАНОВ Иван»), came out «ИВАНОВа».
 */
function declined(word: string, decline: (w: string) => string): string {
  const isCapitals = word.length > 1 && word === word.toLocaleUpperCase('ru') && /\p{Lu}/u.test(word);
  return isCapitals ? decline(word).toLocaleUpperCase('ru') : decline(word);
}

/**
 * Whether a surname's declined form still holds it as typed (a final «ь» or «й» apart: «Гоголь» →
 * «Гоголя», «Толстой» → «Толстого»), each part of a double one. lvovich drops the «е» of every «-ец»
 * («Швец» → «Швца», «Стрелец» → «Стрелца»): a garbled surname, from which the nominative cannot be read
 * back. This judges the library's result, it declines nothing: such a name is printed as typed.
 */
function keepsSurname(typed: string, declinedSurname: string): boolean {
  const parts = declinedSurname.toLocaleLowerCase('ru').split('-');
  return typed
    .toLocaleLowerCase('ru')
    .split('-')
    .every(
      (part, i) => !/[^аеёиоуыэюя]$/.test(part) || (parts[i] ?? '').startsWith(part.replace(/[ьй]$/, '')),
    );
}

/**
 * The one gender the library's guesses agree on, or null. A word it does not know («Любовь») or
 * finds in both genders («Саша», «Заяц») tells nothing; two that disagree leave it unknown.
 */
function agreed(guesses: readonly (string | null)[]): Gender {
  const known = new Set(guesses.filter((g): g is 'male' | 'female' => g === 'male' || g === 'female'));
  return known.size === 1 ? ([...known][0] ?? null) : null;
}

/**
 * «Иванов Иван Иванович» (Фамилия Имя Отчество, or Фамилия Имя) in the genitive: «Иванова Ивана
 * Ивановича», with the gender for the words that agree with it. A patronymic settles the gender
 * («Белая Любовь Петровна» is female though lvovich does not know «Любовь»); without one the surname and
 * the first name must not disagree. Left as typed, with the gender when it is still clear:
 * - not two or three words, or a third word that is not a patronymic («Петрова Сидорова Мария»);
 * - first name first («Павел Иванов»: the second word is a surname by its ending, the first is not);
 * - two words whose gender is unknown («Ким Саша»): a surname's genitive depends on it (Кима, Ким);
 * - a surname the library would garble («Швец» → «Швца»: keepsSurname).
 * A hyphenated surname is declined part by part by the library («Петровой-Сидоровой»). A surname with a
 * fleeting vowel keeps it («Заяц» → «Заяца»), as Грамота.ру advises for surnames: the nominative can be
 * read back from it.
 */
export function genitiveOf(fullName: string): { name: string; gender: Gender } {
  const typed = fullName.trim().replace(/\s+/g, ' ');
  const words = typed.split(' ');
  const [last = '', first = '', middle = ''] = words;
  const final = words.at(-1) ?? '';
  const asTyped = (gender: Gender) => ({ name: typed, gender });
  const patronymic = words.length > 1 && isPatronymic(final);
  if (patronymic) {
    const gender = agreed([getMiddlenameGender(final)]);
    if (words.length !== 3 || !gender) return asTyped(gender);
    const name = [
      declined(last, (w) => inclineLastname(w, 'genitive', gender)),
      declined(first, (w) => inclineFirstname(w, 'genitive', gender)),
      declined(middle, (w) => inclineMiddlename(w, 'genitive', gender)),
    ];
    if (!keepsSurname(last, name[0] ?? '')) return asTyped(gender);
    return { name: name.join(' '), gender };
  }
  if (words.length !== 2)
    return asTyped(agreed(words.flatMap((w) => [getFirstnameGender(w), getLastnameGender(w)])));
  if (isFirstNameFirst(last, first))
    return asTyped(agreed([getFirstnameGender(last), getLastnameGender(first)]));
  const gender = agreed([getLastnameGender(last), getFirstnameGender(first)]);
  if (!gender) return asTyped(null);
  const surname = declined(last, (w) => inclineLastname(w, 'genitive', gender));
  if (!keepsSurname(last, surname)) return asTyped(gender);
  return {
    name: `${surname} ${declined(first, (w) => inclineFirstname(w, 'genitive', gender))}`,
    gender,
  };
}

/** A word in the form that agrees with the gender, both forms when it is not known («его (её)»). */
export function byGender(gender: Gender, male: string, female: string): string {
  return gender === 'male' ? male : gender === 'female' ? female : `${male} (${female})`;
}
