// iPhone: the app on the Home Screen keeps its own storage, apart from Safari. The enrolment screen in a
// Safari tab asks to add the app to the Home Screen first, before the one-time code is spent; a spent
// code says what to do next; the curator gives a new code with one tap.
import { expect, test } from '@playwright/test';
import { curatorCode, putRecords } from './api';
import { enrol } from './app-page';

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

test('an iPhone is sent to the Home Screen before spending its code; a spent code leads to a new one', async ({
  page: curator,
  browser,
}) => {
  const [student] = await putRecords([
    { type: 'person', fields: { fullName: 'Тихонова Дарья', kind: 'student', minor: false } },
  ]);
  await enrol(curator, await curatorCode());
  await curator.goto(`/people/${student}`);
  // One tap: the role is already the likely one.
  await expect(curator.getByLabel('Войдёт как')).toHaveValue('mentee');
  await curator.getByRole('button', { name: 'Создать код' }).click();
  const code = (await curator.getByTestId('invite-code').textContent())?.trim() ?? '';

  // The QR code opens Safari on the iPhone.
  const iphone = await browser.newContext({ userAgent: IPHONE_SAFARI, hasTouch: true, isMobile: true });
  const safari = await iphone.newPage();
  await safari.goto(`/?code=${encodeURIComponent(code)}`);
  const hint = safari.getByTestId('ios-install');
  await expect(hint).toContainText('Сначала добавьте приложение на экран «Домой»');
  await expect(hint).toContainText(code);
  await expect(safari.getByRole('button', { name: 'Войти', exact: true })).toBeHidden();

  // Opened from the Home Screen, the app asks for the code and signs in.
  await iphone.addInitScript(() => Object.defineProperty(navigator, 'standalone', { value: true }));
  const app = await iphone.newPage();
  await app.goto('/');
  await expect(app.getByTestId('ios-install')).toHaveCount(0);
  await app.getByLabel('Код приглашения').fill(code);
  await app.getByRole('button', { name: 'Войти' }).click();
  await expect(app.getByRole('heading', { level: 1 })).toContainText('Здравствуйте');

  // The same code again, on another phone: it says what to do next.
  const other = await browser.newPage();
  await other.goto('/');
  await other.getByLabel('Код приглашения').fill(code);
  await other.getByRole('button', { name: 'Войти' }).click();
  await expect(other.getByRole('alert')).toContainText('попросите у куратора новый');

  // The curator gives her a new code with one tap; it works.
  await curator.getByRole('button', { name: 'Создать код' }).click();
  await expect(curator.getByTestId('invite-code')).not.toHaveText(code);
  const fresh = (await curator.getByTestId('invite-code').textContent())?.trim() ?? '';
  await other.getByLabel('Код приглашения').fill(fresh);
  await other.getByRole('button', { name: 'Войти' }).click();
  await expect(other.getByRole('heading', { level: 1 })).toContainText('Здравствуйте, Дарья');
  await other.close();
  await iphone.close();
});
