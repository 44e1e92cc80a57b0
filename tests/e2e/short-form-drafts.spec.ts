// What is typed into the short forms — a participant being added, a consent being recorded, the reason a
// pair ends, a new approval order, a «нет» to «Подходит ли пара?» with its comment — is a draft on the
// device, like a meeting: a reload (a crash, a closed tab) or a visit to another screen gives it back, and
// it goes once the record is made.
import { expect, type Page, test } from '@playwright/test';
import { curatorCode, inviteCode, newSchool, putRecords, seedTask } from './api';
import { enrol, syncNow } from './app-page';

test.use({ viewport: { width: 360, height: 740 } });

/** Leaves the screen for another and comes back, then reloads it: what was typed must still be there. */
async function awayAndBack(page: Page, path: string) {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto(path);
}

test('a curator’s typed text in the short forms survives a reload and another screen', async ({ page }) => {
  // A school of its own: the pupils without a consent it adds are not other tests' to count.
  const school = await newSchool('Школа черновиков');
  const [pupil, mentor, adult] = await putRecords(
    [
      { type: 'person', fields: { fullName: 'Черновикова Дарья', kind: 'student', minor: true } },
      { type: 'person', fields: { fullName: 'Наставник Черновиков', kind: 'teacher' } },
      { type: 'person', fields: { fullName: 'Черновиков Максим', kind: 'student', minor: false } },
    ],
    school.token,
  );
  const [pair] = await putRecords(
    [
      {
        type: 'pair',
        fields: { mentorId: mentor, menteeIds: [adult], form: 'учитель–ученик', status: 'active' },
      },
    ],
    school.token,
  );
  await enrol(page, await curatorCode('Куратор Черновиков', school.token));

  // A participant being added: the name and class, behind a reload.
  await page.goto('/people');
  await page.getByText('Добавить участника').click();
  // Typed on two keyboards: a Latin «o» in the surname, and two spaces.
  await page.getByLabel('Фамилия, имя, отчество').fill('Недописанoв  Пётр');
  await page.getByRole('textbox', { name: 'Класс или предмет' }).fill('5Ч');
  await page.reload();
  await expect(page.getByLabel('Фамилия, имя, отчество')).toHaveValue('Недописанoв  Пётр');
  await awayAndBack(page, '/people');
  await expect(page.getByRole('textbox', { name: 'Класс или предмет' })).toHaveValue('5Ч');
  await page.getByRole('button', { name: 'Добавить', exact: true }).click();
  // Added: the name goes, the class stays for the next pupil of the class; after a reload too. The
  // panel opened for the restored draft stays open, and says it was saved (it closed over «Сохранено»).
  await expect(page.getByLabel('Фамилия, имя, отчество')).toHaveValue('');
  await expect(page.getByText('Сохранено')).toBeVisible();
  await page.reload();
  // Kept as a class list's names are: in Cyrillic, one space.
  await expect(page.getByTestId('people-list')).toContainText('Недописанов Пётр');
  await page.getByText('Добавить участника').click();
  // The same pupil typed again is said to be in the base; added only when the curator says it is another.
  await page.getByLabel('Фамилия, имя, отчество').fill('недописанов пётр');
  await page.getByRole('button', { name: 'Добавить', exact: true }).click();
  await expect(page.getByText('В базе уже есть Недописанов Пётр (5Ч).')).toBeVisible();
  await expect(page.getByTestId('people-list').getByText('Недописанов Пётр')).toHaveCount(1);
  await page.getByLabel('Фамилия, имя, отчество').fill('');
  await expect(page.getByLabel('Фамилия, имя, отчество')).toHaveValue('');

  // A consent being recorded.
  await page.goto(`/people/${pupil}`);
  await page.getByText('Отметить полученное согласие').click();
  await page.getByLabel('Родитель (законный представитель), ФИО').fill('Черновикова Ольга Ивановна');
  await awayAndBack(page, `/people/${pupil}`);
  await expect(page.getByLabel('Родитель (законный представитель), ФИО')).toHaveValue(
    'Черновикова Ольга Ивановна',
  );

  // The reason a pair ends.
  await page.goto(`/pair/${pair}`);
  await page.getByLabel('Причина (для завершения раньше срока)').fill('Наставник переходит в другую школу');
  await page.reload();
  await expect(page.getByLabel('Причина (для завершения раньше срока)')).toHaveValue(
    'Наставник переходит в другую школу',
  );

  // A new approval order's number.
  await page.goto('/orders');
  await page.getByLabel('Номер приказа').fill('17-Ч');
  await awayAndBack(page, '/orders');
  await expect(page.getByLabel('Номер приказа')).toHaveValue('17-Ч');
});

test('a mentor’s «нет» to «Подходит ли пара?» keeps its comment until it is sent', async ({ page }) => {
  const [mentor, mentee] = await putRecords([
    { type: 'person', fields: { fullName: 'Сомневающийся Наставник', kind: 'teacher' } },
    { type: 'person', fields: { fullName: 'Сомневающийся Ученик', kind: 'student', minor: false } },
  ]);
  const [pair] = await putRecords([
    {
      type: 'pair',
      fields: { mentorId: mentor, menteeIds: [mentee], form: 'учитель–ученик', status: 'active' },
    },
  ]);
  await putRecords([
    {
      type: 'meeting',
      fields: {
        pairId: pair,
        date: '2026-11-10',
        kind: 'trial',
        durationMin: 40,
        notes: 'Пробная',
        status: 'held',
      },
    },
  ]);
  await enrol(page, await inviteCode(mentor as string, 'mentor'));
  await page.goto(`/pair/${pair}`);
  await page.getByRole('button', { name: 'Нет, не подходит' }).click();
  await page.getByLabel('Что не так? (увидит только куратор)').fill('Разные интересы');
  await page.reload();
  await expect(page.getByLabel('Что не так? (увидит только куратор)')).toHaveValue('Разные интересы');
  await page.getByRole('button', { name: 'Отправить ответ' }).click();
  await expect(page.getByText('Ваш ответ: Нет, не подходит')).toBeVisible();
  await page.reload();
  await expect(page.getByText('Ваш ответ: Нет, не подходит')).toBeVisible();
});

test('a participant added in one tab leaves no draft in another that showed it, to be added twice', async ({
  page,
  context,
}) => {
  const school = await newSchool('Школа двух вкладок');
  await enrol(page, await curatorCode('Куратор Двух Вкладок', school.token));
  await page.goto('/people');
  await page.getByText('Добавить участника').click();
  await page.getByLabel('Фамилия, имя, отчество').fill('Дублев Денис');
  // The second tab opens the form and shows the draft, typing nothing.
  const other = await context.newPage();
  await other.goto('/people');
  await expect(other.getByLabel('Фамилия, имя, отчество')).toHaveValue('Дублев Денис');
  await page.getByRole('button', { name: 'Добавить', exact: true }).click();
  await expect(page.getByTestId('people-list')).toContainText('Дублев Денис');
  for (const tab of [page, other]) {
    await tab.reload();
    await tab.getByText('Добавить участника').click();
    await expect(tab.getByLabel('Фамилия, имя, отчество')).toHaveValue('');
  }
});

test('a new pair’s draft counts only the people still offered: one archived meanwhile is left out', async ({
  page,
}) => {
  const school = await newSchool('Школа архива');
  const [, , leaves] = await putRecords(
    [
      { type: 'person', fields: { fullName: 'Группов Наставник', kind: 'teacher' } },
      { type: 'person', fields: { fullName: 'Остаёва Вера', kind: 'student', minor: false } },
      { type: 'person', fields: { fullName: 'Уходов Пётр', kind: 'student', minor: false } },
    ],
    school.token,
  );
  await enrol(page, await curatorCode('Куратор Архива', school.token));
  await page.goto('/pairs');
  await page.getByText('Новая пара или группа').click();
  await page.getByLabel('Наставник', { exact: true }).selectOption({ label: 'Группов Наставник' });
  await page.getByRole('checkbox', { name: 'Остаёва Вера' }).check();
  await page.getByRole('checkbox', { name: 'Уходов Пётр' }).check();
  // Another curator's device archives one of them; this one syncs and comes back to the form.
  await putRecords([{ type: 'person', id: leaves, fields: { archived: true } }], school.token);
  await syncNow(page);
  await page.goto('/pairs');
  await expect(page.getByRole('checkbox', { name: 'Остаёва Вера' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Уходов Пётр' })).toHaveCount(0);
  // Who is ticked is said under the list, a tick scrolled out of its view included.
  await expect(page.getByTestId('chosen-mentees')).toHaveText('Выбраны: Остаёва Вера');
  await page.getByRole('button', { name: 'Создать пару' }).click();
  const row = page.getByTestId('pairs-table').getByRole('row').filter({ hasText: 'Группов Наставник' });
  await expect(row).toContainText('Остаёва Вера');
  await expect(row).not.toContainText('Уходов');
});

test('«Отменить» for a dropped meeting draft goes once the meeting is saved: it could undo nothing', async ({
  page,
}) => {
  const { mentor, pair } = await seedTask({
    mentor: 'Отменова Нина',
    mentee: 'Тостов Глеб',
    task: 'Прочитать',
  });
  await enrol(page, await inviteCode(mentor, 'mentor'));
  await page.goto(`/pair/${pair}/meeting/new`);
  await page.getByLabel('Заметки о встрече').fill('Старый черновик');
  await page.reload();
  await page.getByRole('button', { name: 'Начать заново' }).click();
  const toast = page.getByTestId('toast');
  await expect(toast).toContainText('Черновик удалён');
  await page.getByLabel('Заметки о встрече').fill('Новая встреча');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page).toHaveURL(new RegExp(`/pair/${pair}$`));
  await expect(toast.getByRole('button', { name: 'Отменить' })).toHaveCount(0);
});
