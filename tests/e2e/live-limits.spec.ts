// Every text field says its limit, and the over-long text is said under its own field: a consent's
// scope (a form), a task's title (a field that saves as the user types, whose unsaved text survives a
// reload and is dropped once a save lands).
import { expect, test } from '@playwright/test';
import { api, curatorCode, inviteCode, putRecords, seedTask } from './api';
import { enrol, ensureOfflineReady, openPhone, setOffline, syncNow } from './app-page';

type Rec = { id: string; type: string; fields: Record<string, unknown> };

test('a consent’s scope counts near its limit and is refused under its own field, not the signer’s', async ({
  page,
}) => {
  const [pupil] = await putRecords([
    { type: 'person', fields: { fullName: `Согласнов Иван ${Date.now()}`, kind: 'teacher' } },
  ]);
  await enrol(page, await curatorCode('Кураторова Вера Петровна'));
  await page.goto(`/people/${pupil}`);
  await page.getByText('Отметить полученное согласие').click();
  const scope = page.getByLabel('Объём согласия');
  const long = 'обработка персональных данных для целей программы наставничества; '.repeat(20).slice(0, 1200);
  await scope.fill(long.slice(0, 950));
  await expect(page.getByText('950 из 1000 знаков')).toBeVisible();
  await scope.fill(long);
  await page.getByRole('button', { name: 'Сохранить согласие' }).click();
  await expect(scope).toBeFocused();
  await expect(scope).toHaveAttribute('aria-invalid', 'true');
  await expect(scope).toHaveValue(long);
  await expect(page.getByLabel('Кто подписал')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('consents').getByRole('listitem')).toHaveCount(0);
  await scope.fill(long.slice(0, 900));
  await page.getByRole('button', { name: 'Сохранить согласие' }).click();
  await expect(page.getByTestId('consents').getByRole('listitem')).toHaveCount(1);
});

test('a task title pasted too long offline counts, is said, survives a reload and is saved once it fits', async () => {
  const { mentor, mentee, pair, task } = await seedTask({
    mentor: 'Лимитова Ольга Петровна',
    mentee: 'Вставкин Пётр',
    task: 'Подготовиться',
  });
  const phone = await openPhone();
  const { page } = phone;
  await enrol(page, await inviteCode(mentor as string, 'mentor'));
  await ensureOfflineReady(page);
  await page.goto(`/pair/${pair}/plan/${mentee}`);
  await expect(page.getByTestId('task')).toContainText('Подготовиться');
  await setOffline(phone.context, true);

  await page.getByText('Подробнее').click();
  const long = 'Подготовить развёрнутый план подготовки к олимпиаде. '.repeat(7).slice(0, 350);
  const title = page.getByLabel('Формулировка задачи');
  await title.fill(long.slice(0, 290));
  await expect(page.getByText('290 из 300 знаков')).toBeVisible();
  await title.fill(long);
  await expect(title).toHaveValue(long);
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(
    page.getByRole('alert').filter({ hasText: '350 знаков, а можно не больше 300' }),
  ).toBeVisible();

  // Left and reloaded: what was typed comes back into the field, with a word that it is not saved.
  await page.reload();
  await page.getByText('Подробнее').click();
  await expect(title).toHaveValue(long);
  await expect(page.getByTestId('unsaved-restored')).toBeVisible();

  // Shortened to fit, it saves; the kept text is dropped, so a reload shows the saved title alone.
  const fitting = long.slice(0, 280).trim();
  await title.fill(fitting);
  await expect(page.getByTestId('unsaved-restored')).toHaveCount(0);
  await title.blur();
  await page.reload();
  await page.getByText('Подробнее').click();
  await expect(title).toHaveValue(fitting);
  await expect(page.getByTestId('unsaved-restored')).toHaveCount(0);
  await setOffline(phone.context, false);
  await syncNow(page);
  const { records } = (await api('/api/v1/export')) as { records: Rec[] };
  expect(records.find((r) => r.id === task)?.fields.title).toBe(fitting);
  await phone.context.close();
});

test('a kept text over a title the curator changed since comes back with the newer title shown, and saving it keeps the curator’s as a copy', async () => {
  const { mentor, mentee, pair, task } = await seedTask({
    mentor: 'Хранитель Ольга Петровна',
    mentee: 'Позднев Пётр',
    task: 'Подготовиться',
  });
  const phone = await openPhone();
  const { page } = phone;
  await enrol(page, await inviteCode(mentor as string, 'mentor'));
  await page.goto(`/pair/${pair}/plan/${mentee}`);
  await page.getByText('Подробнее').click();
  const title = page.getByLabel('Формулировка задачи');
  const long = 'Решить задачи из сборника к олимпиаде по алгебре. '.repeat(8).slice(0, 320);
  await title.fill(long);
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  // The curator renames the task meanwhile; the phone syncs it.
  const curatorTitle = 'Решить 12 задач к пятнице';
  await putRecords([{ type: 'task', id: task as string, fields: { title: curatorTitle } }]);
  await syncNow(page);
  await page.goto(`/pair/${pair}/plan/${mentee}`);
  await page.getByText('Подробнее').click();
  await expect(title).toHaveValue(long);
  await expect(page.getByTestId('changed-meanwhile')).toContainText(curatorTitle);
  const mine = long.slice(0, 250).trim();
  await title.fill(mine);
  await title.blur();
  await syncNow(page);
  const { records } = (await api('/api/v1/export')) as { records: Rec[] };
  expect(records.find((r) => r.id === task)?.fields.title).toBe(mine);
  expect(
    records.some(
      (r) => r.type === 'conflict' && r.fields.recordId === task && r.fields.text === curatorTitle,
    ),
  ).toBe(true);
  await phone.context.close();
});
