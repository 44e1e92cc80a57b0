// Page objects: what a user does in the app, in their words.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, expect, type Page, test } from '@playwright/test';
import { E2E_PORT } from '../../playwright.config';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';

export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
const PHONE = { width: 390, height: 850 };

/** A phone with a real profile on disk: IndexedDB and the service worker survive reloads and restarts. */
export async function openPhone(profileDir = mkdtempSync(join(tmpdir(), 'nastavnik-phone-'))) {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    viewport: PHONE,
    baseURL: BASE_URL,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const phone = { page, errors: [] as string[] };
  openPhones.add(phone);
  context.on('close', () => openPhones.delete(phone));
  page.on('console', (message) => {
    if (message.type() === 'error') phone.errors.push(message.text());
  });
  page.on('pageerror', (error) => phone.errors.push(String(error)));
  return { context, page, profileDir };
}

/** The phones a test opened and has not closed, with the errors their pages logged. */
const openPhones = new Set<{ page: Page; errors: string[] }>();

// A phone's page is outside what Playwright reports of a failed test: its address, what it shows and the
// errors it logged are printed with the failure (CI keeps the output, not the attachments).
// biome-ignore lint/correctness/noEmptyPattern: Playwright hands fixtures in a destructured object
test.afterEach(async ({}, testInfo) => {
  const phones = [...openPhones];
  openPhones.clear();
  if (testInfo.status === testInfo.expectedStatus) return;
  for (const [i, phone] of phones.entries()) {
    const seen = await phone.page
      // biome-ignore lint/performance/useDomNodeTextContent: what the user sees, as laid out
      .evaluate(() => `${location.href}\n${document.body.innerText}`)
      .catch((e: unknown) => `page did not answer: ${String(e)}`);
    console.error(`phone ${i + 1} shows: ${seen.slice(0, 2000)}`);
    if (phone.errors.length)
      console.error(`phone ${i + 1} logged: ${phone.errors.join('\n').slice(0, 2000)}`);
    await attachWhatTheUserSees(phone.page, `phone-${i + 1}`).catch(() => undefined);
  }
});

export async function enrol(page: Page, code: string) {
  await page.goto('/');
  await page.getByLabel('Код приглашения').fill(code);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Здравствуйте');
}

/** Reloads once online so that the service worker, installed on first visit, controls the page. */
export async function ensureOfflineReady(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

export async function syncNow(page: Page) {
  try {
    await page.getByRole('link', { name: 'Синхронизация', exact: true }).click({ timeout: 60_000 });
    await page.getByTestId('sync-now').click({ timeout: 60_000 });
    await expect(page.getByText('Синхронизация завершена')).toBeVisible();
  } catch (error) {
    await attachWhatTheUserSees(page, 'sync-now');
    throw error;
  }
}

/**
 * A phone is a context of its own, outside the test's trace: when a step on it fails, the report gets
 * its address, its DOM and a screenshot, which is what its user would have seen.
 */
async function attachWhatTheUserSees(page: Page, name: string) {
  const info = test.info();
  const text = await page
    .evaluate(() => `${location.href}\n\n${document.body.outerHTML}`)
    .catch((e: unknown) => `page did not answer: ${String(e)}`);
  await info.attach(`${name}.html`, { body: text, contentType: 'text/plain' });
  const shot = await page.screenshot({ fullPage: true, timeout: 10_000 }).catch(() => null);
  if (shot) await info.attach(`${name}.png`, { body: shot, contentType: 'image/png' });
}

/**
 * A slow disk, made certain: another tab of the app's origin holds one of the app's stores in a
 * read-write transaction, so the app's writes to it wait until `release()` lets go.
 */
export async function holdStore(
  context: BrowserContext,
  store: string,
): Promise<{ release: () => Promise<void> }> {
  const holder = await context.newPage();
  await holder.goto('/api/v1/health');
  await holder.evaluate(
    (store) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('nastavnik');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const held = open.result.transaction(store, 'readwrite').objectStore(store);
          const w = window as unknown as { release?: boolean };
          const hold = () => {
            if (!w.release) held.count().onsuccess = hold;
          };
          hold();
          resolve();
        };
      }),
    store,
  );
  return {
    release: async () => {
      await holder.evaluate(() => {
        (window as unknown as { release: boolean }).release = true;
      });
      await holder.close();
    },
  };
}

export async function setOffline(context: BrowserContext, isOffline: boolean) {
  await context.setOffline(isOffline);
}

/**
 * What the device has stored, read straight from IndexedDB in the page (a second connection, at whatever
 * version the database has): a record of a type, or a draft by key.
 */
export async function stored(
  page: Page,
  table: string,
  key: string,
): Promise<{ fields?: Record<string, unknown>; value?: Record<string, unknown> } | null> {
  return page.evaluate(
    ([table, key]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('nastavnik');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          // A record's UUID id is kept as its 16 bytes (src/client/db/key-codec.ts); other keys as text.
          const id = key as string;
          let atRest: IDBValidKey = id;
          if (/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/.test(id)) {
            const hex = id.replaceAll('-', '');
            const bytes = new Uint8Array(16);
            for (let b = 0; b < 16; b++) bytes[b] = Number.parseInt(hex.slice(b * 2, b * 2 + 2), 16);
            atRest = bytes;
          }
          const read = db
            .transaction(table as string, 'readonly')
            .objectStore(table as string)
            .get(atRest);
          read.onsuccess = () => {
            db.close();
            // The UUIDs among a record's fields are at rest as bytes too: given back as text.
            const row = read.result as { fields?: Record<string, unknown> } | undefined;
            const text = (bytes: Uint8Array) => {
              const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
              return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
            };
            for (const [name, value] of Object.entries(row?.fields ?? {})) {
              if (value instanceof Uint8Array) (row?.fields as Record<string, unknown>)[name] = text(value);
              else if (Array.isArray(value))
                (row?.fields as Record<string, unknown>)[name] = value.map((v) =>
                  v instanceof Uint8Array ? text(v) : v,
                );
            }
            resolve(row ?? null);
          };
          read.onerror = () => reject(read.error);
        };
      }),
    [table, key],
  );
}

/**
 * A mentee's phone enrolled with `code` and ready offline, that answers «Что было полезно?» of the form
 * `assignmentId` with `answer` and sends it with no network: the answer waits on the phone (api.ts,
 * seedAssignedForm, makes such a form). The phone stays offline.
 */
export async function sendFormOffline(code: string, assignmentId: string, answer: string) {
  const phone = await openPhone();
  const page = phone.page;
  await enrol(page, code);
  await ensureOfflineReady(page);
  await setOffline(phone.context, true);
  await page.goto(`/fill/${assignmentId}`);
  await page.getByLabel('Что было полезно?').fill(answer);
  await page.getByRole('button', { name: 'Отправить' }).click();
  await expect(page.getByTestId('form-delivery')).toContainText('сохранена на телефоне');
  return phone;
}
