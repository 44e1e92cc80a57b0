// Storage: the settings screen says whether data is protected from eviction; a full disk is reported
// as such and never as «Сохранено».
import { expect, test } from '@playwright/test';
import { curatorCode, putRecords } from './api';
import { BASE_URL, enrol, openPhone, stored } from './app-page';

test('a full disk is reported, never a false «сохранено», and the draft survives', async () => {
  // A profile on disk: the quota applies to real storage, not to an incognito context's memory.
  let phone = await openPhone();
  let page = phone.page;
  await enrol(page, await curatorCode());
  const [mentor, mentee] = await putRecords([
    { type: 'person', fields: { fullName: 'Лебедева Ольга', kind: 'teacher' } },
    { type: 'person', fields: { fullName: 'Новиков Антон', kind: 'teacher' } },
  ]);
  const [pair] = await putRecords([
    {
      type: 'pair',
      fields: { mentorId: mentor, menteeIds: [mentee], form: 'учитель–учитель', status: 'active' },
    },
  ]);

  await page.getByRole('link', { name: 'Настройки' }).click();
  await expect(page.getByTestId('persistence')).toHaveText(/данные/);

  await page.goto(`/pair/${pair}/meeting/new`);
  await page.getByLabel('Заметки о встрече').fill('Запись, для которой нет места');
  await expect
    .poll(async () => (await stored(page, 'drafts', `meeting:new:${pair}`))?.value?.notes)
    .toBe('Запись, для которой нет места');
  // The disk fills up; the app is opened again and the draft comes back.
  phone = await restart(phone, `/pair/${pair}/meeting/new`, 1);
  page = phone.page;
  await expect(page.getByText('Восстановлен несохранённый черновик.')).toBeVisible();
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'закончилось место' })).toBeVisible();
  await expect(page.getByText('Сохранено', { exact: true })).toHaveCount(0);
  await page.goto(`/pair/${pair}`);
  await expect(page.getByText('Встреч пока нет.')).toBeVisible();

  // Space is freed: the same draft saves.
  phone = await restart(phone, `/pair/${pair}/meeting/new`, null);
  page = phone.page;
  await expect(page.getByLabel('Заметки о встрече')).toHaveValue(/^Запись, для которой нет места/);
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByTestId('meetings')).toContainText('Запись, для которой нет места');
  await phone.context.close();
});

/**
 * Closes the browser and opens the app again on the same profile, with the disk's quota set before the
 * database opens (`null`: no limit): a closed browser has certainly let go of the database.
 */
async function restart(phone: Awaited<ReturnType<typeof openPhone>>, path: string, quota: number | null) {
  await phone.context.close();
  const again = await openPhone(phone.profileDir);
  if (quota !== null) {
    const cdp = await again.context.newCDPSession(again.page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: BASE_URL, quotaSize: quota });
  }
  await again.page.goto(path);
  return again;
}
