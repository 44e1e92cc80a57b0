// The programme's questionnaires, ready in Russian: intake of mentees and mentors (roadmap stages 1–2),
// the preference survey after the group meeting (stage 4), interim feedback (stage 5) and the final
// satisfaction monitoring of mentees and mentors (stage 6, 1–10 scales as the target model's monitoring).
import type { Question } from './questions';
import type { TemplateKind } from './template-kinds';

export type BuiltinTemplate = {
  key: TemplateKind;
  title: string;
  description: string;
  /** Who the form is usually assigned to. */
  audience: 'mentee' | 'mentor' | 'both';
  questions: Question[];
};

const HELP_AREAS = [
  'Учёба по предметам',
  'Подготовка к экзаменам',
  'Проектная и исследовательская работа',
  'Олимпиады и конкурсы',
  'Профориентация',
  'Общение и адаптация в коллективе',
  'Самоорганизация и планирование',
  'Творчество',
  'Спорт',
  'Методика преподавания',
];
const SCHEDULE = ['До уроков', 'На переменах', 'После уроков', 'В выходные', 'Онлайн'];
const GOALS_REACHED = ['Да', 'В основном', 'Частично', 'Нет'];
/**
 * The question each questionnaire measures satisfaction with, which the dashboard's «Удовлетворённость»
 * is computed from (the roadmap's «мониторинг личной удовлетворённости участием в программе», stage 6):
 * in the interim form its own question; in the final forms whether the programme met what the person
 * expected of it, the measure of satisfaction the final forms ask for. The other scales measure other
 * things (comfort, usefulness, progress) and are never averaged into it. Copies keep kinds and ids.
 */
export const SATISFACTION_QUESTION: Partial<Record<TemplateKind, string>> = {
  interim: 'satisfaction',
  'final-mentee': 'expectations',
  'final-mentor': 'expectations',
};
const scale = (id: string, text: string, required = true): Question => ({
  id,
  kind: 'scale',
  text,
  required,
  min: 1,
  max: 10,
  minLabel: 'Совсем нет',
  maxLabel: 'Полностью',
});

export const BUILTIN_TEMPLATES: readonly BuiltinTemplate[] = [
  {
    key: 'intake-mentee',
    title: 'Анкета наставляемого',
    description:
      'Помогает подобрать наставника: что вы хотите получить от программы и когда вам удобно встречаться.',
    audience: 'mentee',
    questions: [
      { id: 'goals', kind: 'longText', text: 'Чего вы хотите достичь с помощью наставника?', required: true },
      { id: 'areas', kind: 'multiple', text: 'В чём вам нужна помощь?', required: true, options: HELP_AREAS },
      {
        id: 'subjects',
        kind: 'shortText',
        text: 'Какие предметы даются труднее всего?',
        required: false,
        showIf: { questionId: 'areas', anyOf: ['Учёба по предметам', 'Подготовка к экзаменам'] },
      },
      { id: 'interests', kind: 'longText', text: 'Ваши интересы и увлечения', required: false },
      {
        id: 'mentorKind',
        kind: 'single',
        text: 'Кого вы хотели бы видеть наставником?',
        required: true,
        options: ['Педагога', 'Старшеклассника', 'Студента', 'Представителя профессии', 'Не важно'],
      },
      {
        id: 'schedule',
        kind: 'multiple',
        text: 'Когда вам удобно встречаться?',
        required: false,
        options: SCHEDULE,
      },
      { id: 'hadMentor', kind: 'yesNo', text: 'Был ли у вас наставник раньше?', required: true },
    ],
  },
  {
    key: 'intake-mentor',
    title: 'Анкета наставника',
    description:
      'Помогает подобрать наставляемых: в чём вы сильны, с кем готовы работать и сколько времени у вас есть.',
    audience: 'mentor',
    questions: [
      {
        id: 'strengths',
        kind: 'multiple',
        text: 'В чём вы можете помочь?',
        required: true,
        options: HELP_AREAS,
      },
      {
        id: 'subjects',
        kind: 'shortText',
        text: 'Предметы, по которым вы готовы помогать',
        required: false,
        showIf: {
          questionId: 'strengths',
          anyOf: ['Учёба по предметам', 'Подготовка к экзаменам', 'Олимпиады и конкурсы'],
        },
      },
      { id: 'experience', kind: 'yesNo', text: 'Есть ли у вас опыт наставничества?', required: true },
      {
        id: 'experienceDetails',
        kind: 'longText',
        text: 'Расскажите о нём',
        required: false,
        showIf: { questionId: 'experience', anyOf: [true] },
      },
      {
        id: 'menteeKind',
        kind: 'multiple',
        text: 'С кем вы готовы работать?',
        required: true,
        options: [
          'С учениками 1–4 классов',
          'С учениками 5–9 классов',
          'С учениками 10–11 классов',
          'С молодыми педагогами',
        ],
      },
      {
        id: 'capacity',
        kind: 'single',
        text: 'Сколько наставляемых вы готовы взять?',
        required: true,
        options: ['Одного', 'Двоих', 'Троих', 'Группу'],
      },
      {
        id: 'schedule',
        kind: 'multiple',
        text: 'Когда вам удобно встречаться?',
        required: false,
        options: SCHEDULE,
      },
      { id: 'motivation', kind: 'longText', text: 'Почему вы хотите стать наставником?', required: false },
    ],
  },
  {
    key: 'preference',
    title: 'Анкета после групповой встречи',
    description: 'Заполняется после общей встречи наставников и наставляемых: с кем вы хотели бы работать.',
    audience: 'both',
    questions: [
      {
        id: 'preferred',
        kind: 'shortText',
        text: 'С кем вы хотели бы работать в паре? Назовите одного-двух человек',
        required: true,
      },
      { id: 'why', kind: 'longText', text: 'Почему?', required: false },
      scale('comfort', 'Насколько комфортно вам было на общей встрече?'),
      {
        id: 'notWith',
        kind: 'shortText',
        text: 'С кем вы не хотели бы работать? (увидит только куратор)',
        required: false,
      },
    ],
  },
  {
    key: 'interim',
    title: 'Промежуточная обратная связь',
    description: 'Короткая анкета в середине работы пары: что идёт хорошо и что мешает.',
    audience: 'both',
    questions: [
      scale('satisfaction', 'Насколько вы довольны работой пары сейчас?'),
      {
        id: 'frequency',
        kind: 'single',
        text: 'Достаточно ли встреч?',
        required: true,
        options: ['Мало', 'В самый раз', 'Много'],
      },
      scale('progress', 'Насколько вы продвинулись к цели?'),
      { id: 'difficulties', kind: 'yesNo', text: 'Есть ли трудности?', required: true },
      {
        id: 'difficultiesText',
        kind: 'longText',
        text: 'Какие трудности?',
        required: true,
        showIf: { questionId: 'difficulties', anyOf: [true] },
      },
      { id: 'wishes', kind: 'longText', text: 'Пожелания', required: false },
    ],
  },
  {
    key: 'final-mentee',
    title: 'Итоговая анкета удовлетворённости наставляемого',
    description: 'Мониторинг удовлетворённости участием в программе наставничества (итоговый этап).',
    audience: 'mentee',
    questions: [
      scale('expectations', 'Насколько оправдались ваши ожидания от наставничества?'),
      scale('comfort', 'Насколько комфортным было общение с наставником?'),
      scale('usefulness', 'Насколько полезными были встречи?'),
      scale('progress', 'Насколько вы продвинулись в том, ради чего пришли?'),
      { id: 'learnt', kind: 'longText', text: 'Чему вы научились, что нового узнали?', required: true },
      {
        id: 'goalsReached',
        kind: 'single',
        text: 'Достигнуты ли цели вашего плана развития?',
        required: true,
        options: GOALS_REACHED,
      },
      {
        id: 'continue',
        kind: 'yesNo',
        text: 'Хотели бы вы продолжить работу с наставником?',
        required: true,
      },
      { id: 'becomeMentor', kind: 'yesNo', text: 'Хотели бы вы сами стать наставником?', required: false },
      scale('recommend', 'Насколько вероятно, что вы посоветуете программу другу?'),
      { id: 'improve', kind: 'longText', text: 'Что можно улучшить?', required: false },
    ],
  },
  {
    key: 'final-mentor',
    title: 'Итоговая анкета удовлетворённости наставника',
    description: 'Мониторинг удовлетворённости наставников участием в программе (итоговый этап).',
    audience: 'mentor',
    questions: [
      scale('expectations', 'Насколько оправдались ваши ожидания от участия в программе?'),
      scale('comfort', 'Насколько комфортно было работать с наставляемым?'),
      scale('effectiveness', 'Насколько эффективной была работа пары?'),
      scale('menteeProgress', 'Насколько заметен прогресс наставляемого?'),
      scale('support', 'Насколько вы довольны поддержкой куратора и школы?'),
      {
        id: 'goalsReached',
        kind: 'single',
        text: 'Достигнуты ли цели плана развития наставляемого?',
        required: true,
        options: GOALS_REACHED,
      },
      { id: 'own', kind: 'longText', text: 'Что участие дало вам самому?', required: false },
      { id: 'continue', kind: 'yesNo', text: 'Готовы ли вы продолжить быть наставником?', required: true },
      { id: 'improve', kind: 'longText', text: 'Что можно улучшить в программе?', required: false },
    ],
  },
];
