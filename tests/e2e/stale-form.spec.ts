// A form opened earlier never puts back what others changed meanwhile: a mentor changes only a meeting's
// duration and leaves the form (its draft is kept); the curator adds to the meeting's notes; the mentor's
// phone receives them, the mentor comes back to the draft and saves. Only the duration is theirs to
// write: the curator's notes stand. (Found by a walk-through: the whole form was written, the notes went
// back to the old text and no conflict copy was made.)
import { expect, test } from '@playwright/test';
import { api, inviteCode, putRecords } from './api';
import { enrol, ensureOfflineReady, openPhone, stored, syncNow } from './app-page';

test('saving a form opened before others changed the record writes only what the user changed', async () => {
  const [mentor, mentee] = await putRecords([
    { type: 'person', fields: { fullName: 'Черновикова Анна Павловна', kind: 'teacher' } },
    { type: 'person', fields: { fullName: 'Терпеливый Олег', kind: 'student', minor: false } },
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
      fields: {
        pairId: pair,
        date: '2026-11-20',
        kind: 'regular',
        durationMin: 45,
        notes: 'Заметка наставницы.',
      },
    },
  ]);
  const phone = await openPhone();
  const { page } = phone;
  await enrol(page, await inviteCode(mentor as string, 'mentor'));
  await ensureOfflineReady(page);

  await page.goto(`/meeting/${meeting}`);
  await page.getByLabel(/Длительность/).fill('60');
  // The draft is on the device before the mentor leaves the form.
  await expect
    .poll(async () => (await stored(page, 'drafts', `meeting:${meeting}`))?.value?.durationMin)
    .toBe('60');
  await page.getByRole('link', { name: 'Синхронизация', exact: true }).click();

  const curatorsNotes = 'Заметка наставницы. Куратор: пригласить психолога на следующую встречу.';
  await api('/api/v1/sync', {
    cursor: null,
    changes: [
      {
        id: meeting,
        type: 'meeting',
        fields: { notes: curatorsNotes },
        stamps: { notes: `${new Date().toISOString()}_0000_e2e-admin` },
      },
    ],
  });
  await syncNow(page);
  await expect
    .poll(async () => (await stored(page, 'meeting', meeting as string))?.fields?.notes)
    .toBe(curatorsNotes);

  await page.goto(`/meeting/${meeting}`);
  await expect(page.getByText('Восстановлен несохранённый черновик')).toBeVisible();
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await page.waitForURL(/\/pair\//);
  await syncNow(page);

  const server = await api('/api/v1/sync', { cursor: null, changes: [] });
  const saved = (server.changes as { id: string; fields: Record<string, unknown> }[]).find(
    (r) => r.id === meeting,
  );
  expect(saved?.fields.notes).toBe(curatorsNotes);
  expect(saved?.fields.durationMin).toBe(60);
  await phone.context.close();
});
