// The mentor's journey on a phone, offline: a meeting in a few taps, a draft that survives a crash,
// next steps that land in the IDP, and an IDP edited on two phones at once.
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { api, curatorCode, inviteCode, putRecords } from './api';
import { enrol, ensureOfflineReady, holdStore, openPhone, setOffline, stored, syncNow } from './app-page';

async function pairWithPhones(mentorName: string, menteeName: string) {
  const [mentorId, menteeId] = await putRecords([
    { type: 'person', fields: { fullName: mentorName, kind: 'teacher' } },
    {
      type: 'person',
      fields: { fullName: menteeName, kind: 'student', minor: false, classOrSubject: '10А' },
    },
  ]);
  const [pairId] = await putRecords([
    { type: 'pair', fields: { mentorId, menteeIds: [menteeId], form: 'учитель–ученик', status: 'active' } },
  ]);
  return { mentorId: mentorId as string, menteeId: menteeId as string, pairId: pairId as string };
}

async function mentorPhone(mentorId: string) {
  const phone = await openPhone();
  await enrol(phone.page, await inviteCode(mentorId, 'mentor'));
  await ensureOfflineReady(phone.page);
  return phone;
}

/** Counts the taps a user makes. */
function tapper() {
  let taps = 0;
  return {
    tap: async (locator: ReturnType<Page['getByRole']>) => {
      taps += 1;
      await locator.click();
    },
    count: () => taps,
  };
}

test('a meeting is recorded offline from a cold start in at most 3 taps plus typing', async () => {
  const { mentorId } = await pairWithPhones('Белова Нина Андреевна', 'Гусев Артём');
  let phone = await mentorPhone(mentorId);
  await phone.context.close();

  // Cold start with no network.
  phone = await openPhone(phone.profileDir);
  await setOffline(phone.context, true);
  const page = phone.page;
  await page.goto('/');
  const user = tapper();
  await user.tap(page.getByRole('link', { name: 'Новая встреча: Гусев Артём' }));
  await page.getByLabel('Заметки о встрече').fill('Поговорили о целях на полугодие');
  await user.tap(page.getByRole('button', { name: 'Сохранить' }));
  await expect(page.getByTestId('meetings')).toContainText('Поговорили о целях на полугодие');
  expect(user.count()).toBeLessThanOrEqual(3);
  // The smart defaults: today, and the first kind of the series.
  await expect(page.getByTestId('meetings')).toContainText('Организационная');
  await expect(page.getByTestId('series')).toContainText('Организационная: проведена');
  await phone.context.close();
});

test('the page is killed mid-typing and the draft comes back', async () => {
  const { mentorId, pairId } = await pairWithPhones('Кравец Ольга', 'Мухин Егор');
  const phone = await mentorPhone(mentorId);
  await setOffline(phone.context, true);
  const page = phone.page;
  await page.goto(`/pair/${pairId}/meeting/new`);
  await page
    .getByLabel('Заметки о встрече')
    .pressSequentially('Егор готовит доклад к конференции', { delay: 20 });
  // A next step typed and not added yet belongs to the draft too.
  await page.getByLabel('Новый шаг').pressSequentially('Отрепетировать доклад', { delay: 20 });
  // The last keystroke's draft has landed on the device.
  await expect
    .poll(async () => (await stored(page, 'drafts', `meeting:new:${pairId}`))?.value?.pendingStep)
    .toBe('Отрепетировать доклад');
  // The renderer crashes: nothing gets a chance to save on the way out.
  const cdp = await phone.context.newCDPSession(page);
  const crashed = page.waitForEvent('crash');
  void cdp.send('Page.crash').catch(() => undefined);
  await crashed;

  const again = await phone.context.newPage();
  await again.goto(`/pair/${pairId}/meeting/new`);
  await expect(again.getByText('Восстановлен несохранённый черновик.')).toBeVisible();
  await expect(again.getByLabel('Заметки о встрече')).toHaveValue('Егор готовит доклад к конференции');
  await expect(again.getByLabel('Новый шаг')).toHaveValue('Отрепетировать доклад');
  // Saved as it is: the step typed but not added is saved with the meeting.
  await again.getByRole('button', { name: 'Сохранить' }).click();
  await expect(again.getByTestId('meetings')).toContainText('Егор готовит доклад');
  await again.getByTestId('meetings').getByRole('link').first().click();
  await expect(again.getByTestId('next-steps')).toContainText('Отрепетировать доклад');
  await phone.context.close();
});

test('an agreed next step becomes a task of the IDP in one tap', async () => {
  const { mentorId, pairId } = await pairWithPhones('Соколова Вера', 'Титов Илья');
  const phone = await mentorPhone(mentorId);
  await setOffline(phone.context, true);
  const page = phone.page;
  await page.goto(`/pair/${pairId}/meeting/new`);
  await page.getByLabel('Заметки о встрече').fill('Разобрали пробный вариант');
  await page.getByRole('button', { name: 'Подготовка к экзамену' }).click();
  await page.getByLabel('Новый шаг').fill('Решить вариант ОГЭ № 5');
  await page.getByRole('button', { name: 'Добавить шаг' }).click();
  await page.getByRole('button', { name: 'В ИПР' }).click();
  await expect(page.getByTestId('next-steps')).toContainText('в ИПР ✓');
  await page.getByRole('button', { name: 'Сохранить' }).click();

  await page.getByRole('link', { name: 'ИПР: Титов Илья' }).click();
  await expect(page.getByTestId('task')).toContainText('Решить вариант ОГЭ № 5');
  await expect(page.getByTestId('plan-progress')).toHaveText('Выполнено 0 из 1 задачи (0%)');

  // And search finds it all, offline.
  await page.getByRole('link', { name: 'Поиск', exact: true }).click();
  await page.getByLabel('Люди, встречи, заметки и задачи').fill('вариант');
  await expect(page.getByTestId('found-meetings')).toContainText('Разобрали пробный вариант');
  await expect(page.getByTestId('found-tasks')).toContainText('Решить вариант ОГЭ № 5');
  await phone.context.close();
});

test('search says whose each meeting is and finds a mentee by name, offline', async () => {
  const { mentorId, pairId } = await pairWithPhones('Лебедева Ольга', 'Сидорова Маша');
  const [secondId] = await putRecords([
    {
      type: 'person',
      fields: { fullName: 'Петров Коля', kind: 'student', minor: false, classOrSubject: '7А' },
    },
  ]);
  const [secondPair] = await putRecords([
    { type: 'pair', fields: { mentorId, menteeIds: [secondId], form: 'учитель–ученик', status: 'active' } },
  ]);
  const meeting = (pair: string | undefined, notes: string) => ({
    type: 'meeting',
    fields: {
      pairId: pair,
      date: '2026-11-25',
      kind: 'organisational',
      durationMin: 30,
      notes,
      status: 'held',
    },
  });
  await putRecords([
    meeting(pairId, 'Обсудили олимпиаду'),
    meeting(secondPair, 'Обсудили олимпиаду и кружок'),
  ]);
  const phone = await mentorPhone(mentorId);
  await setOffline(phone.context, true);
  const page = phone.page;
  await page.getByRole('link', { name: 'Поиск', exact: true }).click();
  const field = page.getByLabel('Люди, встречи, заметки и задачи');
  await field.fill('олимпиад');
  const found = page.getByTestId('found-meetings').getByRole('listitem');
  await expect(found.filter({ hasText: 'Сидорова Маша' })).toContainText('Обсудили олимпиаду');
  await expect(found.filter({ hasText: 'Петров Коля' })).toContainText('Обсудили олимпиаду и кружок');
  await field.fill('сидоров');
  await expect(page.getByTestId('found-pairs')).toHaveText(/Сидорова Маша/);
  await expect(page.getByTestId('found-pairs')).not.toContainText('Петров');
  // A name and a word of the notes: that mentee's meeting only.
  await field.fill('сидорова олимп');
  await expect(found).toHaveCount(1);
  await expect(found).toContainText('Обсудили олимпиаду');
  await field.fill('сидоров');
  await page.getByTestId('found-pairs').getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/pair/${pairId}$`));
  await phone.context.close();
});

test('notes typed while a next step is being written to the IDP are kept; a double tap saves one meeting', async () => {
  const { mentorId, pairId } = await pairWithPhones('Фомина Ирина', 'Чернов Глеб');
  const phone = await mentorPhone(mentorId);
  const page = phone.page;
  await page.goto(`/pair/${pairId}/meeting/new`);
  await page.getByLabel('Заметки о встрече').fill('Разобрали ошибки');
  await page.getByLabel('Новый шаг').fill('Повторить дроби');
  await page.getByRole('button', { name: 'Добавить шаг' }).click();
  // The task's write waits on a slow disk while the mentor types on.
  const disk = await holdStore(phone.context, 'task');
  await page.getByRole('button', { name: 'В ИПР' }).click();
  await page.getByLabel('Заметки о встрече').fill('Разобрали ошибки и наметили план');
  // The meeting is saved only once its next step is in the IDP: saved before, it would not record so.
  const save = page.getByRole('button', { name: 'Сохранить' });
  await expect(save).toBeDisabled();
  await disk.release();
  await expect(page.getByTestId('next-steps')).toContainText('в ИПР ✓');
  await expect(page.getByLabel('Заметки о встрече')).toHaveValue('Разобрали ошибки и наметили план');
  await expect
    .poll(async () => (await stored(page, 'drafts', `meeting:new:${pairId}`))?.value?.notes)
    .toBe('Разобрали ошибки и наметили план');

  // Saved twice in a row by a quick double tap: one meeting; and no draft of it comes back.
  await save.dblclick();
  await expect(page.getByTestId('meetings').getByRole('listitem')).toHaveCount(1);
  await expect(page.getByTestId('meetings')).toContainText('Разобрали ошибки и наметили план');
  await page.goto(`/pair/${pairId}/meeting/new`);
  await expect(page.getByLabel('Заметки о встрече')).toHaveValue('');
  await expect(page.getByText('Восстановлен несохранённый черновик.')).toHaveCount(0);
  await page.goto(`/pair/${pairId}`);
  await expect(page.getByTestId('meetings').getByRole('listitem')).toHaveCount(1);
  await phone.context.close();
});

test('a goal and a task typed into the IDP offline survive a reload, and are added once', async () => {
  const { mentorId, menteeId, pairId } = await pairWithPhones('Зайцева Нина', 'Орлов Глеб');
  const phone = await mentorPhone(mentorId);
  await setOffline(phone.context, true);
  const page = phone.page;
  await page.goto(`/pair/${pairId}/plan/${menteeId}`);
  const goalField = page.getByLabel('Цель', { exact: true });
  await page.getByText('Добавить цель', { exact: true }).first().click();
  await goalField.pressSequentially('Подготовиться к олимпиаде', { delay: 20 });
  await expect
    .poll(async () => (await stored(page, 'drafts', `goal:new:${pairId}:${menteeId}`))?.value?.title)
    .toBe('Подготовиться к олимпиаде');
  await page.reload();
  await page.getByText('Добавить цель', { exact: true }).first().click();
  await expect(goalField).toHaveValue('Подготовиться к олимпиаде');
  await page.getByRole('button', { name: 'Добавить цель' }).click();
  const heading = page.getByRole('heading', { name: 'Подготовиться к олимпиаде' });
  await expect(heading).toBeVisible();
  await expect(goalField).toHaveValue('');

  const goalId = ((await heading.getAttribute('id')) ?? '').replace(/^goal-/, '');
  await page.getByLabel('Новая задача').pressSequentially('Решить задачи прошлых лет', { delay: 20 });
  await expect
    .poll(
      async () => (await stored(page, 'drafts', `task:new:${pairId}:${menteeId}:${goalId}`))?.value?.title,
    )
    .toBe('Решить задачи прошлых лет');
  await page.reload();
  await expect(page.getByLabel('Новая задача')).toHaveValue('Решить задачи прошлых лет');
  await page.getByRole('button', { name: 'Добавить задачу' }).click();
  await expect(page.getByTestId('task')).toHaveCount(1);
  await expect(page.getByLabel('Новая задача')).toHaveValue('');
  await phone.context.close();
});

test('mentor and mentee edit the same IDP offline on two phones; both changes survive on both', async () => {
  const { mentorId, menteeId, pairId } = await pairWithPhones('Фролова Инна', 'Шилов Денис');
  const mentor = await mentorPhone(mentorId);
  await mentor.page.goto(`/pair/${pairId}/plan/${menteeId}`);
  await mentor.page.getByText('Цель из шаблона').click();
  await mentor.page.getByLabel('Шаблон').selectOption({ label: 'Подготовка к экзамену' });
  await mentor.page.getByRole('button', { name: 'Добавить из шаблона' }).click();
  await expect(mentor.page.getByTestId('task')).toHaveCount(4);
  await syncNow(mentor.page);

  const mentee = await openPhone();
  await enrol(mentee.page, await inviteCode(menteeId, 'mentee'));
  await ensureOfflineReady(mentee.page);
  await mentee.page.goto(`/pair/${pairId}/plan/${menteeId}`);
  await expect(mentee.page.getByTestId('task')).toHaveCount(4);

  await setOffline(mentor.context, true);
  await setOffline(mentee.context, true);
  // The mentor rewords the first task; the mentee ticks the second.
  await mentor.page.goto(`/pair/${pairId}/plan/${menteeId}`);
  const first = mentor.page.getByTestId('task').nth(0);
  await first.getByText('Подробнее').click();
  await first.getByLabel('Формулировка задачи').fill('Написать диагностику по математике');
  await mentee.page.goto(`/pair/${pairId}/plan/${menteeId}`);
  await mentee.page.getByRole('checkbox', { name: 'Составить график подготовки по слабым темам' }).check();

  for (const phone of [mentor, mentee]) await setOffline(phone.context, false);
  await syncAll([mentor, mentee, mentor]);

  for (const phone of [mentor, mentee]) {
    await phone.page.goto(`/pair/${pairId}/plan/${menteeId}`);
    await expect(phone.page.getByTestId('task').nth(0)).toContainText('Написать диагностику по математике');
    await expect(
      phone.page.getByRole('checkbox', { name: 'Составить график подготовки по слабым темам' }),
    ).toBeChecked();
    await expect(phone.page.getByTestId('plan-progress')).toHaveText('Выполнено 1 из 4 задач (25%)');
  }
  await mentor.context.close();
  await mentee.context.close();
});

async function syncAll(phones: { page: Page; context: BrowserContext }[]) {
  for (const phone of phones) await syncNow(phone.page);
}

test('an optional reminder lists overdue tasks, once a day', async () => {
  const { mentorId, menteeId, pairId } = await pairWithPhones('Зуева Лидия', 'Быков Максим');
  const [plan] = await putRecords([{ type: 'plan', fields: { pairId, menteeId, title: 'ИПР' } }]);
  await putRecords([
    {
      type: 'task',
      fields: { planId: plan, title: 'Сдать реферат', status: 'todo', due: '2026-01-10', order: 0 },
    },
  ]);
  const phone = await mentorPhone(mentorId);
  await phone.context.grantPermissions(['notifications']);
  // What the app asks the system to show, kept by the page: headless Chromium may close a shown
  // notification at any moment, so the list of open ones is no record of what was shown.
  await phone.context.addInitScript(() => {
    const shownBodies: string[] = [];
    (globalThis as unknown as { shownBodies: string[] }).shownBodies = shownBodies;
    const show = ServiceWorkerRegistration.prototype.showNotification;
    ServiceWorkerRegistration.prototype.showNotification = function (title, options) {
      shownBodies.push(options?.body ?? '');
      return show.call(this, title, options);
    };
  });
  const page = phone.page;
  await page.reload();
  await expect(page.getByText('Просрочено задач ИПР: 1')).toBeVisible();
  await page.getByRole('link', { name: 'Настройки' }).click();
  await page.getByLabel('Напоминать о просроченных задачах и долгих перерывах').check();
  const shown = () => page.evaluate(() => (globalThis as unknown as { shownBodies: string[] }).shownBodies);
  await expect.poll(shown).toEqual([expect.stringContaining('Просрочено задач ИПР: 1')]);
  // Opening the app again the same day does not remind again.
  await page.goto('/');
  await expect(page.getByText('Просрочено задач ИПР: 1')).toBeVisible();
  await page.waitForFunction(() => performance.getEntriesByName('reminders-checked').length > 0);
  expect(await shown()).toEqual([]);
  await phone.context.close();
});

test('a meeting edited, deleted and brought back offline reaches the server as the mentor left it', async () => {
  const { mentorId, pairId } = await pairWithPhones('Ершова Галина', 'Лапин Роман');
  const phone = await mentorPhone(mentorId);
  const page = phone.page;
  await setOffline(phone.context, true);
  await page.goto(`/pair/${pairId}/meeting/new`);
  await page.getByLabel('Заметки о встрече').fill('Первая версия заметок');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await page.getByTestId('meetings').getByRole('link').first().click();
  await page.getByLabel('Заметки о встрече').fill('Исправленные заметки');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByTestId('meetings')).toContainText('Исправленные заметки');

  await page.getByTestId('meetings').getByRole('link').first().click();
  await page.getByRole('button', { name: 'Удалить встречу' }).click();
  await expect(page.getByTestId('toast')).toContainText('Встреча удалена');
  await expect(page.getByText('Встреч пока нет.')).toBeVisible();
  await page.getByTestId('toast').getByRole('button', { name: 'Отменить' }).click();
  await expect(page.getByTestId('meetings')).toContainText('Исправленные заметки');

  await setOffline(phone.context, false);
  await syncNow(page);
  const exported = (await api('/api/v1/export')).records as {
    type: string;
    fields: Record<string, unknown>;
    deleted?: string;
  }[];
  const ofPair = exported.filter((r) => r.type === 'meeting' && r.fields.pairId === pairId);
  expect(ofPair.filter((r) => !r.deleted).map((r) => r.fields.notes)).toEqual(['Исправленные заметки']);
  await phone.context.close();
});

test('meetings saved offline one after another show at once in this tab and in another, and all reach the server', async () => {
  const { mentorId, pairId } = await pairWithPhones('Двоева Ольга', 'Парный Илья');
  const phone = await mentorPhone(mentorId);
  const page = phone.page;
  await setOffline(phone.context, true);
  const other = await phone.context.newPage();
  await other.goto(`/pair/${pairId}`);
  await expect(other.getByText('Встреч пока нет.')).toBeVisible();
  // A tab's first write reads what it plans from; the ones after it, in the same page (taps, not loads),
  // are made beneath Dexie (db/direct-write.ts), which must tell both tabs' lists.
  const notes = ['Первая встреча вкладки', 'Вторая встреча вкладки', 'Третья встреча вкладки'];
  await page.goto(`/pair/${pairId}`);
  for (const [i, text] of notes.entries()) {
    await page.getByRole('link', { name: '+ Новая встреча' }).click();
    await page.getByLabel('Заметки о встрече').fill(text);
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await expect(page.getByTestId('meetings')).toContainText(text);
    await expect(other.getByTestId('meetings')).toContainText(text);
    await expect(other.getByTestId('meetings').getByRole('link')).toHaveCount(i + 1);
  }
  await other.close();
  await setOffline(phone.context, false);
  await syncNow(page);
  const exported = (await api('/api/v1/export')).records as {
    type: string;
    fields: Record<string, unknown>;
  }[];
  const ofPair = exported.filter((r) => r.type === 'meeting' && r.fields.pairId === pairId);
  expect(ofPair.map((r) => r.fields.notes).sort()).toEqual([...notes].sort());
  await phone.context.close();
});

test('a save that ends after the mentor has gone to another screen keeps the meeting and leaves the mentor there', async () => {
  const { mentorId, pairId } = await pairWithPhones('Зуева Мария', 'Кротов Денис');
  const phone = await mentorPhone(mentorId);
  const page = phone.page;
  await page.goto(`/pair/${pairId}/meeting/new`);
  await page.getByLabel('Заметки о встрече').fill('Сохранено на медленном телефоне');
  await expect
    .poll(async () => (await stored(page, 'drafts', `meeting:new:${pairId}`))?.value?.notes)
    .toBe('Сохранено на медленном телефоне');

  const disk = await holdStore(phone.context, 'meeting');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await page.getByRole('link', { name: 'Синхронизация', exact: true }).click();
  await expect(page.getByTestId('sync-now')).toBeVisible();
  await disk.release();
  // The save ends (its draft is dropped after the meeting is stored): the mentor is still where they went.
  await expect.poll(() => stored(page, 'drafts', `meeting:new:${pairId}`)).toBeNull();
  await expect(page).toHaveURL(/\/sync$/);
  await syncNow(page);
  const exported = (await api('/api/v1/export')).records as {
    type: string;
    fields: Record<string, unknown>;
  }[];
  expect(
    exported.filter((r) => r.type === 'meeting' && r.fields.pairId === pairId).map((r) => r.fields.notes),
  ).toEqual(['Сохранено на медленном телефоне']);
  await phone.context.close();
});

test('after the trial meeting the mentor answers «не подходит», and the curator is told', async ({
  page: curator,
}) => {
  const { mentorId, pairId } = await pairWithPhones('Ильина Тамара', 'Осипов Лев');
  await putRecords([
    {
      type: 'meeting',
      fields: {
        pairId,
        date: '2026-11-10',
        kind: 'trial',
        durationMin: 40,
        notes: 'Пробная',
        status: 'held',
      },
    },
  ]);
  const phone = await mentorPhone(mentorId);
  await phone.page.goto(`/pair/${pairId}`);
  await phone.page.getByRole('button', { name: 'Нет, не подходит' }).click();
  await phone.page
    .getByLabel('Что не так? (увидит только куратор)')
    .fill('Разные интересы, не находим общий язык');
  await phone.page.getByRole('button', { name: 'Отправить ответ' }).click();
  await expect(phone.page.getByText('Ваш ответ: Нет, не подходит')).toBeVisible();
  await syncNow(phone.page);
  await phone.context.close();

  await enrol(curator, await curatorCode('Куратор Пар'));
  await expect(curator.getByText(/Пары, где ответили «не подходит»: \d+/)).toBeVisible();
  await curator.goto(`/pair/${pairId}`);
  await expect(curator.getByText('Участник ответил, что пара не подходит.')).toBeVisible();
});

test('on a 360 px phone every choice of the meeting form shows its whole option, «Организационная» included', async ({
  page,
}) => {
  const { mentorId, pairId } = await pairWithPhones('Выборова Нина Петровна', 'Списков Лев');
  await page.setViewportSize({ width: 360, height: 740 });
  await enrol(page, await inviteCode(mentorId, 'mentor'));
  await page.goto(`/pair/${pairId}/meeting/new`);
  await expect(page.getByLabel('Вид встречи')).toHaveValue('organisational');
  // The room a select gives its chosen option's text, against that text's width in the select's font.
  const cut = await page.locator('select').evaluateAll((selects) =>
    (selects as HTMLSelectElement[]).flatMap((select) => {
      const style = getComputedStyle(select);
      const canvas = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
      canvas.font = style.font;
      const text = select.selectedOptions[0]?.text ?? '';
      // Its paddings, and the arrow, about 1.5 em.
      const room =
        select.clientWidth -
        Number.parseFloat(style.paddingLeft) -
        Number.parseFloat(style.paddingRight) -
        1.5 * Number.parseFloat(style.fontSize);
      return canvas.measureText(text).width > room ? [`${select.name}: ${text}`] : [];
    }),
  );
  expect(cut).toEqual([]);
});
