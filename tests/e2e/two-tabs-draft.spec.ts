// One meeting open in two tabs of a phone: a long note typed in one, the duration changed in the other,
// then the browser closes before either is saved. Both are in the draft that comes back: the tab that
// typed last no longer takes the other's typing away. (Found by a walk-through.)
import { expect, test } from '@playwright/test';
import { inviteCode, putRecords } from './api';
import { enrol, ensureOfflineReady, openPhone, stored } from './app-page';

test('what two tabs typed into one meeting both come back after the browser closed', async () => {
  const [mentor, mentee] = await putRecords([
    { type: 'person', fields: { fullName: 'Двухвкладочная Нина Ивановна', kind: 'teacher' } },
    { type: 'person', fields: { fullName: 'Вкладкин Саша', kind: 'student', minor: false } },
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
        notes: 'Старая заметка.',
      },
    },
  ]);
  let phone = await openPhone();
  await enrol(phone.page, await inviteCode(mentor as string, 'mentor'));
  await ensureOfflineReady(phone.page);
  const first = phone.page;
  await first.goto(`/meeting/${meeting}`);
  const second = await phone.context.newPage();
  await second.goto(`/meeting/${meeting}`);

  const note = `Старая заметка. Подробный разбор урока ${Date.now()}`;
  await first.getByLabel('Заметки о встрече').fill(note);
  const draft = async () => (await stored(first, 'drafts', `meeting:${meeting}`))?.value;
  await expect.poll(async () => (await draft())?.notes).toBe(note);
  await second.getByLabel(/Длительность/).fill('50');
  await expect.poll(async () => (await draft())?.durationMin).toBe('50');
  await phone.context.close();

  phone = await openPhone(phone.profileDir);
  await phone.page.goto(`/meeting/${meeting}`);
  await expect(phone.page.getByText('Восстановлен несохранённый черновик')).toBeVisible();
  await expect(phone.page.getByLabel('Заметки о встрече')).toHaveValue(note);
  await expect(phone.page.getByLabel(/Длительность/)).toHaveValue('50');
  await phone.context.close();
});
