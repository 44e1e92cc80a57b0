// Built-in values as the UI's language words them: the standard forms of mentoring, the reasons a mentor
// is suggested (the answers they quote through i18n.ts builtinText). Records keep the Russian words (the
// same on every device, in exports and in the order); a form a school added itself is shown as typed.

import { foldText } from '../../domain/fold-text';
import type { MatchReason } from '../../domain/matching';
import type { MENTORING_FORMS } from '../../domain/meeting-series';
import { builtinText, language, type MessageKey, t } from '../i18n/i18n';

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

/**
 * The stored value of a form of mentoring typed in the UI's language: a standard form's label (in English
 * «teacher–student») is stored as its Russian value, which orders, exports and the meeting series read.
 */
export function mentoringFormValue(typed: string): string {
  const folded = foldText(typed);
  const standard = Object.entries(FORM_KEYS).find(([, key]) => foldText(t(key)) === folded);
  return standard ? standard[0] : typed;
}

/** Options of a select of forms: the stored value, the label in the UI's language. */
export const mentoringFormOptions = (forms: readonly string[]) =>
  forms.map((f) => ({ value: f, label: mentoringFormLabel(f) }));

/** Why a mentor is suggested, in the UI's language; the answers it quotes as they were given. */
export function matchReasonText(reason: MatchReason): string {
  switch (reason.code) {
    case 'areas':
    case 'subjects':
    case 'schedule':
    case 'interests':
      return t(`pairs.reason.${reason.code}`, { items: reason.items.map(builtinText).join(', ') });
    case 'group':
      return t('pairs.reason.group', { group: builtinText(reason.group).toLocaleLowerCase(language.value) });
    case 'wanted':
      return t(`pairs.reason.wanted.${reason.kind}`);
    case 'busy':
      return t('pairs.reason.busy', { load: reason.load, capacity: reason.capacity });
    default:
      return t(`pairs.reason.${reason.code}`);
  }
}
