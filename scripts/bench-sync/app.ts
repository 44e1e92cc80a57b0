// The shipped app (the production build the server serves) driven through its UI in Chromium: a user
// types an invite code and presses «Войти»; the clock runs until the status bar stops saying
// «Ещё не синхронизировано». The screens do meanwhile what they do for a user (a curator's home counts
// the school, a mentor's home lists the pairs).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { type Device, openDevice, storageUsage } from './browser';
import { type Load, measureLoad } from './machine';
import { type BenchProxy, type Wire, wireBetween } from './proxy';

export type AppSync = {
  ms: number;
  /** When the home first listed the user's pairs, and when the current records were all in. */
  pairsShownMs: number | null;
  currentInMs: number | null;
  wire: Wire;
  load: Load;
  /** Right after the first sync (an estimate that counts LevelDB's uncompacted files too). */
  storageBytes: number;
};

type Watch = { t0: number; done: number | null; pairs: number | null; current: number | null };

declare global {
  // Augmenting Window needs an interface.
  // biome-ignore lint/style/useConsistentTypeDefinitions: global augmentation
  interface Window {
    appWatch: Watch;
  }
}

export async function openApp(
  proxy: BenchProxy,
  viewport?: { width: number; height: number },
  dir?: string,
): Promise<Device> {
  const device = await openDevice({ viewport, dir });
  await device.page.goto(`${proxy.origin}/`);
  // A device that enrolled before opens on its home.
  if (dir) return device;
  await device.page.getByLabel('Код приглашения').waitFor();
  // The service worker installs (and precaches the app) once the first screen is ready, as it would
  // while the user reads the screen and types the code; it is not part of the sync.
  await device.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  return device;
}

/** Enrols with `code` and times the first sync, from «Войти» to the status bar saying it synced. */
export async function enrolAndSync(
  device: Device,
  proxy: BenchProxy,
  code: string,
  serverPid: number,
): Promise<AppSync> {
  const { page } = device;
  await page.getByLabel('Код приглашения').fill(code);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const before = proxy.snapshot();
  const load = measureLoad(() => [...device.pids(), serverPid]);
  // BENCH_PROFILE=<dir>: the page's CPU profile of the sync, written there (for `node --cpu-prof`-style
  // tools; the build's source maps name the functions). Slows the sync down: its times are not the bench's.
  const profile = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
  if (profile) {
    await profile.send('Profiler.enable');
    await profile.send('Profiler.setSamplingInterval', { interval: 500 });
    await profile.send('Profiler.start');
  }
  // A script, not a function: what tsx compiles functions into does not run in the page.
  await page.evaluate(`(() => {
    const watch = { t0: performance.now(), done: null, pairs: null, current: null };
    window.appWatch = watch;
    const check = () => {
      const now = performance.now();
      const last = document.querySelector('[data-testid="sync-last"]')?.textContent;
      if (watch.done === null && last && last !== 'Ещё не синхронизировано') watch.done = now;
      if (watch.pairs === null && document.querySelector('[data-testid="home-pairs"] li')) watch.pairs = now;
      const progress = document.querySelector('[data-testid="sync-progress"]')?.textContent ?? '';
      if (watch.current === null && progress && !progress.includes('сначала текущие')) watch.current = now;
      if (watch.current === null && watch.done !== null) watch.current = watch.done;
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
    [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Войти').click();
  })()`);
  await page.waitForFunction(() => window.appWatch.done !== null, null, {
    timeout: 30 * 60_000,
    polling: 200,
  });
  const loadDone = load.stop();
  if (profile) {
    const { profile: taken } = await profile.send('Profiler.stop');
    writeFileSync(
      join(process.env.BENCH_PROFILE as string, `sync-${Date.now()}.cpuprofile`),
      JSON.stringify(taken),
    );
  }
  const wire = wireBetween(before, proxy.snapshot());
  const w = await page.evaluate(() => window.appWatch);
  const since = (t: number | null) => (t === null ? null : t - w.t0);
  return {
    ms: (w.done as number) - w.t0,
    pairsShownMs: since(w.pairs),
    currentInMs: since(w.current),
    wire,
    load: loadDone,
    storageBytes: await storageUsage(page),
  };
}

/** Waits until the app has built its search index in idle time; answers how long that took. */
export async function waitForSearchIndex(page: Page): Promise<number> {
  const t0 = Date.now();
  // Polled from here: waitForFunction would take the promise the check answers for a yes.
  while (!(await page.evaluate(searchIndexBuilt))) {
    if (Date.now() - t0 > 10 * 60_000) throw new Error('the search index was not built in 10 minutes');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return Date.now() - t0;
}

/** True once the app's search index has nothing left to index (read with IndexedDB itself). */
const searchIndexBuilt = () =>
  new Promise<boolean>((resolve) => {
    const open = indexedDB.open('nastavnik');
    open.onsuccess = () => {
      const db = open.result;
      const count = db.transaction('searchQueue').objectStore('searchQueue').count();
      count.onsuccess = () => {
        db.close();
        resolve(count.result === 0);
      };
    };
    open.onerror = () => resolve(false);
  });

/** «Синхронизировать» on the sync screen, after records changed elsewhere: time, bytes, requests. */
export async function syncAgain(page: Page, proxy: BenchProxy): Promise<{ ms: number; wire: Wire }> {
  await page.getByRole('link', { name: 'Синхронизация', exact: true }).click();
  await page.getByTestId('sync-now').waitFor();
  const before = proxy.snapshot();
  const t0 = performance.now();
  await page.getByTestId('sync-now').click();
  await page.getByText('Синхронизация завершена').waitFor({ timeout: 120_000 });
  const ms = performance.now() - t0;
  return { ms, wire: wireBetween(before, proxy.snapshot()) };
}
