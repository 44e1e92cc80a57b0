import { afterEach, describe, expect, it } from 'vitest';
import type { MatchReason } from '../../domain/matching';
import { MENTORING_FORMS } from '../../domain/meeting-series';
import { impact } from '../../domain/monitoring';
import { builtinText, loadAllStrings, setLanguage } from '../i18n/i18n';
import { matchReasonText, mentoringFormLabel, mentoringFormValue } from './built-in-labels';

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

  it('store a standard form typed in the UI’s language as its Russian value; a school’s own as typed', async () => {
    await setLanguage('en');
    expect(MENTORING_FORMS.map(mentoringFormLabel).map(mentoringFormValue)).toEqual([...MENTORING_FORMS]);
    expect(mentoringFormValue('Teacher - student')).toBe('учитель–ученик');
    expect(mentoringFormValue('graduate–student')).toBe('graduate–student');
    await setLanguage('ru');
    expect(mentoringFormValue('учитель-ученик')).toBe('учитель–ученик');
  });

  it('show every answer the goals chart counts in the UI’s language', async () => {
    await setLanguage('en');
    const answers = Object.keys(impact([], []).goals);
    expect(answers.map(builtinText)).toEqual(['Yes', 'Mostly', 'Partly', 'No']);
  });

  it('word the reasons a mentor is suggested in the UI’s language, quoting the answers', async () => {
    await loadAllStrings();
    const reasons: MatchReason[] = [
      { code: 'areas', items: ['Подготовка к экзаменам'] },
      { code: 'group', group: 'С учениками 5–9 классов' },
      { code: 'wanted', kind: 'teacher' },
      { code: 'busy', load: 2, capacity: 2 },
      { code: 'no-mentor-intake' },
    ];
    expect(reasons.map(matchReasonText)).toEqual([
      'помогает в нужном: Подготовка к экзаменам',
      'готов работать: с учениками 5–9 классов',
      'наставляемый хотел педагога',
      'уже занят: 2 из 2',
      'у наставника нет анкеты',
    ]);
    await setLanguage('en');
    expect(reasons.map(matchReasonText)).toEqual([
      'helps where needed: Exam preparation',
      'willing to work: pupils of years 5–9',
      'the mentee wanted a teacher',
      'already taken: 2 of 2',
      'the mentor has no questionnaire',
    ]);
  });
});
