// A screen whose code cannot be loaded says so and offers a reload, instead of leaving the previous
// screen up with no word (a phone with no network before the app was stored for offline use).
import { expect, test } from '@playwright/test';
import { curatorCode } from './api';
import { enrol } from './app-page';

// No service worker: every screen's code comes from the network, where this test cuts it.
test.use({ serviceWorkers: 'block' });

test('a screen whose code fails to load says why and comes back after a reload', async ({ page }) => {
  await enrol(page, await curatorCode('Куратор Без Сети'));
  await page.route('**/assets/SyncScreen-*.js', (route) => route.abort('internetdisconnected'));
  await page.getByRole('link', { name: 'Синхронизация', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Не удалось загрузить этот экран');
  await expect(page.getByRole('heading', { level: 1 })).not.toContainText('Здравствуйте');

  await page.unroute('**/assets/SyncScreen-*.js');
  await page.getByRole('button', { name: 'Перезагрузить' }).click();
  await expect(page.getByTestId('sync-now')).toBeVisible();
});
