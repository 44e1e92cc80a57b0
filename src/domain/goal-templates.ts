// Goals that schools set again and again, ready to adapt into an IDP (kept apart from idp.ts, whose
// progress a mentor's home computes on its first screen: the templates' text loads with the IDP screen).
export type GoalTemplate = {
  key: string;
  title: string;
  area: string;
  description: string;
  tasks: readonly string[];
};

/** Goals that schools set again and again, ready to adapt. */
export const GOAL_TEMPLATES: readonly GoalTemplate[] = [
  {
    key: 'young-teacher',
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
