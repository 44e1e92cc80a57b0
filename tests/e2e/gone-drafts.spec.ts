// A form's draft whose record went meanwhile — a meeting deleted on another device while its edit was
// left unsaved, a questionnaire withdrawn while its answers were typed and not sent, a new meeting and an
// IDP goal typed for a pair that then left the phone — is shown where the form was and on the sync screen,
// to be copied: the meeting's screen said «Загрузка…» for ever, the questionnaire's «не найдена», with the
// typed text out of sight.
import { expect, test } from '@playwright/test';
import { formatHlc } from '../../src/domain/hlc';
import { api, inviteCode, newSchool, putRecords, seedAssignedForm, seedTask } from './api';
import { enrol, syncNow } from './app-page';

/** Deletes a record on the server, as a curator on another device. */
async function deleteOnServer(id: string, type: string, token: string) {
  const stamp = formatHlc({ ms: Date.now(), counter: 1, node: 'e2e-other-device' });
  const answer = await api(
    '/api/v1/sync',
    {
      cursor: null,
      changes: [{ id, type, fields: {}, stamps: {}, deleted: stamp }],
    },
    token,
  );
  expect(answer.rejected).toEqual([]);
}

test('a meeting deleted elsewhere while its edit was left unsaved shows what was typed', async ({ page }) => {
  const { token } = await newSchool('Школа удалённой встречи');
  const { mentor, pair } = await seedTask(
    { mentor: 'Удалёнова Нина', mentee: 'Удалёнов Глеб', task: 'Прочитать главу' },
    token,
  );
  const [meeting] = await putRecords(
    [
      {
        type: 'meeting',
        fields: {
          pairId: pair,
          date: '2026-11-10',
          kind: 'trial',
          durationMin: 40,
          notes: 'Пробная',
          status: 'held',
        },
      },
    ],
    token,
  );
  await enrol(page, await inviteCode(mentor, 'mentor', token));
  await page.goto(`/meeting/${meeting}`);
  const notes = 'Пробная. Глеб рассказал о своих планах на олимпиаду';
  await page.getByLabel('Заметки о встрече').fill(notes);
  await page.getByLabel('Новый шаг').fill('Решить пробный вариант');
  await page.goto('/');
  await deleteOnServer(meeting as string, 'meeting', token);
  await syncNow(page);

  await page.goto(`/meeting/${meeting}`);
  await expect(page.getByText('Эту встречу удалили на другом устройстве.')).toBeVisible();
  const kept = page.getByTestId('gone-draft');
  await expect(kept).toContainText(notes);
  await expect(kept).toContainText('Решить пробный вариант');
  // Kept until the user drops it, after a reload too.
  await page.reload();
  await expect(kept).toContainText(notes);
  await kept.getByRole('button', { name: 'Удалить этот текст' }).click();
  await kept.getByRole('button', { name: 'Да, удалить' }).click();
  await expect(kept).toHaveCount(0);
  await page.reload();
  await expect(page.getByText('Эту встречу удалили на другом устройстве.')).toBeVisible();
  await expect(kept).toHaveCount(0);
});

test('a questionnaire withdrawn while its answers were typed shows the answers', async ({ page }) => {
  const { token } = await newSchool('Школа отменённой анкеты');
  const { mentee, assignment } = await seedAssignedForm(
    { mentor: 'Анкетова Нина', mentee: 'Анкетов Лев', title: 'Отзыв, который отменили' },
    token,
  );
  await enrol(page, await inviteCode(mentee, 'mentee', token));
  await page.goto(`/fill/${assignment}`);
  const answer = 'Разбор задач по физике и подготовка к олимпиаде';
  await page.getByLabel('Что было полезно?').fill(answer);
  await page.goto('/');
  await deleteOnServer(assignment, 'formAssignment', token);
  await syncNow(page);

  await page.goto(`/fill/${assignment}`);
  await expect(page.getByText('Анкета не найдена на этом устройстве.')).toBeVisible();
  await expect(page.getByTestId('gone-draft')).toContainText(answer);
});

test('a new meeting typed for a pair that left the phone (its consent withdrawn) is found from home', async ({
  page,
}) => {
  const { token } = await newSchool('Школа отозванного черновика');
  const [mentor, minor] = await putRecords(
    [
      { type: 'person', fields: { fullName: 'Черновая Ирина', kind: 'teacher' } },
      { type: 'person', fields: { fullName: 'Отозванов Егор', kind: 'student', minor: true } },
    ],
    token,
  );
  const [consent] = await putRecords(
    [
      {
        type: 'consent',
        fields: { personId: minor, signedBy: 'Отозванова Анна', date: '2026-09-01', withdrawn: false },
      },
    ],
    token,
  );
  const [pair] = await putRecords(
    [
      {
        type: 'pair',
        fields: { mentorId: mentor, menteeIds: [minor], form: 'учитель–ученик', status: 'active' },
      },
    ],
    token,
  );
  await enrol(page, await inviteCode(mentor as string, 'mentor', token));
  await page.goto(`/pair/${pair}/meeting/new`);
  const notes = 'Егор хочет участвовать в олимпиаде по физике';
  await page.getByLabel('Заметки о встрече').fill(notes);
  // And a goal for his IDP, left unsaved too.
  await page.goto(`/pair/${pair}/plan/${minor}`);
  await page.getByText('Добавить цель', { exact: true }).first().click();
  await page.getByLabel('Цель', { exact: true }).fill('Пройти на региональный этап олимпиады');
  await page.goto('/');
  await putRecords(
    [{ type: 'consent', id: consent, fields: { withdrawn: true, withdrawnDate: '2026-11-20' } }],
    token,
  );
  await syncNow(page);

  // The pair is gone from home; what was typed for it is said there, and shown where it leads.
  await page.getByRole('link', { name: 'Главная' }).first().click();
  const notice = page.getByTestId('home-gone-drafts');
  await expect(notice).toContainText('сохранён на устройстве');
  await expect(notice).toContainText('(2)');
  await notice.getByRole('link', { name: 'Посмотреть' }).click();
  await expect(page.getByTestId('gone-draft').filter({ hasText: 'Встреча' })).toContainText(notes);
  await expect(page.getByTestId('gone-draft').filter({ hasText: 'Цель ИПР' })).toContainText(
    'Пройти на региональный этап олимпиады',
  );
  // The form's own address says why it does not open, and shows the text too.
  await page.goto(`/pair/${pair}/meeting/new`);
  await expect(page.getByText('Эта пара больше не открывается на этом устройстве')).toBeVisible();
  await expect(page.getByTestId('gone-draft')).toContainText(notes);
});
