// The roadmap's series of meetings: organisational → trial → planning → regular … → final.
import type { MeetingKind } from './record-types';

/** The forms of mentoring of the target model, plus teacher–student; a school may add its own. */
export const MENTORING_FORMS = [
  'ученик–ученик',
  'учитель–учитель',
  'учитель–ученик',
  'студент–ученик',
  'работодатель–ученик',
] as const;

/** The kind a new meeting most likely is, given the kinds already held. */
export function nextMeetingKind(held: readonly string[]): MeetingKind {
  const done = new Set(held);
  for (const kind of ['organisational', 'trial', 'planning'] as const) if (!done.has(kind)) return kind;
  return 'regular';
}

/**
 * Topics a mentor taps instead of typing; free text adds others. Stored as these Russian words (the
 * records' data, the same on every device and in exports); the UI shows each in its language
 * (client: TopicsField.tsx).
 */
export const QUICK_TOPICS = [
  'Цели и ожидания',
  'Учебные трудности',
  'Подготовка к экзамену',
  'Проект',
  'Общение в классе',
  'Самоорганизация',
  'Профориентация',
  'Методика урока',
  'Работа с документацией',
  'Классное руководство',
] as const;
