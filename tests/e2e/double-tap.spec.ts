// A hurried curator double-taps: each save happens once (a second tap while the first saves is ignored;
// a form once saved closes or empties). Two consents would leave a child «consented»
// after the parent withdraws the one the curator sees; two pairs would go into the approval order; a
// class imported twice lists every pupil twice.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { curatorCode, putRecords } from './api';
import { enrol } from './app-page';

test.use({ viewport: { width: 360, height: 740 } });

test('a double tap saves a consent, a pair and an imported class once', async ({ page }) => {
  // Names of this run's own (other tests share the server): five random lower-case Cyrillic letters.
  const tag = Array.from({ length: 5 }, () =>
    String.fromCharCode(1072 + Math.floor(Math.random() * 32)),
  ).join('');
  const pupil = `Кузнецов${tag} Миша`;
  const teacher = `Петрова${tag} Анна`;
  const [pupilId] = await putRecords([
    { type: 'person', fields: { fullName: pupil, kind: 'student', classOrSubject: '7А', minor: true } },
    { type: 'person', fields: { fullName: teacher, kind: 'teacher', classOrSubject: 'Физика' } },
  ]);
  await enrol(page, await curatorCode('Куратор Торопливый'));

  await page.goto(`/people/${pupilId}`);
  await page.getByText('Отметить полученное согласие').click();
  await page.getByLabel('Родитель (законный представитель), ФИО').fill(`Родитель ${pupil}`);
  await page.getByRole('button', { name: 'Сохранить согласие' }).dblclick();
  await expect(page.getByTestId('consents')).toContainText(`Родитель ${pupil}`);
  // Saved, the form closes: a finger's second tap, a moment after the first, finds nothing to save.
  await expect(page.getByRole('button', { name: 'Сохранить согласие' })).toBeHidden();
  await page.reload();
  await expect(page.getByTestId('consents').getByRole('listitem')).toHaveCount(1);
  // A second parent's consent on file: withdrawing one says the other still holds.
  await page.getByText('Отметить полученное согласие').click();
  await page.getByLabel('Родитель (законный представитель), ФИО').fill(`Отец ${pupil}`);
  await page.getByRole('button', { name: 'Сохранить согласие' }).click();
  await expect(page.getByTestId('consents').getByRole('listitem')).toHaveCount(2);
  await page
    .getByTestId('consents')
    .getByRole('listitem')
    .first()
    .getByRole('button', { name: 'Отозвать' })
    .click();
  await expect(page.getByText(/ещё действует другое: Отец/)).toBeVisible();

  await page.goto('/pairs');
  await page.getByText('Новая пара или группа').click();
  await page.getByLabel('Наставник', { exact: true }).selectOption({ label: teacher });
  await page.getByRole('checkbox', { name: pupil }).check();
  await page.getByRole('button', { name: 'Создать пару' }).dblclick();
  const rows = page.getByTestId('pairs-table').getByRole('row').filter({ hasText: pupil });
  await expect(rows).toHaveCount(1);
  await page.reload();
  await expect(rows).toHaveCount(1);

  const dir = mkdtempSync(join(tmpdir(), 'nastavnik-double-'));
  const csv = join(dir, '7А.csv');
  writeFileSync(csv, `ФИО;Класс;Категория\nСидоров${tag} Петя;7А;ученик\nОрлова${tag} Маша;7А;ученик\n`);
  await page.goto('/people/import');
  await page.getByLabel('Файл со списком').setInputFiles(csv);
  await page.getByRole('button', { name: 'Импортировать: 2' }).dblclick();
  await expect(page.getByText('Импортировано участников: 2.')).toBeVisible();
  await page.goto('/people');
  for (const name of [`Сидоров${tag} Петя`, `Орлова${tag} Маша`]) {
    await page.getByLabel('Поиск по ФИО').fill(name);
    await expect(page.getByRole('link', { name, exact: true })).toHaveCount(1);
  }
});
