// Goals that schools set again and again, ready to adapt into an IDP (kept apart from idp.ts, whose
// progress a mentor's home computes on its first screen: the templates' text loads with the IDP screen).
export type GoalTemplate = {
  key: string;
  /** Whom the goal is for: a teacher mentee (a young specialist) or a student. */
  forKind: 'teacher' | 'student';
  title: string;
  area: string;
  description: string;
  tasks: readonly string[];
};

/** Goals that schools set again and again, ready to adapt. */
export const GOAL_TEMPLATES: readonly GoalTemplate[] = [
  {
    key: 'young-teacher',
    forKind: 'teacher',
    title: 'Адаптация молодого педагога',
    area: 'Профессиональная адаптация',
    description: 'Освоиться в школе, в документации и в работе с классом.',
    tasks: [
      'Изучить локальные акты школы и требования к документации',
      'Посетить 5 уроков наставника и разобрать их',
      'Провести открытый урок и обсудить его с наставником',
      'Составить план воспитательной работы с классом',
    ],
  },
  {
    key: 'exam',
    forKind: 'student',
    title: 'Подготовка к экзамену',
    area: 'Учебные результаты',
    description: 'Выйти на уверенный результат ОГЭ/ЕГЭ по предмету.',
    tasks: [
      'Написать диагностическую работу и найти слабые темы',
      'Составить график подготовки по слабым темам',
      'Решить три пробных варианта в формате экзамена',
      'Разобрать ошибки пробных вариантов с наставником',
    ],
  },
  {
    key: 'project',
    forKind: 'student',
    title: 'Проектная работа',
    area: 'Проектная деятельность',
    description: 'Выполнить и защитить индивидуальный проект.',
    tasks: [
      'Выбрать тему и сформулировать цель проекта',
      'Составить план работы и список источников',
      'Подготовить продукт проекта',
      'Подготовить презентацию и защитить проект',
    ],
  },
  {
    key: 'social',
    forKind: 'student',
    title: 'Социальная адаптация обучающегося',
    area: 'Социализация',
    description: 'Чувствовать себя увереннее в классе и школе.',
    tasks: [
      'Выбрать кружок или секцию и записаться',
      'Принять участие в одном школьном мероприятии',
      'Обсудить с наставником трудные ситуации в общении',
    ],
  },
];

/**
 * The templates for a mentee of `kind` first (a pupil is offered a pupil's goals before a young
 * teacher's), the others after them; the first is the one chosen until the mentor picks another.
 */
export function templatesFor(kind: string | undefined): GoalTemplate[] {
  const forKind = kind === 'teacher' ? 'teacher' : 'student';
  return [...GOAL_TEMPLATES].sort((a, b) => Number(b.forKind === forKind) - Number(a.forKind === forKind));
}
