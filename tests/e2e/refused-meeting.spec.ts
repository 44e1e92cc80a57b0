// A meeting recorded offline for a pair the curator handed to another mentor meanwhile is refused: the
// mentor may no longer write there, and the meeting no longer opens on the phone. What they typed is
// on the refused change's card, to copy and keep, before they give the change up. (Found by a
// walk-through: the card showed no text, and giving up deleted it.)
import { expect, test } from '@playwright/test';
import { api, inviteCode, putRecords } from './api';
import { BASE_URL, enrol, ensureOfflineReady, openPhone, setOffline, syncNow } from './app-page';

test('the text of a meeting refused after its pair changed mentor is on the card, to copy', async () => {
  const [mentor, successor, mentee] = await putRecords([
    { type: 'person', fields: { fullName: 'Уходящая Ирина Львовна', kind: 'teacher' } },
    { type: 'person', fields: { fullName: 'Сменщица Ольга Ивановна', kind: 'teacher' } },
    { type: 'person', fields: { fullName: 'Передаваемый Илья', kind: 'student', minor: false } },
  ]);
  const [pair] = await putRecords([
    {
      type: 'pair',
      fields: { mentorId: mentor, menteeIds: [mentee], form: 'учитель–ученик', status: 'active' },
    },
  ]);
  const phone = await openPhone();
  await phone.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
  const { page } = phone;
  await enrol(page, await inviteCode(mentor as string, 'mentor'));
  await ensureOfflineReady(page);

  await setOffline(phone.context, true);
  await page.getByRole('link', { name: /^Передаваемый Илья/ }).click();
  await page.getByRole('link', { name: /Новая встреча/ }).click();
  const note = `Рассказал о ссоре с классом, договорились о встрече с психологом ${Date.now()}`;
  await page.getByLabel('Заметки о встрече').fill(note);
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByTestId('sync-waiting')).toHaveText('Ждут отправки: 1');

  // Meanwhile the curator hands the pair to another mentor.
  await api('/api/v1/sync', {
    cursor: null,
    changes: [
      {
        id: pair,
        type: 'pair',
        fields: { mentorId: successor },
        stamps: { mentorId: `${new Date().toISOString()}_0000_e2e-admin` },
      },
    ],
  });
  await setOffline(phone.context, false);
  await syncNow(page);

  const card = page.getByTestId('rejected').getByRole('listitem');
  await expect(card).toContainText('Встреча');
  await expect(card.getByText(note)).toBeVisible();
  await card.getByRole('button', { name: 'Скопировать текст' }).click();
  await expect(card.getByText('Текст скопирован')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(note);
  await phone.context.close();
});
