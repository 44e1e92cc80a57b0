// Russian names in the cases documents need, through a well-kept declension library (lvovich), and the
// words that agree with the person's gender. Documents import it; it stays out of the first-load bundle.
import { incline } from 'lvovich';

export type Gender = 'male' | 'female' | null;

/** «Иванов Иван Иванович» (Фамилия Имя Отчество) in the genitive: «Иванова Ивана Ивановича». */
export function genitiveOf(fullName: string): { name: string; gender: Gender } {
  const [last = '', first = '', ...rest] = fullName.trim().split(/\s+/);
  const middle = rest.join(' ');
  const declined = incline({ last, first: first || undefined, middle: middle || undefined }, 'genitive');
  const name = [declined.last ?? last, declined.first ?? first, declined.middle ?? middle]
    .filter(Boolean)
    .join(' ');
  const gender = declined.gender === 'male' || declined.gender === 'female' ? declined.gender : null;
  return { name, gender };
}

/** A word in the form that agrees with the gender, both forms when it is not known («его (её)»). */
export function byGender(gender: Gender, male: string, female: string): string {
  return gender === 'male' ? male : gender === 'female' ? female : `${male} (${female})`;
}
