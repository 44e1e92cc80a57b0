// A text that someone else saved and that reaches the phone while its user types into the same field is
// not lost: the field keeps what the user types (no letter eaten, no cursor moved), and the text their
// saves then replace, unseen, is kept for its author as a conflict copy. (Found by a walk-through: the
// next keystroke saved over it as if it had been read, and no copy was made.)
import { expect, test } from '@playwright/test';
import { api, inviteCode, seedTask } from './api';
import { enrol, ensureOfflineReady, openPhone, stored, syncNow } from './app-page';

test('evidence the curator saved while the mentee typed into the same field is kept for the curator', async () => {
  const { mentee, pair, task } = await seedTask({
    mentor: 'Проверяющая Анна Сергеевна',
    mentee: 'Печатающая Лиза',
    task: 'Провести открытый урок',
  });
  const phone = await openPhone();
  const { page, context } = phone;
  await enrol(page, await inviteCode(mentee as string, 'mentee'));
  await ensureOfflineReady(page);
  await page.goto(`/pair/${pair}/plan/${mentee}`);
  await page.getByText('Подробнее').first().click();
  const field = page.getByLabel('Подтверждение: заметка или ссылка');
  await field.click();
  await field.pressSequentially('Провела урок 5 ноября');
  const evidence = async () => (await stored(page, 'task', task as string))?.fields?.evidence;
  await expect.poll(evidence).toBe('Провела урок 5 ноября');

  // The curator's text for the same field reaches the phone (a sync in another tab) while she types.
  const curatorsText = `Урок посещён, отзыв в папке методобъединения ${Date.now()}`;
  await api('/api/v1/sync', {
    cursor: null,
    changes: [
      {
        id: task,
        type: 'task',
        fields: { evidence: curatorsText },
        stamps: { evidence: `${new Date().toISOString()}_0000_e2e-admin` },
      },
    ],
  });
  const other = await context.newPage();
  await other.goto('/');
  await syncNow(other);
  await other.close();
  await expect
    .poll(async () => (await stored(page, 'task', task as string))?.fields?.evidence)
    .toBe(curatorsText);

  // The field keeps her text, and says that another came.
  await expect(page.getByTestId('changed-meanwhile')).toContainText('здесь сохранили другой текст');
  await expect(page.getByTestId('changed-meanwhile')).toContainText(curatorsText);
  await expect(field).toHaveValue('Провела урок 5 ноября');
  await field.pressSequentially(', конспект приложен');
  await expect(field).toHaveValue('Провела урок 5 ноября, конспект приложен');
  await field.blur();
  await syncNow(page);

  const server = await api('/api/v1/sync', { cursor: null, changes: [] });
  const records = server.changes as { id: string; type: string; fields: Record<string, unknown> }[];
  expect(records.find((r) => r.id === task)?.fields.evidence).toBe(
    'Провела урок 5 ноября, конспект приложен',
  );
  expect(
    records.filter((r) => r.type === 'conflict' && r.fields.recordId === task).map((r) => r.fields.text),
  ).toContain(curatorsText);
  await context.close();
});
