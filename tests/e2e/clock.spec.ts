// A PC whose date was set two days ahead: what it writes still reaches the school, and once the date is
// put right it goes on working — no change is refused for the clock, none has to be discarded.
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { api, curatorCode, inviteCode, putRecords } from './api';
import { enrol, ensureOfflineReady, setOffline, syncNow } from './app-page';

const DAY = 24 * 60 * 60 * 1000;

/** The device's clock, as the page sees it: `Date` shifted by an offset kept in localStorage. */
async function setDeviceClock(page: Page, offsetMs: number) {
  await page.evaluate((offset) => localStorage.setItem('e2e.clockOffsetMs', String(offset)), offsetMs);
  await page.reload();
}

/** The context's pages get a `Date` that setDeviceClock can shift. */
async function shiftableClock(context: BrowserContext) {
  await context.addInitScript(() => {
    let offset = 0;
    try {
      offset = Number(localStorage.getItem('e2e.clockOffsetMs') ?? 0);
    } catch {
      return; // a page without storage (about:blank)
    }
    if (!offset) return;
    const RealDate = Date;
    class DeviceDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(RealDate.now() + offset);
        else super(...(args as [number]));
      }
      static override now() {
        return RealDate.now() + offset;
      }
    }
    globalThis.Date = DeviceDate as DateConstructor;
  });
}

async function addPerson(page: Page, fullName: string) {
  await page.getByRole('link', { name: 'Участники' }).first().click();
  await page.getByText('Добавить участника').click();
  const form = page.locator('details').filter({ hasText: 'Добавить участника' });
  await form.getByLabel('Фамилия, имя, отчество').fill(fullName);
  // Teachers: adults, so that other tests on this server, which count minors, are not disturbed.
  await form.getByLabel('Категория').selectOption('teacher');
  await form.getByRole('button', { name: 'Добавить', exact: true }).click();
  // Found by name: the shared school's list is paged, and other tests' people fill its first page.
  await page.getByLabel('Поиск по ФИО').fill(fullName);
  await expect(page.getByTestId('people-list')).toContainText(fullName);
}

async function onServer(fullName: string): Promise<boolean> {
  const { records } = (await api('/api/v1/export')) as { records: { fields: Record<string, unknown> }[] };
  return records.some((r) => r.fields.fullName === fullName);
}

test('a clock two days ahead, then put right: every change reaches the server, none is refused', async ({
  page,
  context,
}) => {
  await shiftableClock(context);
  await page.goto('/');
  await setDeviceClock(page, 2 * DAY);
  await enrol(page, await curatorCode('Часова Анна Петровна'));
  expect(await page.evaluate(() => Date.now() - performance.timeOrigin - performance.now())).toBeGreaterThan(
    DAY,
  );

  await addPerson(page, 'Записан при неверной дате');
  await syncNow(page);
  await expect(page.getByTestId('sync-waiting')).toHaveText('Всё отправлено');
  await expect(page.getByTestId('sync-rejected')).toHaveCount(0);
  await expect(page.getByText('Все изменения приняты.')).toBeVisible();
  expect(await onServer('Записан при неверной дате')).toBe(true);

  // The user puts the date right and goes on: a new participant, and the first one renamed.
  await setDeviceClock(page, 0);
  await addPerson(page, 'Записан после исправления');
  await page.getByLabel('Поиск по ФИО').fill('Записан при неверной дате');
  await page.getByRole('link', { name: 'Записан при неверной дате' }).click();
  // The person's page, not the list's form to add someone (its field has the same label), as a user sees it.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Записан при неверной дате');
  const name = page.getByLabel('Фамилия, имя, отчество');
  await name.fill('Переименован после исправления');
  // The page's title follows the stored record: the rename is saved (and queued) before the sync starts.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Переименован после исправления');
  await syncNow(page);
  await expect(page.getByTestId('sync-waiting')).toHaveText('Всё отправлено');
  await expect(page.getByTestId('sync-rejected')).toHaveCount(0);
  await expect(page.getByText('Все изменения приняты.')).toBeVisible();
  expect(await onServer('Записан после исправления')).toBe(true);
  expect(await onServer('Переименован после исправления')).toBe(true);
});

// A mentor's phone whose date is a year off, after a sync (so the app knows the school's time): a meeting
// recorded offline is dated today by the school's clock, the sync screen's times are the school's, and
// the phone says its clock is wrong.
for (const [direction, offset, notice] of [
  ['ahead', 365 * DAY, 'Часы этого устройства спешат на 365 дней'],
  ['behind', -365 * DAY, 'Часы этого устройства отстают на 365 дней'],
] as const) {
  test(`a phone a year ${direction} dates an offline meeting today and says its clock is wrong`, async ({
    page,
    context,
  }) => {
    const menteeName = `Часовой Пётр ${direction}`;
    const [mentorId, menteeId] = await putRecords([
      { type: 'person', fields: { fullName: `Сдвигова Мария ${direction}`, kind: 'teacher' } },
      {
        type: 'person',
        fields: { fullName: menteeName, kind: 'student', minor: false, classOrSubject: '9А' },
      },
    ]);
    const [pairId] = await putRecords([
      { type: 'pair', fields: { mentorId, menteeIds: [menteeId], form: 'учитель–ученик', status: 'active' } },
    ]);
    await shiftableClock(context);
    await page.goto('/');
    await setDeviceClock(page, offset);
    const realToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
    expect(await page.evaluate(() => new Date().toISOString().slice(0, 10))).not.toBe(realToday);
    await enrol(page, await inviteCode(mentorId as string, 'mentor'));
    await syncNow(page);
    await expect(page.getByTestId('clock-banner')).toContainText(notice);
    // The last sync, by the school's clock: today and «сейчас», not a year off.
    const [year, month, day] = realToday.split('-').map(Number) as [number, number, number];
    const todayWords = new Intl.DateTimeFormat('ru', { day: 'numeric', month: 'long', year: 'numeric' })
      .format(new Date(year, month - 1, day))
      .replace(/\s*г\.$/, '');
    await expect(page.getByTestId('sync-facts')).toContainText(todayWords);

    await ensureOfflineReady(page);
    await setOffline(context, true);
    await page.goto(`/pair/${pairId}/meeting/new`);
    await expect(page.getByLabel('Дата', { exact: true })).toHaveValue(realToday);
    const notes = `Встреча при неверных часах, ${direction}`;
    await page.getByLabel('Заметки о встрече').fill(notes);
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await expect(page.getByTestId('meetings')).toContainText(notes);

    await setOffline(context, false);
    await syncNow(page);
    const { records } = (await api('/api/v1/export')) as {
      records: { type: string; fields: Record<string, unknown> }[];
    };
    const meeting = records.find((r) => r.type === 'meeting' && r.fields.notes === notes);
    expect(meeting?.fields.date).toBe(realToday);
  });
}

// The same phone, its clock set right after that sync, offline: the app no longer corrects it (a meeting
// would be dated a year back), and the banner is gone.
test('a phone a year fast, set right after a sync, dates by its own clock again and drops the banner', async ({
  page,
  context,
}) => {
  const [mentorId, menteeId] = await putRecords([
    { type: 'person', fields: { fullName: 'Исправлова Ольга', kind: 'teacher' } },
    { type: 'person', fields: { fullName: 'Исправленный Олег', kind: 'student', minor: false } },
  ]);
  const [pairId] = await putRecords([
    { type: 'pair', fields: { mentorId, menteeIds: [menteeId], form: 'учитель–ученик', status: 'active' } },
  ]);
  await shiftableClock(context);
  await page.goto('/');
  await setDeviceClock(page, 365 * DAY);
  await enrol(page, await inviteCode(mentorId as string, 'mentor'));
  await syncNow(page);
  await expect(page.getByTestId('clock-banner')).toBeVisible();
  await ensureOfflineReady(page);
  await setOffline(context, true);
  await setDeviceClock(page, 0);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('clock-banner')).toHaveCount(0);
  const realToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
  await page.goto(`/pair/${pairId}/meeting/new`);
  await expect(page.getByLabel('Дата', { exact: true })).toHaveValue(realToday);
});
