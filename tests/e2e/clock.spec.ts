// A PC whose date was set two days ahead: what it writes still reaches the school, and once the date is
// put right it goes on working — no change is refused for the clock, none has to be discarded.
import { expect, type Page, test } from '@playwright/test';
import { api, curatorCode } from './api';
import { enrol, syncNow } from './app-page';

const DAY = 24 * 60 * 60 * 1000;

/** The device's clock, as the page sees it: `Date` shifted by an offset kept in localStorage. */
async function setDeviceClock(page: Page, offsetMs: number) {
  await page.evaluate((offset) => localStorage.setItem('e2e.clockOffsetMs', String(offset)), offsetMs);
  await page.reload();
}

async function addPerson(page: Page, fullName: string) {
  await page.getByRole('link', { name: 'Участники' }).first().click();
  await page.getByText('Добавить участника').click();
  const form = page.locator('details').filter({ hasText: 'Добавить участника' });
  await form.getByLabel('Фамилия, имя, отчество').fill(fullName);
  // Teachers: adults, so that other tests on this server, which count minors, are not disturbed.
  await form.getByLabel('Категория').selectOption('teacher');
  await form.getByRole('button', { name: 'Добавить', exact: true }).click();
  await expect(page.getByTestId('people-list')).toContainText(fullName);
}

async function onServer(fullName: string): Promise<boolean> {
  const { records } = (await api('/api/v1/export')) as { records: { fields: Record<string, unknown> }[] };
  return records.some((r) => r.fields.fullName === fullName);
}

test('a clock two days ahead, then put right: every change reaches the server, none is refused', async ({
  page,
  context,
}) => {
  await context.addInitScript(() => {
    let offset = 0;
    try {
      offset = Number(localStorage.getItem('e2e.clockOffsetMs') ?? 0);
    } catch {
      return; // a page without storage (about:blank)
    }
    if (!offset) return;
    const RealDate = Date;
    class DeviceDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(RealDate.now() + offset);
        else super(...(args as [number]));
      }
      static override now() {
        return RealDate.now() + offset;
      }
    }
    globalThis.Date = DeviceDate as DateConstructor;
  });
  await page.goto('/');
  await setDeviceClock(page, 2 * DAY);
  await enrol(page, await curatorCode('Часова Анна Петровна'));
  expect(await page.evaluate(() => Date.now() - performance.timeOrigin - performance.now())).toBeGreaterThan(
    DAY,
  );

  await addPerson(page, 'Записан при неверной дате');
  await syncNow(page);
  await expect(page.getByTestId('sync-waiting')).toHaveText('Всё отправлено');
  await expect(page.getByTestId('sync-rejected')).toHaveCount(0);
  await expect(page.getByText('Все изменения приняты.')).toBeVisible();
  expect(await onServer('Записан при неверной дате')).toBe(true);

  // The user puts the date right and goes on: a new participant, and the first one renamed.
  await setDeviceClock(page, 0);
  await addPerson(page, 'Записан после исправления');
  await page.getByRole('link', { name: 'Записан при неверной дате' }).click();
  // The person's page, not the list's form to add someone (its field has the same label), as a user sees it.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Записан при неверной дате');
  const name = page.getByLabel('Фамилия, имя, отчество');
  await name.fill('Переименован после исправления');
  // The page's title follows the stored record: the rename is saved (and queued) before the sync starts.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Переименован после исправления');
  await syncNow(page);
  await expect(page.getByTestId('sync-waiting')).toHaveText('Всё отправлено');
  await expect(page.getByTestId('sync-rejected')).toHaveCount(0);
  await expect(page.getByText('Все изменения приняты.')).toBeVisible();
  expect(await onServer('Записан после исправления')).toBe(true);
  expect(await onServer('Переименован после исправления')).toBe(true);
});
