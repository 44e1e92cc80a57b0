// A text pasted past a field's limit is kept whole: the field counts near the limit, says under itself
// by how much it is over, and the form refuses to save until it fits — nothing cut, nothing lost.
import { expect, test } from '@playwright/test';
import { api, curatorCode, inviteCode, putRecords } from './api';
import { enrol, ensureOfflineReady, openPhone, setOffline, syncNow } from './app-page';

type Rec = { type: string; fields: Record<string, unknown> };

test('a next step and a topic pasted too long into a meeting offline stay whole and are refused with a word', async () => {
  const [mentorId, menteeId] = await putRecords([
    { type: 'person', fields: { fullName: 'Длиннова Алла Петровна', kind: 'teacher' } },
    {
      type: 'person',
      fields: { fullName: 'Краткий Павел', kind: 'student', minor: false, classOrSubject: '8В' },
    },
  ]);
  const [pairId] = await putRecords([
    { type: 'pair', fields: { mentorId, menteeIds: [menteeId], form: 'учитель–ученик', status: 'active' } },
  ]);
  const phone = await openPhone();
  const { page } = phone;
  await enrol(page, await inviteCode(mentorId as string, 'mentor'));
  await ensureOfflineReady(page);
  await setOffline(phone.context, true);
  await page.goto(`/pair/${pairId}/meeting/new`);
  const notes = `Заметки о длинном шаге ${Date.now()}`;
  await page.getByLabel('Заметки о встрече').fill(notes);

  const longStep = 'Подготовить доклад о проекте: '.repeat(20).slice(0, 600);
  const step = page.getByLabel('Новый шаг');
  await step.fill(longStep);
  await expect(step).toHaveValue(longStep);
  await expect(
    page.getByRole('alert').filter({ hasText: 'Слишком длинный текст: 600 знаков' }),
  ).toBeVisible();
  await expect(step).toHaveAttribute('aria-invalid', 'true');
  // «Добавить» does not take it, and the meeting is not saved: the form stays, the text whole in it.
  await page.getByRole('button', { name: 'Добавить шаг' }).click();
  await expect(page.getByTestId('next-steps').getByRole('listitem')).toHaveCount(0);
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(step).toBeFocused();
  await expect(step).toHaveValue(longStep);
  await expect(page).toHaveURL(new RegExp(`/pair/${pairId}/meeting/new$`));

  // A topic of its own, too long as well.
  const topic = page.getByLabel('Другая тема');
  await topic.fill('Т'.repeat(150));
  await expect(topic).toHaveValue('Т'.repeat(150));
  await expect(
    page.getByRole('alert').filter({ hasText: '150 знаков, а можно не больше 100' }),
  ).toBeVisible();
  await topic.fill('Олимпиада по физике');

  // Shortened to fit: the count says how near the limit it is, and the meeting saves with the step.
  const fitting = longStep.slice(0, 480);
  await step.fill(fitting);
  await expect(page.getByText('480 из 500 знаков')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Слишком длинный' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByTestId('meetings')).toContainText(notes);
  await setOffline(phone.context, false);
  await syncNow(page);
  const { records } = (await api('/api/v1/export')) as { records: Rec[] };
  const meeting = records.find((r) => r.type === 'meeting' && r.fields.notes === notes);
  expect((meeting?.fields.nextSteps as { text: string }[] | undefined)?.map((s) => s.text)).toEqual([
    fitting.trim(),
  ]);
  expect(meeting?.fields.topics).toEqual(['Олимпиада по физике']);
  await phone.context.close();
});

test('a title pasted too long into a form is kept whole and not saved until it fits', async ({ page }) => {
  // The enrolment screen's device name: the one-time code is not spent on a refused form.
  const code = await curatorCode('Заголовкова Вера Ильинична');
  await page.goto('/');
  await page.getByLabel('Код приглашения').fill(code);
  const deviceName = page.getByLabel('Название устройства');
  await deviceName.fill('Планшет '.repeat(20));
  await expect(deviceName).toHaveValue('Планшет '.repeat(20));
  await expect(
    page.getByRole('alert').filter({ hasText: '160 знаков, а можно не больше 100' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(deviceName).toBeFocused();
  await deviceName.fill('Планшет в учительской');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Здравствуйте');

  // A material's title (a form of the shared kind).
  await page.goto('/materials');
  const title = page.getByLabel('Название', { exact: true });
  const long = `Методичка ${'о наставничестве '.repeat(20)}`;
  await title.fill(long);
  await expect(title).toHaveValue(long);
  await expect(
    page.getByRole('alert').filter({ hasText: `${long.length} знаков, а можно не больше 300` }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Добавить', exact: true }).click();
  await expect(title).toBeFocused();
  await expect(title).toHaveValue(long);
  await expect(page.getByText('Материал добавлен')).toHaveCount(0);
  await title.fill('Методичка о наставничестве');
  await page.getByRole('button', { name: 'Добавить', exact: true }).click();
  await expect(page.getByText('Материал добавлен')).toBeVisible();
});
