// The individual development plan (ИПР): goals with tasks, their progress, and ready goal templates.
import type { TaskStatus } from './record-types';

export type TaskLike = { status: TaskStatus | string; due: string | null | undefined };

export type Progress = { done: number; total: number; percent: number };

export function progressOf(tasks: readonly TaskLike[]): Progress {
  const done = tasks.filter((t) => t.status === 'done').length;
  return { done, total: tasks.length, percent: tasks.length ? Math.round((done / tasks.length) * 100) : 0 };
}

/** A task is overdue from the day after its due date until it is done. */
export function isOverdue(task: TaskLike, today: string): boolean {
  return task.status !== 'done' && typeof task.due === 'string' && task.due < today;
}

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
