// A new version of the app: a quiet banner offers it; accepting reloads; a tab with input open is
// never reloaded under the user's fingers.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { E2E_PORT, e2eStaticDir } from '../../playwright.config';
import { curatorCode, newSchool, putRecords } from './api';
import { enrol, ensureOfflineReady, holdStore, stored } from './app-page';

// The service worker of the app files this worker's server serves (playwright.config.ts).
const SW = `${e2eStaticDir(E2E_PORT)}/sw.js`;
let original = '';

test.beforeAll(() => {
  original = readFileSync(SW, 'utf8');
});
test.afterAll(() => {
  writeFileSync(SW, original);
});

test('a waiting update is offered, and a tab with input open is not reloaded', async ({ context, page }) => {
  await enrol(page, await curatorCode());
  const [mentor, mentee] = await putRecords([
    { type: 'person', fields: { fullName: 'Орлова Ирина', kind: 'teacher' } },
    { type: 'person', fields: { fullName: 'Зайцев Олег', kind: 'teacher' } },
  ]);
  const [pair] = await putRecords([
    {
      type: 'pair',
      fields: { mentorId: mentor, menteeIds: [mentee], form: 'учитель–учитель', status: 'active' },
    },
  ]);
  await ensureOfflineReady(page);

  // A second tab where the user is typing meeting notes.
  const typing = await context.newPage();
  await typing.goto(`/pair/${pair}/meeting/new`);
  await typing.getByLabel('Заметки о встрече').fill('Текст, который нельзя терять');
  await typing.evaluate(() => {
    (window as unknown as { marker: number }).marker = 1;
  });

  // A new version is deployed; the first tab checks when it becomes visible again.
  appendFileSync(SW, `\n// new build ${Date.now()}\n`);
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect(page.getByTestId('update-banner')).toBeVisible();
  await expect(page.getByTestId('update-banner')).toContainText('Доступна новая версия');

  await page.getByRole('button', { name: 'Обновить' }).click();
  await expect(page.getByTestId('update-banner')).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Здравствуйте');

  // The typing tab got the new worker too, but kept its page and its text, and says a reload waits.
  await expect(typing.getByTestId('update-banner')).toBeVisible();
  expect(await typing.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  await expect(typing.getByLabel('Заметки о встрече')).toHaveValue('Текст, который нельзя терять');
});

test('a tab where a person’s card is being typed into is not reloaded by an update, and loses no letter', async ({
  context,
  page,
}) => {
  const school = await newSchool('Школа обновления');
  await enrol(page, await curatorCode('Куратор Обновлений', school.token));
  const [person] = await putRecords(
    [{ type: 'person', fields: { fullName: 'Полев Живой', kind: 'teacher' } }],
    school.token,
  );
  await ensureOfflineReady(page);

  // A second tab where the curator types into the card: each letter is saved as it comes, the last
  // ones on a slow disk.
  const typing = await context.newPage();
  await typing.goto(`/people/${person}`);
  const needs = typing.getByLabel('Запрос и потребности');
  await needs.fill('Хочет вести кружок');
  await expect
    .poll(async () => (await stored(typing, 'person', person as string))?.fields?.needs)
    .toBe('Хочет вести кружок');
  const disk = await holdStore(context, 'person');
  await needs.pressSequentially(' по робототехнике', { delay: 10 });
  await typing.evaluate(() => {
    (window as unknown as { marker: number }).marker = 1;
  });

  // A new version is taken in the first tab meanwhile.
  appendFileSync(SW, `\n// new build ${Date.now()}\n`);
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await page.getByRole('button', { name: 'Обновить' }).click();

  // The typing tab keeps its page, and says a reload waits; taken once the disk caught up, it loses nothing.
  await expect(typing.getByTestId('update-banner')).toBeVisible();
  expect(await typing.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  await expect(needs).toHaveValue('Хочет вести кружок по робототехнике');
  const reloaded = typing.waitForEvent('framenavigated');
  await typing.getByTestId('update-banner').getByRole('button', { name: 'Обновить' }).click();
  await disk.release();
  await reloaded;
  await expect(typing.getByLabel('Запрос и потребности')).toHaveValue('Хочет вести кружок по робототехнике');
});
