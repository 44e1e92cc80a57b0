// The shell's security headers leave the app whole (service worker, QR codes, bars drawn with style
// widths), and a person the curator archives is told on their phone why their access ended.
import { expect, test } from '@playwright/test';
import { curatorCode, inviteCode, putRecords } from './api';
import { enrol, ensureOfflineReady, syncNow } from './app-page';

test('the app runs under its Content Security Policy: nothing is refused, the service worker and QR codes work', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`Refused to load: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const response = await page.goto('/');
  const headers = response?.headers() ?? {};
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");

  await enrol(page, await curatorCode('Куратор Проверкин'));
  await ensureOfflineReady(page);
  const [personId] = await putRecords([
    { type: 'person', fields: { fullName: 'Щитова Анна', kind: 'teacher' } },
  ]);
  await syncNow(page);
  await page.goto(`/people/${personId}`);
  await page.getByLabel('Войдёт как').selectOption('mentor');
  await page.getByRole('button', { name: 'Создать код' }).click();
  await expect(page.getByRole('img', { name: 'QR-код для входа' }).locator('svg')).toBeVisible();
  await page.getByRole('link', { name: 'Главная' }).first().click();
  expect(violations).toEqual([]);
});

test('a mentor the curator archives is told on their phone that their access ended', async ({ page }) => {
  const [mentorId, menteeId] = await putRecords([
    { type: 'person', fields: { fullName: 'Уходящий Наставник', kind: 'teacher' } },
    { type: 'person', fields: { fullName: 'Остающийся Ученик', kind: 'teacher' } },
  ]);
  await putRecords([
    {
      type: 'pair',
      fields: { mentorId, menteeIds: [menteeId], form: 'учитель–учитель', status: 'active' },
    },
  ]);
  await enrol(page, await inviteCode(mentorId as string, 'mentor'));
  await expect(page.getByRole('link', { name: /^Остающийся Ученик/ })).toBeVisible();

  await putRecords([{ id: mentorId, type: 'person', fields: { archived: true } }]);
  await page.getByRole('link', { name: 'Синхронизация', exact: true }).click();
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-blocked')).toHaveText('Доступ закрыт: вы в архиве программы');
  await expect(page.getByText(/перевёл вас в архив программы/)).toBeVisible();
  await page.getByRole('link', { name: 'Главная' }).first().click();
  await expect(page.getByRole('link', { name: /^Остающийся Ученик/ })).toHaveCount(0);
});
