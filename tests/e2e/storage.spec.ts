// Storage: the settings screen says whether data is protected from eviction; a full disk is reported
// as such and never as «Сохранено».
import { expect, type Page, test } from '@playwright/test';
import { curatorCode, putRecords } from './api';
import { BASE_URL, enrol, openPhone } from './app-page';

test('a full disk is reported, never a false «сохранено», and the draft survives', async () => {
  // A profile on disk: the quota applies to real storage, not to an incognito context's memory.
  const { context, page } = await openPhone();
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
  // The disk fills up; the tab is reopened and the draft comes back.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: BASE_URL, quotaSize: 1 });
  await reopen(page, `/pair/${pair}/meeting/new`);
  await expect(page.getByText('Восстановлен несохранённый черновик.')).toBeVisible();
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'закончилось место' })).toBeVisible();
  await expect(page.getByText('Сохранено', { exact: true })).toHaveCount(0);
  await page.goto(`/pair/${pair}`);
  await expect(page.getByText('Встреч пока нет.')).toBeVisible();

  // Space is freed: the same draft saves.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: BASE_URL });
  await reopen(page, `/pair/${pair}/meeting/new`);
  await expect(page.getByLabel('Заметки о встрече')).toHaveValue(/^Запись, для которой нет места/);
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByTestId('meetings')).toContainText('Запись, для которой нет места');
  await context.close();
});

/** Leaves the app long enough for Chromium to close the database, so a new quota applies on return. */
async function reopen(page: Page, path: string) {
  await page.goto('about:blank');
  await page.waitForTimeout(4000);
  await page.goto(path);
}
