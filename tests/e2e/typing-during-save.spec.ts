// A short form stays usable while it saves (a participant, a consent, a material, an IDP's goal and task):
// what is typed while the save waits on a slow disk is the next record's beginning, and stays — in the
// form and in its draft, behind a reload — instead of going with the draft of the record just saved.
import { expect, type Locator, type Page, test } from '@playwright/test';
import { curatorCode, inviteCode, newSchool, putRecords, seedTask } from './api';
import { enrol, holdStore } from './app-page';

/**
 * Submits with `submit` while the disk holds `store`, types `next` into `field` meanwhile, lets the disk
 * go once the record shows (`saved`), and checks that `field` still shows `next`, after a reload too.
 */
async function typeWhileSaving(
  page: Page,
  store: string,
  steps: { submit: () => Promise<void>; field: () => Locator; next: string; saved: () => Promise<void> },
) {
  const disk = await holdStore(page.context(), store);
  await steps.submit();
  await steps.field().fill(steps.next);
  await disk.release();
  await steps.saved();
  await expect(steps.field()).toHaveValue(steps.next);
  await page.reload();
  await expect(steps.field()).toHaveValue(steps.next);
}

test('what a curator types while a participant, a consent or a material is saved stays', async ({ page }) => {
  const school = await newSchool('Школа быстрого ввода');
  const [pupil] = await putRecords(
    [{ type: 'person', fields: { fullName: 'Согласнова Дарья', kind: 'student', minor: false } }],
    school.token,
  );
  await enrol(page, await curatorCode('Куратор Быстров', school.token));

  // A class typed in a row: the next pupil's name is typed while the first is being added.
  await page.goto('/people');
  await page.getByText('Добавить участника').click();
  const name = () => page.getByLabel('Фамилия, имя, отчество');
  await name().fill('Первов Иван');
  await typeWhileSaving(page, 'person', {
    submit: () => page.getByRole('button', { name: 'Добавить', exact: true }).click(),
    field: name,
    next: 'Вторая Анна',
    saved: () => expect(page.getByTestId('people-list')).toContainText('Первов Иван'),
  });
  await page.getByRole('button', { name: 'Добавить', exact: true }).click();
  await expect(page.getByTestId('people-list')).toContainText('Вторая Анна');
  await expect(name()).toHaveValue('');
  await expect(page.getByTestId('people-list').getByText('Первов Иван')).toHaveCount(1);

  // A consent, and the next signer's name typed while it is saved.
  await page.goto(`/people/${pupil}`);
  await page.getByText('Отметить полученное согласие').click();
  const signer = () => page.getByLabel('Кто подписал');
  await signer().fill('Согласнова Дарья Петровна');
  await typeWhileSaving(page, 'consent', {
    submit: () => page.getByRole('button', { name: 'Сохранить согласие' }).click(),
    field: signer,
    next: 'Согласнов Пётр',
    saved: () => expect(page.getByTestId('consents')).toContainText('Согласнова Дарья Петровна'),
  });

  // A material, and the next one's title.
  await page.goto('/materials');
  const title = () => page.getByLabel('Название');
  await title().fill('Памятка наставнику');
  await typeWhileSaving(page, 'material', {
    submit: () => page.getByRole('button', { name: 'Добавить', exact: true }).click(),
    field: title,
    next: 'Чек-лист первой встречи',
    saved: () => expect(page.getByRole('main')).toContainText('Памятка наставнику'),
  });
});

test('what a mentor types while an IDP’s task or goal is added stays', async ({ page }) => {
  const school = await newSchool('Школа быстрого ИПР');
  const { mentor, mentee, pair } = await seedTask(
    { mentor: 'Быстрова Нина', mentee: 'Быстров Глеб', task: 'Прочитать главу' },
    school.token,
  );
  await enrol(page, await inviteCode(mentor, 'mentor', school.token));
  await page.goto(`/pair/${pair}/plan/${mentee}`);
  const task = () => page.getByLabel('Новая задача').first();
  await task().fill('Решить вариант ОГЭ');
  await typeWhileSaving(page, 'task', {
    submit: () => task().press('Enter'),
    field: task,
    next: 'Разобрать ошибки',
    saved: () => expect(page.getByRole('main')).toContainText('Решить вариант ОГЭ'),
  });

  await page.getByText('Добавить цель', { exact: true }).first().click();
  const goal = () => page.getByLabel('Цель', { exact: true });
  await goal().fill('Сдать ОГЭ по математике');
  await typeWhileSaving(page, 'goal', {
    submit: () => page.getByRole('button', { name: 'Добавить цель' }).click(),
    field: goal,
    next: 'Подготовиться к олимпиаде',
    saved: () => expect(page.getByRole('main')).toContainText('Сдать ОГЭ по математике'),
  });
});
