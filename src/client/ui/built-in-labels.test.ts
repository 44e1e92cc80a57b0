import { afterEach, describe, expect, it } from 'vitest';
import { MENTORING_FORMS } from '../../domain/meeting-series';
import { impact } from '../../domain/monitoring';
import { loadAllStrings, setLanguage } from '../i18n/i18n';
import { goalsAnswerLabel, mentoringFormLabel } from './built-in-labels';

describe('built-in values', () => {
  afterEach(() => setLanguage('ru'));

  it('show each standard form of mentoring in the UI’s language; a school’s own as typed', async () => {
    await loadAllStrings();
    expect(MENTORING_FORMS.map(mentoringFormLabel)).toEqual([...MENTORING_FORMS]);
    await setLanguage('en');
    const english = MENTORING_FORMS.map(mentoringFormLabel);
    expect(english.filter((f) => /[а-яё]/i.test(f))).toEqual([]);
    expect(mentoringFormLabel('учитель–ученик')).toBe('teacher–student');
    expect(mentoringFormLabel('Учитель - ученик')).toBe('teacher–student');
    expect(mentoringFormLabel('выпускник–ученик')).toBe('выпускник–ученик');
  });

  it('show every answer the goals chart counts in the UI’s language', async () => {
    await setLanguage('en');
    const answers = Object.keys(impact([], []).goals);
    expect(answers.map(goalsAnswerLabel)).toEqual(['Yes', 'Mostly', 'Partly', 'No']);
  });
});
