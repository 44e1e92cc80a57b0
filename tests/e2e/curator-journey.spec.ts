// The curator in the staff room, at desktop size: import a class, record consents, form ten pairs from
// suggestions, issue and print the approval order (and its .docx), and see a mentor's meeting on the
// dashboard.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { api, curatorCode, inviteCode, putRecords } from './api';
import { enrol, openPhone, syncNow } from './app-page';

test.use({ viewport: { width: 1280, height: 800 } });

const letter = (i: number) => String.fromCharCode(1040 + i);
const STUDENTS = Array.from({ length: 29 }, (_, i) => `Ученик${letter(i)} Тестов${letter(28 - i)}`);

test('import a class, record consents, form ten pairs, print the order, watch the dashboard', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await enrol(page, await curatorCode('Куратор Учительской'));
  // Ten teachers ready to mentor.
  await putRecords(
    Array.from({ length: 10 }, (_, i) => ({
      type: 'person',
      fields: {
        fullName: `Наставник${String.fromCharCode(1040 + i)} Педагог`,
        kind: 'teacher',
        classOrSubject: 'Математика',
      },
    })),
  );

  // A class list of 30 rows, one of them broken.
  const dir = mkdtempSync(join(tmpdir(), 'nastavnik-import-'));
  const rows = STUDENTS.map((name) => `${name};8Б;ученик`);
  rows.splice(14, 0, ';8Б;ученик');
  const csv = join(dir, '8Б.csv');
  writeFileSync(csv, `ФИО;Класс;Категория\n${rows.join('\n')}\n`);
  await page.getByRole('link', { name: 'Участники', exact: true }).first().click();
  await page.getByRole('link', { name: 'Импорт списка класса' }).click();
  await page.getByLabel('Файл со списком').setInputFiles(csv);
  await expect(page.getByTestId('import-summary')).toHaveText(
    'Готово к импорту: 29. Строк с ошибками: 1. Уже есть в базе: 0.',
  );
  await expect(page.getByTestId('import-errors')).toHaveText('Строка 16: не указано ФИО');
  await page.getByRole('button', { name: 'Импортировать: 29' }).click();
  await expect(page.getByText('Импортировано участников: 29.')).toBeVisible();

  // The students are minors: no pairing until a parent's consent is recorded.
  await page.goto('/pairs');
  await expect(page.getByText(/Без согласия родителей, в пару включить нельзя: 29/)).toBeVisible();
  const paired = STUDENTS.slice(0, 10);
  for (const name of paired) {
    await page.goto('/people');
    await page.getByLabel('Поиск по ФИО').fill(name);
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByText('Отметить полученное согласие').click();
    await page.getByLabel('Родитель (законный представитель), ФИО').fill(`Родитель ${name}`);
    await page.getByRole('button', { name: 'Сохранить согласие' }).click();
    await expect(page.getByTestId('consents')).toContainText(`Родитель ${name}`);
  }

  // Ten pairs, each from the top suggestion.
  await page.goto('/pairs');
  await expect(page.getByRole('heading', { name: 'Наставляемые без пары: 10' })).toBeVisible();
  for (let i = 0; i < 10; i++) {
    const card = page.getByTestId('unpaired').getByRole('listitem').first();
    await card.getByRole('button', { name: 'Подобрать наставника' }).click();
    await card.getByTestId('suggestions').getByRole('button').first().click();
    await expect(page.getByRole('heading', { name: `Наставляемые без пары: ${9 - i}` })).toBeVisible();
  }
  // Other tests share this server: count the rows of this class's students.
  await expect(page.getByTestId('pairs-table').getByRole('row').filter({ hasText: 'Тестов' })).toHaveCount(
    10,
  );

  // The approval order: all ten proposed pairs, printed and as a Word document.
  await page.getByRole('link', { name: 'Приказы' }).click();
  await page.getByLabel('Номер приказа').fill('57-о');
  await page.getByRole('button', { name: 'Издать приказ (10 пар)' }).click();
  const order = page.getByTestId('order-document');
  await expect(order.getByRole('row')).toHaveCount(11);
  for (const name of paired) await expect(order).toContainText(name);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation')).toBeHidden();
  await expect(order).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Скачать .docx' }).click();
  const docx = join(dir, 'order.docx');
  await (await download).saveAs(docx);
  execFileSync(
    'libreoffice',
    ['--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', dir, docx],
    { stdio: 'ignore', timeout: 60_000 },
  );
  const text = readFileSync(join(dir, 'order.txt'), 'utf8');
  expect(text).toContain('ПРИКАЗ');
  expect(text).toContain('57-о');
  for (const name of paired) expect(text).toContain(name);
  await syncNow(page);

  // A mentor records a meeting on their phone; the dashboard, filtered to the class, counts it.
  await page.goto('/monitoring');
  await page.getByLabel('Класс или предмет').selectOption('8Б');
  await expect(page.getByTestId('kpis')).toContainText('0Встреч проведено');
  await expect(page.getByTestId('kpis')).toContainText('10 / 10Пар работает / всего');
  // The top suggestion may be a teacher another test left on this shared server: the phone is the
  // mentor of one of this class's pairs, whoever it is.
  type Row = { id: string; type: string; deleted?: string; fields: Record<string, unknown> };
  const { records } = (await api('/api/v1/export')) as { records: Row[] };
  const nameOf = new Map(records.filter((r) => r.type === 'person').map((r) => [r.id, r.fields.fullName]));
  const ofClass = records.find(
    (r) =>
      r.type === 'pair' &&
      r.deleted === undefined &&
      (r.fields.menteeIds as string[]).some((id) => paired.includes(nameOf.get(id) as string)),
  ) as Row;
  const phone = await openPhone();
  await enrol(phone.page, await inviteCode(ofClass.fields.mentorId as string, 'mentor'));
  await phone.page
    .getByRole('link', { name: /^Новая встреча:/ })
    .first()
    .click();
  await phone.page.getByLabel('Заметки о встрече').fill('Первая встреча пары');
  await phone.page.getByRole('button', { name: 'Сохранить' }).click();
  await syncNow(phone.page);
  await phone.context.close();
  await syncNow(page);
  await page.goto('/monitoring');
  await page.getByLabel('Класс или предмет').selectOption('8Б');
  await expect(page.getByTestId('kpis')).toContainText('1Встреч проведено');
  await expect(page.getByTestId('kpis')).toContainText('10 / 10Пар работает / всего');
});
