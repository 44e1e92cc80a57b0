// Numbers and years as a curator types them: «1 250» pupils, «2026/2027», «70 %» are taken; what the
// field cannot take is said under it, never dropped in silence. (Found by a walk-through: «1 250» typed
// key by key stored 1 pupil — «1» alone was valid, every keystroke after it refused without a word —
// and the dashboard showed 100 % coverage.)
import { expect, test } from '@playwright/test';
import { PROGRAMME_ID } from '../../src/domain/record-type-names';
import { curatorCode, newSchool } from './api';
import { enrol, stored } from './app-page';

test('the programme takes counts grouped by spaces and years written with a slash, and says what it cannot take', async ({
  page,
}) => {
  const school = await newSchool('Школа с пробелами в числах');
  await enrol(page, await curatorCode('Числова Анна Петровна', school.token));
  await page.getByRole('link', { name: 'Программа', exact: true }).click();

  await page.getByLabel('Всего обучающихся в школе').pressSequentially('1 250');
  await page.getByLabel('Учебный год').fill('');
  await page.getByLabel('Учебный год').pressSequentially('2026/2027');
  await page.getByLabel('Целевой охват, %').fill('75 %');
  await expect
    .poll(async () => (await stored(page, 'programme', PROGRAMME_ID))?.fields)
    .toMatchObject({ studentsTotal: 1250, schoolYear: '2026-2027', targetShare: 75 });
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.getByLabel('Всего педагогов в школе').fill('около 90');
  await expect(page.getByRole('alert')).toContainText('здесь нужно число, например 1 250');
});

test('a standard form typed with a keyboard hyphen is stored under its name, and the field does not call it someone else’s text', async ({
  page,
}) => {
  const school = await newSchool('Школа с дефисами');
  await enrol(page, await curatorCode('Дефисова Анна Петровна', school.token));
  await page.getByRole('link', { name: 'Программа', exact: true }).click();
  const forms = page.getByLabel('Формы наставничества, по одной в строке');
  await forms.fill('учитель-ученик\nученик-ученик\nпедагог-наставник молодого специалиста');
  // Still in the field, as a user typing on would be: the echo of the save comes back meanwhile.
  await expect
    .poll(async () => (await stored(page, 'programme', PROGRAMME_ID))?.fields?.forms)
    .toEqual(['учитель–ученик', 'ученик–ученик', 'педагог-наставник молодого специалиста']);
  await forms.press('End');
  await expect(page.getByTestId('changed-meanwhile')).toHaveCount(0);
  await forms.blur();
  await page.reload();
  await expect(forms).toHaveValue('учитель–ученик\nученик–ученик\nпедагог-наставник молодого специалиста');
});
