// Russian by default, English on request: every string and date changes, and the choice is remembered.
import { expect, test } from '@playwright/test';
import { curatorCode, putRecords } from './api';
import { enrol } from './app-page';

test('the interface switches to English and back, dates included', async ({ page }) => {
  await enrol(page, await curatorCode('Языков Лингвист'));
  const [mentor, mentee] = await putRecords([
    { type: 'person', fields: { fullName: 'Ward Anna', kind: 'teacher' } },
    { type: 'person', fields: { fullName: 'Lane Boris', kind: 'teacher' } },
  ]);
  const [pair] = await putRecords([
    {
      type: 'pair',
      fields: { mentorId: mentor, menteeIds: [mentee], form: 'учитель–учитель', status: 'active' },
    },
  ]);
  await putRecords([
    {
      type: 'meeting',
      fields: {
        pairId: pair,
        date: '2026-11-20',
        kind: 'regular',
        durationMin: 30,
        notes: 'Notes',
        status: 'held',
      },
    },
  ]);
  await page.goto('/sync');
  await page.getByTestId('sync-now').click();
  await expect(page.getByText('Синхронизация завершена')).toBeVisible();

  await page.goto(`/pair/${pair}`);
  await expect(page.getByTestId('meetings')).toContainText('20 ноября 2026 · Регулярная');
  await page.getByRole('link', { name: 'Настройки' }).click();
  await page.getByLabel('Язык').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(page.getByRole('navigation')).toContainText('Home');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.goto(`/pair/${pair}`);
  await expect(page.getByTestId('meetings')).toContainText('20 November 2026 · Regular');
  // Built-in values are shown in English too (the records keep the Russian words): the form of mentoring
  // on the pair page, in the pairs table and in the figures' filter.
  await expect(page.locator('main')).toContainText('teacher–teacher');
  await expect(page.locator('main')).not.toContainText(/[а-яё]/i);
  await page.goto('/pairs');
  await expect(
    page.getByRole('row', { name: /Lane Boris/ }).getByRole('cell', { name: 'teacher–teacher' }),
  ).toBeVisible();
  await page.goto('/monitoring');
  await expect(
    page.getByLabel('Form of mentoring').locator('option', { hasText: 'teacher–teacher' }),
  ).toHaveCount(1);
  // The built-in questionnaires too: titles, questions and answers (a school's own are shown as typed).
  await page.goto('/forms');
  await expect(page.getByTestId('templates')).not.toContainText('Промежуточная обратная связь');
  await page.getByRole('link', { name: 'Interim feedback' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Interim feedback');
  await expect(page.getByRole('heading', { name: 'Are there enough meetings?' })).toBeVisible();
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Language').selectOption('ru');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Настройки');
});
