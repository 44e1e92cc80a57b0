// Nothing typed is lost to a conflict: a mentee writes what they did for a task on the phone, offline,
// while the mentor deletes that task; after the sync the text is back on the phone, to copy and dismiss.
import { expect, test } from '@playwright/test';
import { api, enrolByApi, inviteCode, putRecords, seedTask } from './api';
import { BASE_URL, enrol, ensureOfflineReady, openPhone, setOffline, syncNow } from './app-page';

type Rec = { id: string; type: string; fields: Record<string, unknown> };

test('evidence typed offline into a task deleted meanwhile comes back to the mentee after the sync', async () => {
  const evidence = `Выступила на классном часе ${Date.now()}, слайды у классного руководителя`;
  const { mentee, pair, task } = await seedTask({
    mentor: 'Удаляева Нина Петровна',
    mentee: 'Старательная Вера',
    task: 'Сделать доклад',
  });

  const phone = await openPhone();
  await phone.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
  const { page } = phone;
  await enrol(page, await inviteCode(mentee as string, 'mentee'));
  await ensureOfflineReady(page);
  await page.goto(`/pair/${pair}/plan/${mentee}`);
  await expect(page.getByTestId('task')).toContainText('Сделать доклад');

  await setOffline(phone.context, true);
  await page.getByText('Подробнее').click();
  await page.getByLabel('Подтверждение: заметка или ссылка').fill(evidence);
  await page.getByLabel('Подтверждение: заметка или ссылка').blur();
  await expect(page.getByTestId('sync-waiting')).toContainText('1');

  // Meanwhile the task is deleted (by the curator here; the mentor could as well).
  const deleted = `${new Date().toISOString()}_0000_e2e-admin`;
  await api('/api/v1/sync', {
    cursor: null,
    changes: [{ id: task, type: 'task', fields: {}, stamps: {}, deleted }],
  });

  await setOffline(phone.context, false);
  await syncNow(page);
  await expect(page.getByTestId('sync-copies')).toHaveText('Ваши тексты после конфликта: 1');
  const kept = page.getByTestId('kept-texts');
  await expect(kept).toContainText('Задача — подтверждение выполнения');
  await expect(kept.getByText(evidence)).toBeVisible();

  await kept.getByRole('button', { name: 'Скопировать текст' }).click();
  await expect(kept.getByText('Текст скопирован')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(evidence);

  // Put back where it belongs, the copy is dismissed — on this phone and, after a sync, for good.
  await kept.getByRole('button', { name: 'Скрыть' }).click();
  await kept.getByRole('button', { name: 'Да, удалить копию' }).click();
  await expect(page.getByTestId('kept-texts')).toHaveCount(0);
  await expect(page.getByTestId('sync-copies')).toHaveCount(0);
  await syncNow(page);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('sync-copies')).toHaveCount(0);
  await phone.context.close();
});

test('a mentor’s private note that lost to a curator’s edit goes back into the private notes, never the shared ones', async () => {
  const secret = `Тревожится из-за семьи ${Date.now()}`;
  const [mentor, mentee] = await putRecords([
    { type: 'person', fields: { fullName: 'Приватова Анна Ильинична', kind: 'teacher' } },
    { type: 'person', fields: { fullName: 'Скромный Илья', kind: 'student', minor: false } },
  ]);
  const [pair] = await putRecords([
    {
      type: 'pair',
      fields: { mentorId: mentor, menteeIds: [mentee], form: 'учитель–ученик', status: 'active' },
    },
  ]);
  const [meeting] = await putRecords([
    {
      type: 'meeting',
      fields: { pairId: pair, date: '2026-11-20', kind: 'regular', durationMin: 40, notes: 'Обсудили план' },
    },
  ]);
  const phone = await openPhone();
  const { page } = phone;
  await enrol(page, await inviteCode(mentor as string, 'mentor'));

  // The mentor's other device writes a private note; a curator who had not seen it writes over it.
  const laptop = await enrolByApi(await inviteCode(mentor as string, 'mentor'));
  const now = Date.now();
  const write = (text: string, ms: number, node: string) => ({
    id: meeting,
    type: 'meeting',
    fields: { privateNotes: text },
    stamps: { privateNotes: `${new Date(ms).toISOString()}_0000_${node}` },
  });
  await api('/api/v1/sync', { cursor: null, changes: [write(secret, now, 'mentor-laptop')] }, laptop.token);
  // Stamped a millisecond later: the curator's text wins the merge.
  await api('/api/v1/sync', { cursor: null, changes: [write('Исправлено куратором', now + 1, 'e2e-admin')] });

  await syncNow(page);
  await page.goto(`/meeting/${meeting}`);
  await expect(page.getByRole('heading', { name: 'Ваш текст не вошёл в заметки' })).toBeVisible();
  await page.getByRole('button', { name: 'Вернуть мой текст' }).click();
  await expect(page.getByLabel('Личные заметки наставника (наставляемый их не увидит)')).toHaveValue(secret);
  await expect(page.getByLabel('Заметки о встрече')).toHaveValue('Обсудили план');
  await phone.context.close();
});

test('a task title that lost to the curator’s says which task it was and goes back with «Вернуть мой текст»', async () => {
  const mine = `Решить 10 задач олимпиады ${Date.now()} — моя формулировка`;
  const { mentor, mentee, pair, task } = await seedTask({
    mentor: 'Возвратова Ирина Павловна',
    mentee: 'Задачкин Лев',
    task: 'Решить задачи',
  });
  const phone = await openPhone();
  const { page } = phone;
  await enrol(page, await inviteCode(mentor as string, 'mentor'));
  await ensureOfflineReady(page);
  await page.goto(`/pair/${pair}/plan/${mentee}`);
  await expect(page.getByTestId('task')).toContainText('Решить задачи');
  await setOffline(phone.context, true);
  await page.getByText('Подробнее').click();
  await page.getByLabel('Формулировка задачи').fill(mine);
  await page.getByLabel('Формулировка задачи').blur();
  await expect(page.getByTestId('sync-waiting')).toContainText('1');
  // Meanwhile the curator renames the task, later by the clock: the mentor's title loses.
  const later = new Date(Date.now() + 60_000).toISOString();
  await api('/api/v1/sync', {
    cursor: null,
    changes: [
      {
        id: task,
        type: 'task',
        fields: { title: 'Название куратора' },
        stamps: { title: `${later}_0000_e2e-admin` },
      },
    ],
  });
  await setOffline(phone.context, false);
  await syncNow(page);
  const kept = page.getByTestId('kept-texts');
  await expect(kept.getByText(mine)).toBeVisible();
  // Which task: its title now, linked to its plan.
  await expect(kept.getByRole('link', { name: 'Название куратора' })).toHaveAttribute(
    'href',
    `/pair/${pair}/plan/${mentee}`,
  );
  await kept.getByRole('button', { name: 'Вернуть мой текст' }).click();
  await expect(kept.getByRole('link', { name: mine })).toBeVisible();
  await syncNow(page);
  const { records } = (await api('/api/v1/export')) as { records: Rec[] };
  expect(records.find((r) => r.id === task)?.fields.title).toBe(mine);
  await phone.context.close();
});
