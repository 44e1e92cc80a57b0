// A tab where a long text is being typed when a newer version of the app opens in another tab: the tab
// gives its database up for the upgrade, takes no more input, saves every letter it took, and only then
// says that everything typed is saved.
import { expect, test } from '@playwright/test';
import { curatorCode, putRecords } from './api';
import { enrol, stored } from './app-page';

test('a newer schema opened in another tab while a long text is typed loses no letter', async ({
  page,
  context,
}) => {
  await enrol(page, await curatorCode());
  const [mentor, mentee] = await putRecords([
    { type: 'person', fields: { fullName: 'Гусева Анна', kind: 'teacher' } },
    { type: 'person', fields: { fullName: 'Рябов Денис', kind: 'teacher' } },
  ]);
  const [pair] = await putRecords([
    {
      type: 'pair',
      fields: { mentorId: mentor, menteeIds: [mentee], form: 'учитель–учитель', status: 'active' },
    },
  ]);
  await page.goto(`/pair/${pair}/meeting/new`);
  const notes = page.getByLabel('Заметки о встрече');
  await notes.pressSequentially('Обсудили план открытого урока по физике. ', { delay: 10 });

  // A newer app version opens in another tab and upgrades the database.
  const other = await context.newPage();
  await other.goto('/api/v1/health');
  const upgraded = other.evaluate(async () => {
    const [info] = (await indexedDB.databases()).filter((d) => d.name === 'nastavnik');
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('nastavnik', (info?.version ?? 1) + 1);
      open.onupgradeneeded = () => open.result.createObjectStore('addedByNewerVersion');
      open.onsuccess = () => resolve();
      open.onerror = () => reject(open.error);
    });
  });
  // The user keeps typing meanwhile.
  await notes.pressSequentially('Денис подготовит опыт с маятником и расчёт периода колебаний.', {
    delay: 10,
  });
  await upgraded;

  // Once the tab says it has saved everything, what it shows is exactly what is stored.
  const banner = page.getByRole('alert').filter({ hasText: 'сохранено' });
  await expect(banner).toBeVisible();
  const shown = await notes.inputValue();
  expect(shown).toMatch(/^Обсудили план открытого урока по физике\. /);
  expect((await stored(page, 'drafts', `meeting:new:${pair}`))?.value?.notes).toBe(shown);
  await expect(banner).toHaveText(/Всё, что вы ввели здесь, сохранено\. Перезагрузите вкладку/);
  // The screen takes no more input.
  await page.keyboard.type(' ещё');
  await notes.click({ force: true }).catch(() => undefined);
  await page.keyboard.type(' ещё');
  await expect(notes).toHaveValue(shown);

  await banner.getByRole('button', { name: 'Перезагрузить' }).click();
  await expect(page.getByText('Восстановлен несохранённый черновик.')).toBeVisible();
  await expect(page.getByLabel('Заметки о встрече')).toHaveValue(shown);
});
