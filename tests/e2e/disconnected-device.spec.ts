// A phone the curator disconnected (by mistake, or a phone thought lost) while a meeting typed offline
// waits on it: home says the meeting is kept, the sync screen shows its text, and a new code signs the
// phone in again — entered on it, or opened from the code's link — and the meeting reaches the school.
import { expect, test } from '@playwright/test';
import { api, inviteCode, newSchool, seedTask } from './api';
import { enrol, ensureOfflineReady, openPhone, setOffline, syncNow } from './app-page';

/** Whether a meeting with these notes is on the server, as the school's curator reads it. */
async function meetingOnServer(notes: string, token: string): Promise<boolean> {
  let cursor: string | null = null;
  for (;;) {
    const answer = (await api('/api/v1/sync', { cursor, changes: [] }, token)) as {
      cursor: string;
      changes: { type: string; fields: Record<string, unknown> }[];
      hasMore: boolean;
    };
    if (answer.changes.some((r) => r.type === 'meeting' && r.fields.notes === notes)) return true;
    cursor = answer.cursor;
    if (!answer.hasMore) return false;
  }
}

test('a disconnected phone shows its unsent meeting and sends it once signed in with a new code', async () => {
  const school = await newSchool('Школа отключённого телефона');
  const { mentor, pair } = await seedTask(
    { mentor: 'Отключенова Нина', mentee: 'Отключенов Лев', task: 'Прочитать главу' },
    school.token,
  );
  const phone = await openPhone();
  const page = phone.page;
  await enrol(page, await inviteCode(mentor, 'mentor', school.token));
  await ensureOfflineReady(page);
  await setOffline(phone.context, true);
  await page.goto(`/pair/${pair}/meeting/new`);
  const notes = 'Обсудили олимпиаду по химии и план на каникулы';
  await page.getByLabel('Заметки о встрече').fill(notes);
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page).toHaveURL(new RegExp(`/pair/${pair}$`));

  // Meanwhile the curator disconnects the mentor's phone.
  const { devices } = (await api('/api/v1/devices', undefined, school.token)) as {
    devices: { id: string; personId: string; revokedAt: string | null }[];
  };
  for (const d of devices.filter((d) => d.personId === mentor && !d.revokedAt))
    await api(`/api/v1/devices/${d.id}/revoke`, {}, school.token);
  await setOffline(phone.context, false);
  await page.getByRole('link', { name: 'Синхронизация', exact: true }).click();
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-blocked')).toHaveText('Устройство отключено');

  // Home says the meeting is kept, and where to read it: its text is there, word for word.
  await page.getByRole('link', { name: 'Главная' }).first().click();
  const notice = page.getByTestId('home-archived');
  await expect(notice).toContainText('Устройство отключено от школы');
  await notice.getByRole('link', { name: 'Посмотреть неотправленное' }).click();
  await expect(page.getByTestId('waiting-texts')).toContainText(notes);

  // The curator gives a new code as a link; opened on the phone, it signs in again, and the meeting goes.
  const code = await inviteCode(mentor, 'mentor', school.token);
  await page.goto(`/?code=${encodeURIComponent(code)}`);
  await page.getByTestId('home-archived').getByRole('link', { name: 'Войти по новому коду' }).click();
  await expect(page.getByLabel('Код приглашения')).toHaveValue(code);
  await expect(page.getByText('останется на нём и уйдёт на сервер после входа')).toBeVisible();
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Здравствуйте');
  await syncNow(page);
  await expect(page.getByTestId('sync-waiting')).toHaveText('Всё отправлено');
  await expect(page.getByTestId('sync-blocked')).toHaveCount(0);
  expect(await meetingOnServer(notes, school.token)).toBe(true);
  await page.getByRole('link', { name: 'Главная' }).first().click();
  await expect(page.getByTestId('home-archived')).toHaveCount(0);
  await phone.context.close();
});
