// The words a class list's cells use: the category of a person («ученица», «молодой специалист»,
// «наставник») and yes or no («да», «+», «ИСТИНА»).
import { headingKey } from './import-columns';
import type { PersonKind } from './record-types';

/**
 * Words for the category of a person, folded, by their stems (any case and number: «ученики»,
 * «учащаяся», «педагогов»). «Наставник» and «наставляемый» are roles, not categories: the class says
 * which (a school class such as «10А» is a student's).
 */
const KIND_STEMS: [RegExp, PersonKind | 'role'][] = [
  [/^(уча|обучаю)щ/, 'student'],
  [/^учени[кц]/, 'student'],
  [/^школьни/, 'student'],
  [/^студент/, 'student'],
  [/^воспитанни/, 'student'],
  [/^(student|pupil)/, 'student'],
  [/^(педагог|учител|преподавател|воспитател|классныйруководител|teacher)/, 'teacher'],
  // The categories of the teacher–teacher form of mentoring, and the school's specialists.
  [/^(молод(ой|ые)(специалист|педагог)|методист|тьютор|психолог|логопед|дефектолог)/, 'teacher'],
  // A teacher's qualification category, which staff lists head «Категория» too: only teachers have one.
  [/^(высшая|первая|вторая|[12]категори|бк$|безкатегори|сзд$|соответствие)/, 'teacher'],
  [/^(наставни|наставляем|mentor|mentee)/, 'role'],
  [/^(друг|ино|проч|работодател|партнер|родител|сотрудник|other)/, 'other'],
];
/** The words named when a category is not understood. */
export const KIND_WORDS =
  'учащийся, обучающийся, ученик, ученица, школьник, студент; педагог, учитель, преподаватель, воспитатель, молодой специалист; наставник, наставляемый; другое';

const looksLikeSchoolClass = (cls: string | null) => cls !== null && /^\d{1,2}(\D|$)/.test(cls.trim());

export function kindOf(text: string, classOrSubject: string | null): PersonKind | null {
  const key = headingKey(text);
  const found = KIND_STEMS.find(([stem]) => stem.test(key))?.[1];
  if (found !== 'role') return found ?? null;
  // A mentor from a school class is a senior student; a mentee with a subject instead is a young teacher.
  if (looksLikeSchoolClass(classOrSubject)) return 'student';
  return /^(наставляем|mentee)/.test(key) && classOrSubject === null ? 'student' : 'teacher';
}

export const YES = new Set(['да', 'д', 'yes', 'y', 'true', 'истина', '1', '+']);
export const NO = new Set(['нет', 'н', 'no', 'n', 'false', 'ложь', '0', '-', '']);
