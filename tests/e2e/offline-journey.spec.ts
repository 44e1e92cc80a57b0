// The walking skeleton's journey: a curator sets up a pair, the mentor records a meeting with no
// network, survives a reload and a browser restart offline, and the meeting reaches the curator.
import { expect, test } from '@playwright/test';
import { curatorCode, newSchool } from './api';
import { enrol, ensureOfflineReady, openPhone, setOffline, syncNow } from './app-page';

test('curator pairs a mentor; the mentor records a meeting offline; it reaches the curator', async ({
  page: curator,
}) => {
  // A school of its own: the shared one's people list, paged, holds every other test's people, and the
  // two added here fell off its first page as those grew.
  const school = await newSchool('Школа пути без сети');
  await enrol(curator, await curatorCode('Куратор Пути Без Сети', school.token));

  // The curator adds a mentor and a mentee, and pairs them.
  await curator.getByRole('link', { name: 'Участники' }).first().click();
  await curator.getByText('Добавить участника').click();
  const addForm = curator.locator('details').filter({ hasText: 'Добавить участника' });
  for (const [name, kind] of [
    ['Иванова Мария Петровна', 'teacher'],
    ['Сидоров Пётр', 'teacher'],
  ] as const) {
    await addForm.getByLabel('Фамилия, имя, отчество').fill(name);
    await addForm.getByLabel('Категория').selectOption(kind);
    await addForm.getByRole('button', { name: 'Добавить', exact: true }).click();
    await expect(curator.getByTestId('people-list')).toContainText(name);
  }
  await curator.getByRole('link', { name: 'Пары', exact: true }).click();
  await curator.getByText('Новая пара или группа').click();
  await curator.getByLabel('Наставник', { exact: true }).selectOption({ label: 'Иванова Мария Петровна' });
  await curator.getByRole('checkbox', { name: 'Сидоров Пётр' }).check();
  await curator.getByRole('button', { name: 'Создать пару' }).click();
  await expect(curator.getByRole('link', { name: /Сидоров Пётр/ })).toBeVisible();
  await syncNow(curator);

  // An invite for the mentor, shown as a code and a QR code.
  await curator.getByRole('link', { name: 'Участники' }).first().click();
  await curator.getByRole('link', { name: 'Иванова Мария Петровна' }).click();
  await curator.getByLabel('Войдёт как').selectOption('mentor');
  await curator.getByRole('button', { name: 'Создать код' }).click();
  const code = (await curator.getByTestId('invite-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(curator.getByRole('img', { name: 'QR-код для входа' })).toBeVisible();

  // The mentor enrols on their phone, in a second browser with a profile on disk.
  let phone = await openPhone();
  await enrol(phone.page, code);
  await expect(phone.page.getByRole('link', { name: /^Сидоров Пётр/ })).toBeVisible();
  await ensureOfflineReady(phone.page);

  // No network: the meeting is recorded all the same.
  await setOffline(phone.context, true);
  const mentor = phone.page;
  await expect(mentor.getByTestId('sync-online')).toHaveText('Нет сети');
  await mentor.getByRole('link', { name: /^Сидоров Пётр/ }).click();
  await mentor.getByRole('link', { name: /Новая встреча/ }).click();
  await mentor.getByLabel('Заметки о встрече').fill('Обсудили цели на четверть');
  await mentor.getByRole('button', { name: 'Сохранить' }).click();
  await expect(mentor.getByTestId('meetings')).toContainText('Обсудили цели на четверть');
  await expect(mentor.getByTestId('sync-waiting')).toHaveText('Ждут отправки: 1');

  // A reload while offline: the app and the meeting are still there.
  await mentor.reload();
  await expect(mentor.getByTestId('meetings')).toContainText('Обсудили цели на четверть');
  await expect(mentor.getByTestId('sync-waiting')).toHaveText('Ждут отправки: 1');

  // The browser is killed and started again, still offline.
  await phone.context.close();
  phone = await openPhone(phone.profileDir);
  await setOffline(phone.context, true);
  await phone.page.goto('/');
  await expect(phone.page.getByTestId('sync-waiting')).toHaveText('Ждут отправки: 1');
  await phone.page.getByRole('link', { name: /^Сидоров Пётр/ }).click();
  await expect(phone.page.getByTestId('meetings')).toContainText('Обсудили цели на четверть');

  // Back online: sync, and the curator sees the meeting.
  await setOffline(phone.context, false);
  await syncNow(phone.page);
  await expect(phone.page.getByTestId('sync-waiting')).toHaveText('Всё отправлено');
  await phone.context.close();

  await syncNow(curator);
  await curator.getByRole('link', { name: 'Пары', exact: true }).click();
  await curator.getByRole('link', { name: /Сидоров Пётр/ }).click();
  await expect(curator.getByTestId('meetings')).toContainText('Обсудили цели на четверть');
});
