// An update whose database upgrade waits for another tab that holds the old database: the new tab says
// to close the other tabs (it showed «Загрузка…» for as long as the old tab stayed open), and opens as
// soon as the old one lets go.
import { expect, test } from '@playwright/test';
import { DB_NAME } from '../../src/client/db/database';

test('a tab whose upgrade waits for another tab says to close it, and opens once it is closed', async ({
  context,
}) => {
  const old = await context.newPage();
  // A tab of an older version: the database at version 1, held open, deaf to a newer version's call.
  await old.goto('/api/v1/health');
  await old.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(name, 1);
        request.onsuccess = () => {
          (globalThis as { held?: IDBDatabase }).held = request.result;
          resolve();
        };
        request.onerror = () => reject(request.error);
      }),
    DB_NAME,
  );
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('alert')).toHaveText(/Закройте другие вкладки «Наставника»/);
  await expect(page.getByText('Загрузка…')).toHaveCount(0);

  await old.evaluate(() => (globalThis as { held?: IDBDatabase }).held?.close());
  await expect(page.getByRole('heading', { name: 'Вход по коду' })).toBeVisible();
});
