// The standard forms of mentoring and the built-in answers the figures count, as the UI's language
// words them. Records keep the Russian words (the same on every device, in exports and in the order);
// a form a school added itself is shown as typed.

import { foldText } from '../../domain/fold-text';
import type { MENTORING_FORMS } from '../../domain/meeting-series';
import { type MessageKey, t } from '../i18n/i18n';

const FORM_KEYS: Readonly<Record<(typeof MENTORING_FORMS)[number], MessageKey>> = {
  'ученик–ученик': 'mentoringForm.studentStudent',
  'учитель–учитель': 'mentoringForm.teacherTeacher',
  'учитель–ученик': 'mentoringForm.teacherStudent',
  'студент–ученик': 'mentoringForm.collegeStudent',
  'работодатель–ученик': 'mentoringForm.employerStudent',
};
/** By the folded form, so that «учитель-ученик» typed with a hyphen is the standard one too. */
const BY_FOLDED = new Map(Object.entries(FORM_KEYS).map(([form, key]) => [foldText(form), key]));

/** A form of mentoring as the UI shows it. */
export function mentoringFormLabel(form: string): string {
  const key = BY_FOLDED.get(foldText(form));
  return key ? t(key) : form;
}

/** Options of a select of forms: the stored value, the label in the UI's language. */
export const mentoringFormOptions = (forms: readonly string[]) =>
  forms.map((f) => ({ value: f, label: mentoringFormLabel(f) }));

const GOALS_KEYS: Readonly<Record<string, MessageKey>> = {
  Да: 'monitoring.goalsAnswer.yes',
  'В основном': 'monitoring.goalsAnswer.mostly',
  Частично: 'monitoring.goalsAnswer.partly',
  Нет: 'monitoring.goalsAnswer.no',
};

/** An answer of the built-in «were your goals reached?» question as the UI shows it. */
export function goalsAnswerLabel(answer: string): string {
  const key = GOALS_KEYS[answer];
  return key ? t(key) : answer;
}
