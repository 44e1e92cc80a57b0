import { describe, expect, it } from 'vitest';
import { type MenteeProfile, type MentorProfile, menteeGroup, suggestMentors } from './matching';

const mentee: MenteeProfile = {
  id: 'kid',
  kind: 'student',
  classOrSubject: '9А',
  intake: {
    areas: ['Подготовка к экзаменам', 'Профориентация'],
    subjects: 'математика, физика',
    schedule: ['После уроков'],
    mentorKind: 'Педагога',
  },
  interests: 'шахматы',
  preferred: 'Хотел бы к Смирновой',
};
const mentor = (id: string, fullName: string, extra: Partial<MentorProfile> = {}): MentorProfile => ({
  id,
  fullName,
  kind: 'teacher',
  classOrSubject: null,
  intake: null,
  interests: null,
  load: 0,
  ...extra,
});

describe('pairing suggestions', () => {
  it('ranks the mentor whose questionnaire matches first, and says why', () => {
    const ranked = suggestMentors(mentee, [
      mentor('none', 'Без Анкеты'),
      mentor('match', 'Смирнова Ольга Ивановна', {
        classOrSubject: 'Математика',
        intake: {
          strengths: ['Подготовка к экзаменам'],
          schedule: ['После уроков'],
          menteeKind: ['С учениками 5–9 классов'],
          capacity: 'Двоих',
        },
        interests: 'шахматы и походы',
      }),
      mentor('busy', 'Занятая Анна', {
        intake: { strengths: ['Подготовка к экзаменам'], capacity: 'Одного' },
        load: 1,
      }),
    ]);
    const [best] = ranked;
    expect(best?.mentorId).toBe('match');
    expect(best?.reasons).toEqual([
      { code: 'areas', items: ['Подготовка к экзаменам'] },
      { code: 'subjects', items: ['математика'] },
      { code: 'schedule', items: ['После уроков'] },
      { code: 'group', group: 'С учениками 5–9 классов' },
      { code: 'wanted', kind: 'teacher' },
      { code: 'named' },
      { code: 'interests', items: ['шахматы'] },
    ]);
    // A mentor whose questionnaire offers one mentee and who has one is not offered at all.
    expect(ranked.map((s) => s.mentorId)).toEqual(['match', 'none']);
  });

  it('puts the less loaded of two equal mentors first and never suggests the mentee themselves', () => {
    const ranked = suggestMentors({ ...mentee, intake: null, preferred: null, interests: null }, [
      mentor('a', 'Первая', { load: 3 }),
      mentor('b', 'Вторая', { load: 1 }),
      mentor('kid', 'Сам Себе'),
    ]);
    expect(ranked.map((s) => s.mentorId)).toEqual(['b', 'a']);
  });

  it('recognises the mentor a mentee named, whether either wrote «ё» or «е»', () => {
    const named = (preferred: string, fullName: string) =>
      suggestMentors({ ...mentee, intake: null, interests: null, preferred }, [mentor('m', fullName)])[0]
        ?.reasons;
    expect(named('Хочу к Фёдоровой', 'Федорова Анна')).toContainEqual({ code: 'named' });
    expect(named('хочу к федоровой', 'Фёдорова Анна')).toContainEqual({ code: 'named' });
    expect(named('Хочу к Смирновой', 'Фёдорова Анна')).not.toContainEqual({ code: 'named' });
  });

  it('places a mentee in the questionnaire’s age groups', () => {
    expect(menteeGroup('student', '3В')).toBe('С учениками 1–4 классов');
    expect(menteeGroup('student', '11А')).toBe('С учениками 10–11 классов');
    expect(menteeGroup('teacher', 'История')).toBe('С молодыми педагогами');
    expect(menteeGroup('student', null)).toBeNull();
  });
});
