// A pair the curator ended is history on the mentor's home: no «Пора провести…», no «+ Встреча», shown
// apart; its page still opens and still takes a meeting held before the end.
import { expect, test } from '@playwright/test';
import { inviteCode, putRecords } from './api';
import { enrol } from './app-page';

test('a mentor whose pair was ended is not prompted for it, and can still open its history', async ({
  page,
}) => {
  const longAgo = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
  const [mentorId, runningMentee, endedMentee] = await putRecords([
    { type: 'person', fields: { fullName: 'Завершаева Нина Павловна', kind: 'teacher' } },
    { type: 'person', fields: { fullName: 'Идущий Пётр', kind: 'student', minor: false } },
    { type: 'person', fields: { fullName: 'Ушедший Глеб', kind: 'student', minor: false } },
  ]);
  const pair = (menteeId: string | undefined, status: string) => ({
    mentorId,
    menteeIds: [menteeId],
    form: 'учитель–ученик',
    status,
    history: [
      { date: longAgo, status: 'proposed', note: null },
      ...(status === 'ended' ? [{ date: longAgo, status: 'ended', note: 'Переезд' }] : []),
    ],
    ...(status === 'ended' ? { endReason: 'Переезд' } : {}),
  });
  const [, endedPairId] = await putRecords([
    { type: 'pair', fields: pair(runningMentee, 'active') },
    { type: 'pair', fields: pair(endedMentee, 'ended') },
  ]);
  await enrol(page, await inviteCode(mentorId as string, 'mentor'));

  const running = page.getByTestId('home-pairs').getByRole('listitem');
  await expect(running).toHaveCount(1);
  await expect(running).toContainText('Идущий Пётр');
  await expect(running).toContainText('Пора провести организационную встречу');

  const closed = page.getByTestId('home-closed-pairs').getByRole('listitem');
  await expect(page.getByRole('heading', { name: 'Завершённые пары' })).toBeVisible();
  await expect(closed).toHaveCount(1);
  await expect(closed).toContainText('Ушедший Глеб');
  await expect(closed).toContainText('Пара прекращена');
  await expect(closed).not.toContainText('Пора провести');
  await expect(closed.getByRole('link', { name: /Новая встреча/ })).toHaveCount(0);
  // Only the running pair is counted among those without a recent meeting.
  await expect(page.getByText(/Пар без встреч больше 14 дней: 1$/)).toBeVisible();

  // Its page opens, and a meeting held before the end can still be written down there.
  await closed.getByRole('link', { name: /Ушедший Глеб/ }).click();
  await expect(page).toHaveURL(new RegExp(`/pair/${endedPairId}$`));
  await expect(page.getByText('Прекращена')).toBeVisible();
  await expect(page.getByRole('link', { name: '+ Новая встреча' })).toHaveCount(0);
  await expect(
    page.getByRole('link', { name: '+ Записать встречу, прошедшую до завершения пары' }),
  ).toHaveAttribute('href', `/pair/${endedPairId}/meeting/new`);
});
