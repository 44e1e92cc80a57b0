// Enrolling with no network: «Для входа нужна сеть» said once, and the code, which may well be right, not
// marked as wrong; the same code works once the network is back.
import { expect, test } from '@playwright/test';
import { inviteCode, putRecords } from './api';
import { setOffline } from './app-page';

test('a code tried offline is not called wrong, the network is named once, and the code then works', async ({
  page,
  context,
}) => {
  const [mentorId] = await putRecords([
    { type: 'person', fields: { fullName: 'Беспроводная Ольга Ивановна', kind: 'teacher' } },
  ]);
  const code = await inviteCode(mentorId as string, 'mentor');
  await page.goto('/');
  const field = page.getByLabel('Код приглашения');
  await field.fill(code);
  const offline = page.getByText(/Для входа нужна сеть/);

  // The device knows it is offline: one notice before the tap and after it.
  await setOffline(context, true);
  await expect(offline).toHaveCount(1);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('button', { name: 'Войти' })).toBeEnabled();
  await expect(offline).toHaveCount(1);
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');

  // The device thinks it is online but the request gets no answer: the same, once.
  await setOffline(context, false);
  await page.route('**/api/v1/enrol', (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(offline).toHaveCount(1);
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');

  // Back online, the same code signs in.
  await page.unroute('**/api/v1/enrol');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Здравствуйте');
});

test('a wrong code is still marked on its field, and said once', async ({ page }) => {
  await page.goto('/');
  const field = page.getByLabel('Код приглашения');
  await field.fill('NOT-A-CODE');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/Для входа нужна сеть/)).toHaveCount(0);
});

test('the device is named as what it is: a computer with a mouse, a phone with a touch screen', async ({
  page,
  browser,
}) => {
  await page.goto('/');
  await expect(page.getByLabel('Название устройства')).toHaveValue('Мой компьютер');
  const phone = await browser.newContext({
    hasTouch: true,
    isMobile: true,
    viewport: { width: 360, height: 740 },
  });
  const phonePage = await phone.newPage();
  await phonePage.goto(page.url());
  await expect(phonePage.getByLabel('Название устройства')).toHaveValue('Мой телефон');
  await phone.close();
});
