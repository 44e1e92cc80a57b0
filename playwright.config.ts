import { availableParallelism } from 'node:os';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium';

// E2E_PORT lets several checkouts run their suites side by side on one machine.
const BASE_PORT = Number(process.env.E2E_PORT ?? 4321);
/**
 * Workers, each with a server, data and app files of its own (ports E2E_PORT, E2E_PORT + 1, …): a
 * worker's tests never see another's school, and a test that deploys a new version (update.spec.ts)
 * changes only its own server's files. One worker per two cores: a worker's phones and server keep two
 * cores busy (on two cores, two workers took as long as one, each test twice as long).
 */
export const E2E_WORKERS = Math.max(
  1,
  Number(process.env.E2E_WORKERS ?? Math.floor(availableParallelism() / 2)),
);
/** Which of the servers this process talks to: Playwright numbers its workers 0… (TEST_PARALLEL_INDEX). */
const E2E_INDEX = Number(process.env.TEST_PARALLEL_INDEX ?? 0);
export const E2E_PORT = BASE_PORT + E2E_INDEX;
/**
 * The copy of the production build that the server on `port` serves. Files of a server are named by its
 * port, not its worker's number: two suites run side by side in one checkout (E2E_PORT apart) would
 * otherwise wipe each other's app files, data and tokens.
 */
export const e2eStaticDir = (port: number) => `.tmp/e2e-dist-${port}`;
export const E2E_BOOTSTRAP = 'E2E-BOOT';
export const E2E_DISTRICT = 'E2E-DIST';

export default defineConfig({
  testDir: 'tests/e2e',
  // Caps, never waits: every step waits for a condition, and these only bound how long a condition may
  // take on a busy machine (several suites share two cores) before the test is called failed.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: E2E_WORKERS,
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
    // No trace: recording one for every test costs a fifth of the suite's time (first-week.spec.ts: 133 s
    // against 102 s without), and it slows each step enough to hide races a person cannot hit but a fast
    // test can (a field filled just before a reload, db/draft-mirror.ts; a record's draft outliving a
    // reload just after it was stored, WriteOptions.endsDraft). A failure leaves a screenshot;
    // `--trace on` records one when a failure needs it.
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  // The production build served by the real sync server: the service worker exists only there.
  webServer: Array.from({ length: E2E_WORKERS }, (_, index) => ({
    command: [
      `rm -rf .tmp/e2e-data-${BASE_PORT + index} ${e2eStaticDir(BASE_PORT + index)}`,
      `mkdir -p .tmp && cp -r dist ${e2eStaticDir(BASE_PORT + index)}`,
      'node node_modules/tsx/dist/cli.mjs src/server/main.ts',
    ].join(' && '),
    url: `http://127.0.0.1:${BASE_PORT + index}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(BASE_PORT + index),
      HOST: '127.0.0.1',
      NASTAVNIK_DATA_DIR: `.tmp/e2e-data-${BASE_PORT + index}`,
      NASTAVNIK_STATIC_DIR: e2eStaticDir(BASE_PORT + index),
      NASTAVNIK_BOOTSTRAP_CODE: E2E_BOOTSTRAP,
      NASTAVNIK_DISTRICT_CODE: E2E_DISTRICT,
      // The district's figures follow every change at once, so a test need not wait for them.
      NASTAVNIK_SUMMARY_REFRESH_S: '0',
    },
  })),
});
