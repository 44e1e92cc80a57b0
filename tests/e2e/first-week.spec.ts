// A school's first week, walked through as a new curator, a teacher mentor and a pupil mentee would:
// where the settings are, what is preset, how Russian reads, what a delete does, what a reader sees and
// what the figures mean.
import { expect, type Page, test } from '@playwright/test';
import { PROGRAMME_ID } from '../../src/domain/record-type-names';
import { api, curatorCode, inviteCode, newSchool, newSchoolCode, putRecords } from './api';
import { BASE_URL, enrol, syncNow } from './app-page';

type Rec = { id: string; type: string; fields: Record<string, unknown> };
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

async function english(page: Page, isOn: boolean) {
  await page.goto('/settings');
  await page.locator('select[name="language"]').selectOption(isOn ? 'en' : 'ru');
  // The choice is kept once the other language's strings have loaded: the page says so in its lang.
  await expect(page.locator('html')).toHaveAttribute('lang', isOn ? 'en' : 'ru');
}

test('a new curator finds the settings first, is guided through set-up, and presets follow the data', async ({
  page,
}) => {
  // A school of its own: the guide and the programme read the whole school.
  const school = await newSchool('Лицей первой недели');
  await enrol(page, await curatorCode('Зимина Анна Петровна', school.token));
  // Greeted by name and patronymic, not by the full name.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Здравствуйте, Анна Петровна');

  // The first-run guide: six steps, the school not set yet. (It folds away once every step is done:
  // open it to read it.)
  const guide = page.getByTestId('setup-guide');
  const openGuide = () => guide.evaluate((details) => ((details as HTMLDetailsElement).open = true));
  await openGuide();
  await expect(guide.getByRole('listitem')).toHaveCount(6);
  const schoolStep = guide.getByRole('listitem').filter({ hasText: 'Школа и директор' });
  await expect(schoolStep).toContainText('ещё не сделано');
  // The programme's settings are one tap away in the navigation, not at the bottom of the roadmap.
  await page.getByRole('navigation').getByRole('link', { name: 'Программа', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Программа школы');
  await page.getByLabel('Название образовательной организации').fill('МБОУ «Лицей № 7»');
  await page.getByLabel('Директор (для приказов)').fill('Орлов Сергей Николаевич');
  await page.getByRole('navigation').getByRole('link', { name: 'Главная', exact: true }).click();
  await openGuide();
  await expect(schoolStep).toContainText(/— сделано/);
  await expect(schoolStep.getByRole('link', { name: 'Школа и директор' })).toHaveAttribute(
    'href',
    '/programme',
  );

  // Suggestions never offer the curator's own account: only people who can mentor.
  const [mentorId, pupilId, paired] = await putRecords(
    [
      { type: 'person', fields: { fullName: 'Наставникова Вера Ильинична', kind: 'teacher' } },
      {
        type: 'person',
        fields: { fullName: 'Подбираев Олег', kind: 'student', minor: false, classOrSubject: '6Ж' },
      },
      {
        type: 'person',
        fields: { fullName: 'Парный Игорь', kind: 'student', minor: false, classOrSubject: '6Ж' },
      },
    ],
    school.token,
  );
  await putRecords(
    [{ type: 'pair', fields: { mentorId, menteeIds: [paired], form: 'учитель–ученик', status: 'active' } }],
    school.token,
  );
  await syncNow(page);
  await page.goto('/pairs');
  const card = page.getByTestId('unpaired').getByRole('listitem').filter({ hasText: 'Подбираев Олег' });
  await card.getByRole('button', { name: 'Подобрать наставника' }).click();
  const suggestions = card.getByTestId('suggestions');
  await expect(suggestions.getByRole('listitem').first()).toBeVisible();
  await expect(suggestions).not.toContainText('Зимина Анна Петровна');
  // Two figures never run together: «совпадение: 0 баллов · уже ведёт 1 пару».
  await expect(suggestions).toContainText(/совпадение: \d+ балл(а|ов)? · уже ведёт \d+ (пару|пары|пар)/);
  await expect(suggestions).not.toContainText(/пар: \d/);

  // A group by hand: the form of mentoring follows from who is in it.
  await page.getByText('Новая пара или группа').click();
  await page.getByLabel('Наставник', { exact: true }).selectOption({ label: 'Наставникова Вера Ильинична' });
  await page.getByRole('checkbox', { name: 'Подбираев Олег' }).check();
  await expect(page.getByLabel('Форма наставничества')).toHaveValue('учитель–ученик');

  // An invite's role: a pupil who is a mentee in a pair signs in as a mentee; a teacher as a mentor.
  await page.goto(`/people/${paired}`);
  await expect(page.getByLabel('Войдёт как')).toHaveValue('mentee');
  await page.goto(`/people/${mentorId}`);
  await expect(page.getByLabel('Войдёт как')).toHaveValue('mentor');
  await page.goto(`/people/${pupilId}`);
  await expect(page.getByLabel('Войдёт как')).toHaveValue('mentee');

  // An assignment goes to whom the questionnaire is written for.
  await page.goto('/forms');
  await page
    .getByTestId('templates')
    .getByRole('listitem')
    .filter({ hasText: 'Итоговая анкета удовлетворённости наставника' })
    .getByRole('link', { name: 'Назначить' })
    .click();
  await expect(page.getByLabel('Кому в парах')).toHaveValue('mentors');

  // The participant page's panels line up.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/people/${paired}`);
  await expect(page.getByRole('heading', { name: 'Устройства' })).toBeVisible();
  const widths = await page
    .locator('main section.panel')
    .evaluateAll((panels) => panels.map((p) => Math.round(p.getBoundingClientRect().width)));
  expect(widths.length).toBeGreaterThan(2);
  expect(new Set(widths).size).toBe(1);
});

test('a pair formed minutes ago is not «without meetings»; one that began weeks ago is', async ({ page }) => {
  const [mentor, fresh, old] = await putRecords([
    { type: 'person', fields: { fullName: 'Свежева Нина Павловна', kind: 'teacher' } },
    { type: 'person', fields: { fullName: 'Новиков Петя', kind: 'student', minor: false } },
    { type: 'person', fields: { fullName: 'Старов Ваня', kind: 'student', minor: false } },
  ]);
  await putRecords([
    {
      type: 'pair',
      fields: { mentorId: mentor, menteeIds: [fresh], form: 'учитель–ученик', status: 'active' },
    },
    {
      type: 'pair',
      fields: {
        mentorId: mentor,
        menteeIds: [old],
        form: 'учитель–ученик',
        status: 'active',
        startDate: daysAgo(30),
        history: [{ date: daysAgo(30), status: 'active', note: null }],
      },
    },
  ]);
  await enrol(page, await inviteCode(mentor as string, 'mentor'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Здравствуйте, Нина Павловна');
  await expect(page.getByTestId('home-pairs').getByRole('listitem')).toHaveCount(2);
  await expect(page.getByText('Пар без встреч больше 14 дней: 1')).toBeVisible();
});

test('a mentee’s home speaks to the mentee: what is coming and what is theirs, no «ИПР», in both languages', async ({
  page,
}) => {
  const [mentor, mentee] = await putRecords([
    { type: 'person', fields: { fullName: 'Учителева Анна Петровна', kind: 'teacher' } },
    {
      type: 'person',
      fields: { fullName: 'Петров Коля', kind: 'student', minor: false, classOrSubject: '7А' },
    },
  ]);
  const [pair] = await putRecords([
    {
      type: 'pair',
      fields: {
        mentorId: mentor,
        menteeIds: [mentee],
        form: 'учитель–ученик',
        status: 'active',
        startDate: daysAgo(30),
        history: [{ date: daysAgo(30), status: 'active', note: null }],
      },
    },
  ]);
  const [plan] = await putRecords([
    { type: 'plan', fields: { pairId: pair, menteeId: mentee, title: 'План' } },
  ]);
  await putRecords([
    { type: 'task', fields: { planId: plan, title: 'Прочитать главу 3', status: 'todo', due: null } },
  ]);
  await enrol(page, await inviteCode(mentee as string, 'mentee'));
  const main = page.locator('main');
  const card = page.getByTestId('home-pairs').getByRole('listitem');
  await expect(card).toContainText('Скоро первая встреча с наставником');
  await expect(card).toContainText('План развития: сделано 0 из 1');
  await expect(card).toContainText('Встреч с наставником: 0 из 5');
  await expect(page.getByRole('heading', { name: 'Мой наставник' })).toBeVisible();
  for (const mentorsWords of ['Пар без встреч', 'Пора провести', 'ИПР', 'Серия встреч', 'Нет встреч уже'])
    await expect(main).not.toContainText(mentorsWords);
  // Their pair, plan and search say «план развития» too.
  // The pair is their mentor, named at its top (not the mentee's own name).
  await card.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Учителева Анна Петровна');
  await page.getByRole('link', { name: 'Мой план развития' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Мой план развития');
  await page.goto('/search');
  await page.getByLabel('Люди, встречи, заметки и задачи').fill('главу');
  await expect(page.getByRole('heading', { name: 'Цели и задачи плана развития' })).toBeVisible();
  await expect(main).not.toContainText('ИПР');
  await english(page, true);
  await page.goto('/');
  await expect(card).toContainText('Your first meeting with your mentor is coming');
  await expect(card).toContainText('Development plan: 0 of 1 done');
  await expect(main).not.toContainText('IDP');
  await expect(main).not.toContainText('Pairs with no meeting');
});

test('counts and names read as Russians write them, in both languages', async ({ page }) => {
  await enrol(page, await curatorCode('Склонялова Мария Ивановна'));
  const [mentor, boy, girl] = await putRecords([
    { type: 'person', fields: { fullName: 'Учителев Пётр Сергеевич', kind: 'teacher' } },
    {
      type: 'person',
      fields: { fullName: 'Иванов Иван Иванович', kind: 'student', minor: true, classOrSubject: '5А' },
    },
    {
      type: 'person',
      fields: { fullName: 'Петрова Анна Сергеевна', kind: 'student', minor: false, classOrSubject: '5А' },
    },
  ]);
  const [pair] = await putRecords([
    {
      type: 'pair',
      fields: { mentorId: mentor, menteeIds: [girl], form: 'учитель–ученик', status: 'proposed' },
    },
  ]);
  await putRecords([
    {
      type: 'meeting',
      fields: {
        pairId: pair,
        date: '2026-11-05',
        kind: 'organisational',
        durationMin: 30,
        notes: 'Первая',
        status: 'held',
      },
    },
  ]);
  const [plan] = await putRecords([{ type: 'plan', fields: { pairId: pair, menteeId: girl, title: 'ИПР' } }]);
  await putRecords([
    { type: 'task', fields: { planId: plan, title: 'Прочитать книгу', status: 'todo', due: null, order: 0 } },
  ]);
  await syncNow(page);

  // The consent form names the child in the genitive, agrees with the gender, and keeps «ФИО».
  await page.goto(`/people/${boy}/consent-form`);
  const form = page.getByTestId('consent-form');
  await expect(form).toContainText('несовершеннолетнего Иванова Ивана Ивановича, 5А,');
  await expect(form).toContainText('на обработку его персональных данных');
  await expect(form).toContainText('ФИО, класс');
  await expect(form).not.toContainText('фио');
  await page.goto(`/people/${girl}/consent-form`);
  await expect(page.getByTestId('consent-person')).toHaveText('Петрова Анна Сергеевна');

  // A patronymic settles the gender; a double surname written with a space is printed as typed rather than
  // garbled; a Latin «o» in «Смирнoва» is printed, and declined, as the Cyrillic one.
  const [lyuba, doubled, mixed] = await putRecords(
    ['Белая Любовь Петровна', 'Петрова Сидорова Мария', 'Смирн\u006fва Мария Павловна'].map((fullName) => ({
      type: 'person',
      fields: { fullName, kind: 'student', minor: true, classOrSubject: '5А' },
    })),
  );
  await syncNow(page);
  await page.goto(`/people/${lyuba}/consent-form`);
  await expect(form).toContainText('несовершеннолетней Белой Любови Петровны, 5А,');
  await expect(form).toContainText('на обработку её персональных данных');
  await page.goto(`/people/${doubled}/consent-form`);
  await expect(form).toContainText('несовершеннолетней Петрова Сидорова Мария, 5А,');
  await page.goto(`/people/${mixed}/consent-form`);
  await expect(page.getByTestId('consent-person')).toHaveText('Смирновой Марии Павловны');

  // «Издать приказ (1 пара)», not «(1 пар)».
  await page.goto('/orders');
  const boxes = page.getByTestId('order-pairs').getByRole('checkbox');
  for (const box of await boxes.all()) await box.uncheck();
  await page.getByRole('checkbox', { name: /Петрова Анна Сергеевна/ }).check();
  await expect(page.getByRole('button', { name: 'Издать приказ (1 пара)' })).toBeVisible();
  await page.getByLabel('Номер приказа').fill('12-о');
  await page.getByRole('button', { name: 'Издать приказ (1 пара)' }).click();
  await expect(page.getByTestId('order-document')).toContainText('Петрова Анна Сергеевна');

  // «Выполнено 0 из 1 задачи».
  await page.goto(`/pair/${pair}/plan/${girl}`);
  await expect(page.getByTestId('plan-progress')).toHaveText('Выполнено 0 из 1 задачи (0%)');

  // The dashboard's months by name, never «2026-11»; the roadmap's stages numbered once.
  await page.goto('/monitoring');
  await expect(page.getByRole('list', { name: 'Встречи по месяцам' })).toContainText('ноябрь 2026');
  await expect(page.getByRole('list', { name: 'Встречи по месяцам' })).not.toContainText(/\d{4}-\d{2}/);
  await page.goto('/roadmap');
  const stage = page.getByTestId('roadmap').getByRole('listitem').first();
  await expect(stage.getByRole('heading')).toHaveText('1. Формирование базы наставляемых');
  expect(await page.getByTestId('roadmap').evaluate((ol) => getComputedStyle(ol).listStyleType)).toBe('none');

  // The same in English.
  await english(page, true);
  await page.goto(`/pair/${pair}/plan/${girl}`);
  await expect(page.getByTestId('plan-progress')).toHaveText('0 of 1 task done (0%)');
  await page.goto('/monitoring');
  await expect(page.getByRole('list', { name: 'Meetings by month' })).toContainText('November 2026');
  await page.goto('/orders');
  await expect(page.getByRole('button', { name: /^Issue the order \(\d+ pairs?\)$/ })).toBeVisible();
  await english(page, false);
});

test('every delete can be undone: an IDP goal with its tasks, a task, a consent, a pair status, a question', async ({
  page,
}) => {
  await enrol(page, await curatorCode('Отменяева Ольга Павловна'));
  const [mentor, mentee] = await putRecords([
    { type: 'person', fields: { fullName: 'Удалов Борис Ефимович', kind: 'teacher' } },
    {
      type: 'person',
      fields: { fullName: 'Возвратов Коля', kind: 'student', minor: false, classOrSubject: '8В' },
    },
  ]);
  const [pair] = await putRecords([
    {
      type: 'pair',
      fields: { mentorId: mentor, menteeIds: [mentee], form: 'учитель–ученик', status: 'active' },
    },
    {
      type: 'consent',
      fields: { personId: mentee, signedBy: 'Возвратов Коля', date: '2026-09-01', withdrawn: false },
    },
  ]);
  const [plan] = await putRecords([
    { type: 'plan', fields: { pairId: pair, menteeId: mentee, title: 'ИПР' } },
  ]);
  const [goal] = await putRecords([{ type: 'goal', fields: { planId: plan, title: 'Олимпиада', order: 0 } }]);
  await putRecords(
    ['Решить задачи прошлого года', 'Разобрать ошибки'].map((title, order) => ({
      type: 'task',
      fields: { planId: plan, goalId: goal, title, status: 'todo', due: null, order },
    })),
  );
  await syncNow(page);
  const toast = page.getByTestId('toast');
  const undo = () => toast.getByRole('button', { name: 'Отменить' }).click();

  // A goal: asked first, told what becomes of its two tasks; deleted with them, then brought back.
  await page.goto(`/pair/${pair}/plan/${mentee}`);
  const goalSection = page.getByRole('region', { name: 'Олимпиада' });
  await goalSection.getByRole('button', { name: 'Удалить цель' }).click();
  // The question takes the focus (the button that asked is gone), and «Не удалять» changes nothing.
  const question = goalSection.getByRole('group', { name: 'Удалить цель «Олимпиада»? В ней 2 задачи.' });
  await expect(question).toBeFocused();
  await question.getByRole('button', { name: 'Не удалять' }).click();
  await expect(question).toBeHidden();
  await expect(page.getByTestId('task')).toHaveCount(2);
  await goalSection.getByRole('button', { name: 'Удалить цель' }).click();
  await goalSection.getByRole('button', { name: 'Удалить цель и её задачи' }).click();
  await expect(toast).toContainText('Цель и её задачи удалены: 2 задачи');
  await expect(page.getByTestId('task')).toHaveCount(0);
  // A plan with no tasks says so, not «0 из 0 задач (0%)».
  await expect(page.getByTestId('plan-progress')).toHaveText(
    'В плане пока нет задач: добавьте цель и задачи к ней.',
  );
  await undo();
  await expect(goalSection.getByTestId('task')).toHaveCount(2);
  // A goal without a title is told once, under the title.
  await page.locator('summary', { hasText: 'Добавить цель' }).click();
  await page.getByRole('button', { name: 'Добавить цель', exact: true }).click();
  await expect(page.getByText('Назовите цель.')).toHaveCount(1);
  // Deleted keeping the tasks: they wait under «Задачи без цели»; undo puts them back under the goal.
  await goalSection.getByRole('button', { name: 'Удалить цель' }).click();
  await goalSection.getByRole('button', { name: 'Удалить цель, задачи оставить' }).click();
  await expect(page.getByRole('region', { name: 'Задачи без цели' }).getByTestId('task')).toHaveCount(2);
  await undo();
  await expect(page.getByRole('region', { name: 'Олимпиада' }).getByTestId('task')).toHaveCount(2);
  await expect(page.getByRole('region', { name: 'Задачи без цели' })).toHaveCount(0);

  // A task.
  const task = page.getByTestId('task').filter({ hasText: 'Разобрать ошибки' });
  await task.getByText('Подробнее').click();
  await task.getByRole('button', { name: 'Удалить задачу' }).click();
  await expect(page.getByTestId('task')).toHaveCount(1);
  await undo();
  await expect(page.getByTestId('task')).toHaveCount(2);

  // A consent withdrawn by mistake.
  await page.goto(`/people/${mentee}`);
  await page.getByTestId('consents').getByRole('button', { name: 'Отозвать' }).click();
  await expect(page.getByTestId('consents')).toContainText('отозвано');
  await undo();
  await expect(page.getByTestId('consents').getByRole('button', { name: 'Отозвать' })).toBeVisible();

  // A pair finished by mistake.
  await page.goto(`/pair/${pair}`);
  await page.getByRole('button', { name: 'Завершить', exact: true }).click();
  await expect(page.getByText('Статус: Завершена')).toBeVisible();
  await undo();
  await expect(page.getByText('Статус: Работает')).toBeVisible();

  // A question removed from a form being edited.
  await page.goto('/forms');
  await page.getByRole('button', { name: 'Новая анкета' }).click();
  await page.getByRole('button', { name: 'Добавить вопрос' }).click();
  await expect(page.getByText(/^Вопрос \d+$/)).toHaveCount(2);
  await page.getByRole('button', { name: 'Удалить вопрос' }).last().click();
  await expect(page.getByText(/^Вопрос \d+$/)).toHaveCount(1);
  // What is typed before «Отменить» stays: the undo puts back the question, not the whole form.
  await page.getByLabel('Название анкеты').fill('Анкета после пробной встречи');
  await undo();
  await expect(page.getByText(/^Вопрос \d+$/)).toHaveCount(2);
  await expect(page.getByLabel('Название анкеты')).toHaveValue('Анкета после пробной встречи');
});

test('a mentee reads a meeting; the dashboard computes satisfaction from its question and says how', async ({
  page,
  browser,
}) => {
  const [mentor, mentee, mentee2] = await putRecords([
    { type: 'person', fields: { fullName: 'Читалова Зоя Петровна', kind: 'teacher' } },
    {
      type: 'person',
      fields: { fullName: 'Смотров Антон', kind: 'student', minor: false, classOrSubject: '9Ю' },
    },
    {
      type: 'person',
      fields: { fullName: 'Глядкина Оля', kind: 'student', minor: false, classOrSubject: '9Ю' },
    },
  ]);
  const [pair] = await putRecords([
    {
      type: 'pair',
      fields: { mentorId: mentor, menteeIds: [mentee, mentee2], form: 'учитель–ученик', status: 'active' },
    },
  ]);
  const [meeting] = await putRecords([
    {
      type: 'meeting',
      fields: {
        pairId: pair,
        date: '2026-11-12',
        kind: 'planning',
        durationMin: 45,
        notes: 'Составили план на четверть',
        privateNotes: 'Антон стесняется',
        status: 'held',
        topics: ['Учёба', 'Проект'],
        nextSteps: [{ id: 's1', text: 'Выбрать тему проекта', taskId: null }],
        attendance: [mentee],
      },
    },
  ]);
  // Interim feedback from both mentees: satisfied 8, progress 7 and 6.
  const records = (await api('/api/v1/export')).records as Rec[];
  const interim = records.find((r) => r.type === 'formTemplate' && r.fields.builtIn === 'interim') as Rec;
  const assignments = await putRecords(
    [mentee, mentee2].map((personId) => ({
      type: 'formAssignment',
      fields: { templateId: interim.id, personId, pairId: pair, due: null },
    })),
  );
  await putRecords(
    assignments.map((assignmentId, i) => ({
      type: 'formResponse',
      fields: {
        assignmentId,
        answers: { satisfaction: 8, frequency: 'В самый раз', progress: 7 - i, difficulties: false },
        submittedAt: new Date().toISOString(),
        templateVersion: 1,
      },
    })),
  );

  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
  });
  const phone = await context.newPage();
  await enrol(phone, await inviteCode(mentee as string, 'mentee'));
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Здравствуйте, Антон');
  await phone.goto(`/meeting/${meeting}`);
  const view = phone.getByTestId('meeting-view');
  await expect(view).toContainText('12 ноября 2026');
  await expect(view).toContainText('Планирование');
  await expect(view).toContainText('Учёба, Проект');
  await expect(view).toContainText('Составили план на четверть');
  await expect(view).toContainText('Выбрать тему проекта');
  await expect(view).toContainText('Смотров Антон');
  await expect(view).not.toContainText('стесняется');
  // A read view: no field to type in, nothing greyed out.
  await expect(phone.locator('main').locator('input, textarea, select, button:disabled')).toHaveCount(0);
  await context.close();

  await enrol(page, await curatorCode('Цифрова Елена Андреевна'));
  await page.goto('/monitoring');
  const interimMentees = page
    .getByTestId('satisfaction')
    .locator('.kpi')
    .filter({ hasText: /наставляемые, промежуточная анкета: \d+ ответ/ });
  // 8 and 8 for satisfaction: 8, not the 7.3 that averaging every scale (8, 7, 8, 6) would give.
  await expect(interimMentees.locator('.kpi__value')).toHaveText('8');
  await expect(page.getByText(/Среднее ответов на вопрос об удовлетворённости/)).toBeVisible();
  for (const figure of ['Пар работает / всего', 'Встреч проведено', 'Выполнение ИПР', 'Пар в зоне риска'])
    await expect(
      page.getByTestId('kpis').locator('.kpi').filter({ hasText: figure }).locator('.kpi__how'),
    ).not.toBeEmpty();

  // A chart with nothing to show says so.
  const [template] = await putRecords([
    {
      type: 'formTemplate',
      fields: {
        title: 'Анкета без ответов',
        kind: 'custom',
        questions: [{ id: 'a', kind: 'scale', text: 'Насколько интересно?', required: true, min: 1, max: 5 }],
        visibleToMentor: false,
        version: 1,
      },
    },
  ]);
  await syncNow(page);
  await page.goto(`/forms/${template}`);
  await expect(page.getByRole('region', { name: 'Насколько интересно?' })).toContainText('Ответов пока нет.');
});

test('what cannot be taken back asks first: disconnecting a device, discarding a rejected change', async ({
  page,
}) => {
  await enrol(page, await curatorCode('Осторожная Ирина Львовна'));
  const [teacher] = await putRecords([
    { type: 'person', fields: { fullName: 'Телефонова Аня Игоревна', kind: 'teacher' } },
  ]);
  const enrolled = await fetch(`${BASE_URL}/api/v1/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: await inviteCode(teacher as string, 'mentor'), deviceName: 'Телефон Ани' }),
  });
  expect(enrolled.ok).toBe(true);
  await syncNow(page);
  await page.goto(`/people/${teacher}`);
  const devices = page.getByRole('region', { name: 'Устройства' });
  await devices.getByRole('button', { name: 'Отключить устройство' }).click();
  await expect(devices).toContainText('Отключить «Телефон Ани»?');
  await devices.getByRole('button', { name: 'Не отключать' }).click();
  await expect(devices).not.toContainText('отключено');
  await devices.getByRole('button', { name: 'Отключить устройство' }).click();
  await devices.getByRole('button', { name: 'Да, отключить' }).click();
  await expect(devices).toContainText('отключено');

  // A change the server refused: discarding it loses what was typed, so the app asks.
  await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok) => {
      const open = indexedDB.open('nastavnik');
      open.onsuccess = () => ok(open.result);
    });
    const id = '0193a3f0-0000-7000-8000-0000000000aa';
    await new Promise((ok) => {
      const put = db
        .transaction('rejected', 'readwrite')
        .objectStore('rejected')
        .put({
          id,
          type: 'material',
          code: 'invalid',
          reason: 'title: expected text',
          change: { id, type: 'material', fields: { title: '' }, stamps: {} },
          at: new Date().toISOString(),
        });
      put.onsuccess = ok;
    });
  });
  await page.goto('/sync');
  const rejected = page.getByTestId('rejected');
  await rejected.getByRole('button', { name: 'Отменить изменение' }).click();
  await expect(rejected).toContainText('Отменить это изменение?');
  await rejected.getByRole('button', { name: 'Оставить' }).click();
  await expect(rejected.getByRole('button', { name: 'Отправить снова' })).toBeVisible();
  await rejected.getByRole('button', { name: 'Отменить изменение' }).click();
  await rejected.getByRole('button', { name: 'Да, отменить изменение' }).click();
  await expect(page.getByText('Все изменения приняты.')).toBeVisible();
});

test('a code handed over says where to enter it, and warns when the app is open at this computer’s own address', async ({
  page,
}) => {
  const [pupil] = await putRecords([
    { type: 'person', fields: { fullName: 'Адресов Глеб', kind: 'student', minor: false } },
  ]);
  await enrol(page, await curatorCode('Куратор Адресов'));
  await page.goto(`/people/${pupil}`);
  await page.getByLabel('Войдёт как').selectOption('mentee');
  await page.getByRole('button', { name: 'Создать код' }).click();
  const invite = page.getByTestId('invite');
  await expect(invite.getByTestId('invite-code')).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(invite.getByTestId('enrol-address')).toHaveText(
    `Где войти: откройте ${BASE_URL} и введите код — или наведите камеру телефона на QR-код.`,
  );
  // The tests' server is at 127.0.0.1: a phone given this address or its QR code opens nothing.
  await expect(invite.getByRole('alert')).toContainText('Приложение открыто по адресу этого компьютера');
});

test('a report of a school not yet named has no empty heading: it says where to give the name', async ({
  page,
}) => {
  const school = await newSchool('Школа без названия');
  await putRecords([{ type: 'programme', id: PROGRAMME_ID, fields: { schoolName: null } }], school.token);
  await enrol(page, await curatorCode('Куратор Отчётов', school.token));
  await page.goto('/report');
  const heading = page.getByTestId('report-heading');
  await expect(heading).toHaveText(/^учебный год \d{4}-\d{4} · на \d{1,2} [а-я]+ \d{4}$/);
  await expect(
    page.getByText('Название школы не указано — укажите его, и оно появится в отчёте:'),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Программа школы' }).click();
  await page.getByLabel('Название образовательной организации').fill('МБОУ «Школа № 9»');
  await page.getByLabel('Название образовательной организации').press('Tab');
  await page.getByRole('link', { name: 'Мониторинг', exact: true }).click();
  await page.getByRole('link', { name: 'Отчёт', exact: true }).click();
  await expect(heading).toHaveText(/^МБОУ «Школа № 9» · учебный год \d{4}-\d{4} · на /);
});

test('the report’s best mentors say what their score is: the mean of three criteria, out of 100', async ({
  page,
}) => {
  const school = await newSchool('Школа лучших наставников');
  const [mentor, mentee] = await putRecords(
    [
      { type: 'person', fields: { fullName: 'Лучшая Наставница', kind: 'teacher' } },
      { type: 'person', fields: { fullName: 'Учеников Антон', kind: 'student', minor: false } },
    ],
    school.token,
  );
  const [pair] = await putRecords(
    [
      {
        type: 'pair',
        fields: { mentorId: mentor, menteeIds: [mentee], form: 'учитель–ученик', status: 'active' },
      },
    ],
    school.token,
  );
  const day = new Date().toISOString().slice(0, 10);
  await putRecords(
    [
      {
        type: 'meeting',
        fields: {
          pairId: pair,
          date: day,
          kind: 'regular',
          durationMin: 40,
          status: 'held',
          notes: 'Встреча',
        },
      },
    ],
    school.token,
  );
  await enrol(page, await curatorCode('Куратор Лучших', school.token));
  await page.goto('/report');
  const best = page.getByTestId('best-mentors');
  await expect(best).toContainText('Лучшая Наставница');
  // The score's heading (in a phone's stacked table, its cell's label) says out of what.
  await expect(best.getByRole('cell', { name: /Итог, из 100/ })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Итог — среднее трёх критериев');
});

test('a new school’s empty screens say what comes first, and its presets read in the UI’s language', async ({
  page,
}) => {
  const school = await newSchool('Школа пустых списков');
  await enrol(page, await curatorCode('Пустова Нина Андреевна', school.token));

  // No pairs yet: the table says how a pair is made; the psychologist's line speaks of no one waiting.
  await page.goto('/pairs');
  await expect(page.getByTestId('pairs-empty')).toHaveText(
    'Пар пока нет: подберите наставника наставляемому из списка выше или создайте пару вручную.',
  );
  await expect(page.getByTestId('pairs-table')).toHaveCount(0);
  await expect(page.getByText('Дорожная карта просит организовать')).toHaveCount(0);
  // A pupil waiting for a mentor, even one held back for a parent's consent, is who the line is about.
  await putRecords(
    [
      {
        type: 'person',
        fields: { fullName: 'Ждущий Миша', kind: 'student', minor: true, classOrSubject: '3В' },
      },
    ],
    school.token,
  );
  await syncNow(page);
  await page.goto('/pairs');
  await expect(page.getByText('Дорожная карта просит организовать')).toBeVisible();
  // An order with no pair to approve: what comes first, not an empty box and «Издать приказ (0 пар)».
  await page.goto('/orders');
  await expect(page.getByText('Пар для приказа пока нет')).toBeVisible();
  await expect(page.getByRole('button', { name: /Издать приказ/ })).toHaveCount(0);
  await page.getByRole('link', { name: 'Сформировать пары' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Наставнические пары');

  // The programme's forms of mentoring are the five pairs are offered, not an empty field.
  await page.goto('/programme');
  const forms = page.getByLabel('Формы наставничества, по одной в строке');
  await expect(forms).toHaveValue(
    'ученик–ученик\nучитель–учитель\nучитель–ученик\nстудент–ученик\nработодатель–ученик',
  );

  // In English: the roadmap's preset responsibles and the forms in English, none left in Russian.
  await english(page, true);
  await page.goto('/roadmap');
  const responsible = page.getByLabel('Responsible');
  await expect(responsible.first()).toHaveValue('Deputy directors');
  for (const value of await responsible.evaluateAll((fields) =>
    fields.map((f) => (f as HTMLInputElement).value),
  ))
    expect(value).not.toMatch(/[а-яё]/i);
  await page.goto('/programme');
  const formsEn = page.getByLabel('Forms of mentoring, one per line');
  await expect(formsEn).toHaveValue(/^student–student\nteacher–teacher\nteacher–student\n/);
  // A line typed in English is kept as the standard form: pairs still offer it by its name.
  await formsEn.fill('teacher–student\nemployer–student');
  await page.getByRole('navigation').getByRole('link', { name: 'Pairs', exact: true }).click();
  await page.getByText('New pair or group').click();
  await expect(page.getByLabel('Form of mentoring').locator('option')).toHaveText([
    'teacher–student',
    'employer–student',
  ]);
  await english(page, false);
  await page.getByRole('navigation').getByRole('link', { name: 'Программа', exact: true }).click();
  await expect(forms).toHaveValue('учитель–ученик\nработодатель–ученик');
});

test('a mentee’s plan with nothing in it yet says who will draw it up, not «добавьте цель»', async ({
  page,
}) => {
  const school = await newSchool('Школа пустого плана');
  const [mentor, mentee] = await putRecords(
    [
      { type: 'person', fields: { fullName: 'Планова Ирина Олеговна', kind: 'teacher' } },
      { type: 'person', fields: { fullName: 'Беспланов Саша', kind: 'student', minor: false } },
    ],
    school.token,
  );
  const [pair] = await putRecords(
    [
      {
        type: 'pair',
        fields: { mentorId: mentor, menteeIds: [mentee], form: 'учитель–ученик', status: 'active' },
      },
    ],
    school.token,
  );
  await enrol(page, await inviteCode(mentee as string, 'mentee', school.token));
  await page.getByRole('link', { name: 'Планова Ирина Олеговна' }).first().click();
  await page.getByRole('link', { name: 'Мой план развития' }).click();
  await expect(page.getByTestId('plan-progress')).toHaveText(
    'Плана пока нет: наставник составит его вместе с вами, и цели с задачами появятся здесь.',
  );
  await expect(page.getByText('Целей пока нет.')).toHaveCount(0);
  await expect(page.getByText('Добавить цель')).toHaveCount(0);
  expect(page.url()).toContain(`/pair/${pair}/plan/${mentee}`);
});

test('a school’s first curator, «Куратор программы» until they say otherwise, is asked for their name', async ({
  page,
}) => {
  await enrol(page, await newSchoolCode('Школа первого куратора'));
  // Not «Здравствуйте, Куратор программы»: greeted plainly, and told where their name goes.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Здравствуйте');
  const ask = page.getByTestId('home-name-yourself');
  await expect(ask).toContainText('Вы записаны как «Куратор программы»');
  await ask.getByRole('link', { name: 'ваша карточка' }).click();
  await page.getByLabel('Фамилия, имя, отчество').fill('Первая Ольга Ивановна');
  await page.getByRole('navigation').getByRole('link', { name: 'Главная', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Здравствуйте, Ольга Ивановна');
  await expect(ask).toHaveCount(0);
});

test('a report with no mentor to name and a form given to no one say so, not headings over nothing', async ({
  page,
}) => {
  const school = await newSchool('Школа пустых таблиц');
  await enrol(page, await curatorCode('Таблицева Инна Львовна', school.token));
  await page.goto('/report');
  await expect(page.getByTestId('best-mentors')).toHaveCount(0);
  await expect(page.getByTestId('best-mentors-empty')).toHaveText(
    'Пока некого назвать: сюда попадут наставники, чьи пары провели хотя бы одну встречу.',
  );
  await page.goto('/forms');
  await page.getByRole('link', { name: 'Промежуточная обратная связь' }).click();
  await expect(page.getByTestId('assignments-empty')).toHaveText(
    'Анкета пока никому не назначена: «Назначить» выше.',
  );
  await expect(page.locator('main table')).toHaveCount(0);
});

test('a code cut short is said to be so, with what was typed; a whole wrong code may be mistyped or spent', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByLabel('Код приглашения').fill('12');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'в коде приглашения 12 знаков — три группы по четыре, а введено 2',
  );
  await page.getByLabel('Код приглашения').fill('C8DY-73MK-');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('alert')).toContainText('а введено 8');
  await page.getByLabel('Код приглашения').fill('C8DY-73MK-QQQQ');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'возможно, в нём опечатка, он уже использован или истёк',
  );
});
