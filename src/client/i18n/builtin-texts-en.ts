// The texts the app ships with in English, by their Russian words: the built-in questionnaires
// (domain/questionnaires/builtin-templates.ts) and who is responsible for each roadmap stage as preset
// (domain/roadmap.ts) — whose records keep the Russian, the same on every device, in exports and in
// reports, while the UI shows these when it speaks English (a text a school changed is shown as typed) —
// and the IDP's goal templates (domain/goal-templates.ts), which a mentor adds in the UI's language and
// then adapts.
export const BUILTIN_TEXTS_EN: Readonly<Record<string, string>> = {
  // Who is responsible for a roadmap stage, as the roadmap presets it (domain/roadmap.ts)
  'Заместители директора': 'Deputy directors',
  'Кураторы целевой модели наставничества': 'Curators of the target model of mentoring',
  'Заместители директора, кураторы целевой модели': 'Deputy directors, curators of the target model',
  Наставники: 'Mentors',
  'Куратор целевой модели, заместители директора': 'The curator of the target model, deputy directors',
  // Titles and descriptions
  'Анкета наставляемого': 'Mentee questionnaire',
  'Анкета наставника': 'Mentor questionnaire',
  'Анкета после групповой встречи': 'Questionnaire after the group meeting',
  'Промежуточная обратная связь': 'Interim feedback',
  'Итоговая анкета удовлетворённости наставляемого': 'Final satisfaction questionnaire for mentees',
  'Итоговая анкета удовлетворённости наставника': 'Final satisfaction questionnaire for mentors',
  'Помогает подобрать наставника: что вы хотите получить от программы и когда вам удобно встречаться.':
    'Helps to find you a mentor: what you want from the programme and when you can meet.',
  'Помогает подобрать наставляемых: в чём вы сильны, с кем готовы работать и сколько времени у вас есть.':
    'Helps to find you mentees: what you are good at, whom you are ready to work with and how much time you have.',
  'Заполняется после общей встречи наставников и наставляемых: с кем вы хотели бы работать.':
    'Filled in after the joint meeting of mentors and mentees: whom you would like to work with.',
  'Короткая анкета в середине работы пары: что идёт хорошо и что мешает.':
    'A short questionnaire halfway through the pair’s work: what goes well and what gets in the way.',
  'Мониторинг удовлетворённости участием в программе наставничества (итоговый этап).':
    'Monitoring of satisfaction with taking part in the mentoring programme (final stage).',
  'Мониторинг удовлетворённости наставников участием в программе (итоговый этап).':
    'Monitoring of mentors’ satisfaction with taking part in the programme (final stage).',
  // Scales
  'Совсем нет': 'Not at all',
  Полностью: 'Completely',
  // Where help is needed or offered
  'Учёба по предметам': 'School subjects',
  'Подготовка к экзаменам': 'Exam preparation',
  'Проектная и исследовательская работа': 'Projects and research',
  'Олимпиады и конкурсы': 'Olympiads and competitions',
  Профориентация: 'Career guidance',
  'Общение и адаптация в коллективе': 'Getting along and fitting in',
  'Самоорганизация и планирование': 'Self-organisation and planning',
  Творчество: 'Creative work',
  Спорт: 'Sport',
  'Методика преподавания': 'Teaching methods',
  // When to meet
  'До уроков': 'Before lessons',
  'На переменах': 'During breaks',
  'После уроков': 'After lessons',
  'В выходные': 'At weekends',
  Онлайн: 'Online',
  // Whether goals were reached
  Да: 'Yes',
  'В основном': 'Mostly',
  Частично: 'Partly',
  Нет: 'No',
  // The mentee's intake
  'Чего вы хотите достичь с помощью наставника?': 'What do you want to achieve with a mentor’s help?',
  'В чём вам нужна помощь?': 'What do you need help with?',
  'Какие предметы даются труднее всего?': 'Which subjects are hardest for you?',
  'Ваши интересы и увлечения': 'Your interests and hobbies',
  'Кого вы хотели бы видеть наставником?': 'Whom would you like as a mentor?',
  Педагога: 'A teacher',
  Старшеклассника: 'An older pupil',
  Студента: 'A student of a college or university',
  'Представителя профессии': 'Someone working in a profession',
  'Не важно': 'It does not matter',
  'Когда вам удобно встречаться?': 'When can you meet?',
  'Был ли у вас наставник раньше?': 'Have you had a mentor before?',
  // The mentor's intake
  'В чём вы можете помочь?': 'What can you help with?',
  'Предметы, по которым вы готовы помогать': 'Subjects you are ready to help with',
  'Есть ли у вас опыт наставничества?': 'Have you been a mentor before?',
  'Расскажите о нём': 'Tell us about it',
  'С кем вы готовы работать?': 'Whom are you ready to work with?',
  'С учениками 1–4 классов': 'Pupils of years 1–4',
  'С учениками 5–9 классов': 'Pupils of years 5–9',
  'С учениками 10–11 классов': 'Pupils of years 10–11',
  'С молодыми педагогами': 'Young teachers',
  'Сколько наставляемых вы готовы взять?': 'How many mentees can you take on?',
  Одного: 'One',
  Двоих: 'Two',
  Троих: 'Three',
  Группу: 'A group',
  'Почему вы хотите стать наставником?': 'Why do you want to be a mentor?',
  // After the group meeting
  'С кем вы хотели бы работать в паре? Назовите одного-двух человек':
    'Whom would you like to be paired with? Name one or two people',
  'Почему?': 'Why?',
  'Насколько комфортно вам было на общей встрече?': 'How comfortable did you feel at the joint meeting?',
  'С кем вы не хотели бы работать? (увидит только куратор)':
    'Whom would you rather not work with? (only the curator will see this)',
  // Interim feedback
  'Насколько вы довольны работой пары сейчас?': 'How satisfied are you with the pair’s work so far?',
  'Достаточно ли встреч?': 'Are there enough meetings?',
  Мало: 'Too few',
  'В самый раз': 'Just right',
  Много: 'Too many',
  'Насколько вы продвинулись к цели?': 'How far have you got towards your goal?',
  'Есть ли трудности?': 'Are there any difficulties?',
  'Какие трудности?': 'What difficulties?',
  Пожелания: 'Wishes',
  // The mentee's final questionnaire
  'Насколько оправдались ваши ожидания от наставничества?': 'How far did mentoring meet your expectations?',
  'Насколько комфортным было общение с наставником?': 'How comfortable was talking with your mentor?',
  'Насколько полезными были встречи?': 'How useful were the meetings?',
  'Насколько вы продвинулись в том, ради чего пришли?': 'How far did you get in what you came for?',
  'Чему вы научились, что нового узнали?': 'What did you learn, what did you find out?',
  'Достигнуты ли цели вашего плана развития?': 'Have the goals of your development plan been reached?',
  'Хотели бы вы продолжить работу с наставником?': 'Would you like to go on working with your mentor?',
  'Хотели бы вы сами стать наставником?': 'Would you like to become a mentor yourself?',
  'Насколько вероятно, что вы посоветуете программу другу?':
    'How likely are you to recommend the programme to a friend?',
  'Что можно улучшить?': 'What could be improved?',
  // The mentor's final questionnaire
  'Насколько оправдались ваши ожидания от участия в программе?':
    'How far did taking part in the programme meet your expectations?',
  'Насколько комфортно было работать с наставляемым?': 'How comfortable was working with your mentee?',
  'Насколько эффективной была работа пары?': 'How effective was the pair’s work?',
  'Насколько заметен прогресс наставляемого?': 'How noticeable is your mentee’s progress?',
  'Насколько вы довольны поддержкой куратора и школы?':
    'How satisfied are you with the support of the curator and the school?',
  'Достигнуты ли цели плана развития наставляемого?':
    'Have the goals of your mentee’s development plan been reached?',
  'Что участие дало вам самому?': 'What did taking part give you?',
  'Готовы ли вы продолжить быть наставником?': 'Are you ready to go on being a mentor?',
  'Что можно улучшить в программе?': 'What could be improved in the programme?',
  // IDP goal templates
  'Адаптация молодого педагога': 'A young teacher settling in',
  'Профессиональная адаптация': 'Professional adaptation',
  'Освоиться в школе, в документации и в работе с классом.':
    'Find your feet at the school, in its paperwork and in working with a class.',
  'Изучить локальные акты школы и требования к документации':
    'Study the school’s regulations and what its paperwork requires',
  'Посетить 5 уроков наставника и разобрать их': 'Sit in on 5 of the mentor’s lessons and discuss them',
  'Провести открытый урок и обсудить его с наставником': 'Give an open lesson and discuss it with the mentor',
  'Составить план воспитательной работы с классом': 'Draw up a plan of pastoral work with the class',
  'Подготовка к экзамену': 'Exam preparation',
  'Учебные результаты': 'Learning results',
  'Выйти на уверенный результат ОГЭ/ЕГЭ по предмету.': 'Reach a confident OGE/EGE result in the subject.',
  'Написать диагностическую работу и найти слабые темы': 'Write a diagnostic test and find the weak topics',
  'Составить график подготовки по слабым темам': 'Make a schedule for working on the weak topics',
  'Решить три пробных варианта в формате экзамена': 'Do three practice papers in the exam’s format',
  'Разобрать ошибки пробных вариантов с наставником':
    'Go through the practice papers’ mistakes with the mentor',
  'Проектная работа': 'Project work',
  'Проектная деятельность': 'Projects',
  'Выполнить и защитить индивидуальный проект.': 'Carry out and defend an individual project.',
  'Выбрать тему и сформулировать цель проекта': 'Choose a topic and set the project’s aim',
  'Составить план работы и список источников': 'Make a work plan and a list of sources',
  'Подготовить продукт проекта': 'Make the project’s product',
  'Подготовить презентацию и защитить проект': 'Prepare a presentation and defend the project',
  'Социальная адаптация обучающегося': 'A pupil settling in socially',
  Социализация: 'Socialisation',
  'Чувствовать себя увереннее в классе и школе.': 'Feel more confident in the class and the school.',
  'Выбрать кружок или секцию и записаться': 'Choose a club or a sports section and join it',
  'Принять участие в одном школьном мероприятии': 'Take part in one school event',
  'Обсудить с наставником трудные ситуации в общении':
    'Talk over difficult situations with people with the mentor',
};
