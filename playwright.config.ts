import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium';

// E2E_PORT lets several checkouts run their suites side by side on one machine.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4321);
export const E2E_BOOTSTRAP = 'E2E-BOOT';
export const E2E_DISTRICT = 'E2E-DIST';

export default defineConfig({
  testDir: 'tests/e2e',
  // Caps, never waits: every step waits for a condition, and these only bound how long a condition may
  // take on a busy machine (several suites share two cores) before the test is called failed.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  globalSetup: './tests/e2e/global-setup.ts',
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    browserName: 'chromium',
    viewport: { width: 390, height: 850 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    trace: 'retain-on-failure',
  },
  // The production build served by the real sync server: the service worker exists only there.
  webServer: {
    command: 'rm -rf .tmp/e2e-data && node node_modules/tsx/dist/cli.mjs src/server/main.ts',
    url: `http://127.0.0.1:${E2E_PORT}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(E2E_PORT),
      HOST: '127.0.0.1',
      NASTAVNIK_DATA_DIR: '.tmp/e2e-data',
      NASTAVNIK_BOOTSTRAP_CODE: E2E_BOOTSTRAP,
      NASTAVNIK_DISTRICT_CODE: E2E_DISTRICT,
      // The district's figures follow every change at once, so a test need not wait for them.
      NASTAVNIK_SUMMARY_REFRESH_S: '0',
    },
  },
});
