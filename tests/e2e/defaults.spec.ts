// A new school's settings typed quickly on a slow PC: every field stays, after a reload and on the
// server, and the defaults of the new record never overwrite what another curator entered before.
import { expect, test } from '@playwright/test';
import { PROGRAMME_ID } from '../../src/domain/record-type-names';
import { api, curatorCode, newSchool, putRecords } from './api';
import { enrol, stored, syncNow } from './app-page';

test('settings typed fast into a new programme on a 6× slower CPU survive a reload and reach the server', async ({
  page,
  context,
}) => {
  // A new school of its own; another curator's PC already told the server how many teachers it has.
  const school = await newSchool('Школа быстрого ввода');
  await putRecords(
    [{ type: 'programme', id: PROGRAMME_ID, fields: { schoolYear: '2026-2027', teachersTotal: 77 } }],
    school.token,
  );
  // This PC has not received the programme yet: it makes the record itself on the first keystroke.
  await context.route('**/api/v*/sync', (route) => route.abort());
  await enrol(page, await curatorCode('Быстрова Вера Олеговна', school.token));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });

  await page.getByRole('link', { name: 'Программа', exact: true }).click();
  const typed = {
    'Название образовательной организации': 'МБОУ «Средняя школа № 14»',
    'Директор (для приказов)': 'Соколова Марина Игоревна',
    'Всего обучающихся в школе': '1240',
  };
  for (const [label, text] of Object.entries(typed))
    await page.getByLabel(label).pressSequentially(text, { delay: 15 });
  await page.getByRole('link', { name: 'Дорожная карта', exact: true }).click();
  const responsible = page.getByLabel('Ответственные').first();
  await responsible.fill('');
  await responsible.pressSequentially('Петров И. И.', { delay: 15 });

  // What is stored on the device: every field typed, and the defaults for the rest.
  const expected = {
    schoolName: 'МБОУ «Средняя школа № 14»',
    directorName: 'Соколова Марина Игоревна',
    studentsTotal: 1240,
    targetShare: 70,
  };
  await expect
    .poll(async () => (await stored(page, 'programme', PROGRAMME_ID))?.fields)
    .toMatchObject(expected);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

  await page.reload();
  await expect(page.getByLabel('Ответственные').first()).toHaveValue('Петров И. И.');
  await page.getByRole('link', { name: 'Программа', exact: true }).click();
  for (const [label, text] of Object.entries(typed)) await expect(page.getByLabel(label)).toHaveValue(text);

  // Online again: the server keeps what was typed here and what the other curator entered.
  await context.unroute('**/api/v*/sync');
  await syncNow(page);
  const backup = (await api('/api/v1/export', undefined, school.token)) as {
    records: { id: string; fields: Record<string, unknown> }[];
  };
  const programme = backup.records.find((r) => r.id === PROGRAMME_ID);
  expect(programme?.fields).toMatchObject({ ...expected, teachersTotal: 77 });
  await page.getByRole('link', { name: 'Программа', exact: true }).click();
  await expect(page.getByLabel('Всего педагогов в школе')).toHaveValue('77');
});
