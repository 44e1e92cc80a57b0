// Roadmap stage 3: the curator publishes methodological materials; a mentor reads them on the phone,
// offline.
import { expect, test } from '@playwright/test';
import { curatorCode, inviteCode, putRecords } from './api';
import { enrol, ensureOfflineReady, openPhone, setOffline, stored, syncNow } from './app-page';

test('a curator publishes a guide from the roadmap; a mentor finds it on the phone offline', async ({
  page: curator,
}) => {
  const title = `Памятка наставника ${Date.now()}`;
  await enrol(curator, await curatorCode('Куратор Материалов'));
  await curator.getByRole('link', { name: 'Дорожная карта', exact: true }).click();
  await curator.getByRole('link', { name: /Методические материалы для наставников: \d+/ }).click();
  await expect(curator.getByRole('heading', { level: 1 })).toHaveText('Материалы');

  await curator.getByLabel('Название').fill(title);
  // What is typed survives a reload (a draft on the device).
  await expect.poll(async () => (await stored(curator, 'drafts', 'material:new'))?.value?.title).toBe(title);
  await curator.reload();
  await expect(curator.getByLabel('Название')).toHaveValue(title);
  await curator.getByLabel('Ссылка').fill('javascript:alert(1)');
  await curator.getByRole('button', { name: 'Добавить', exact: true }).click();
  await expect(curator.getByText('Ссылка должна начинаться с https:// или http://')).toBeVisible();
  await curator.getByLabel('Ссылка').fill('https://example.org/pamyatka.pdf');
  await curator.getByLabel('Описание').fill('Как провести первую встречу');
  await curator.getByRole('button', { name: 'Добавить', exact: true }).click();
  const card = curator.getByTestId('materials').getByRole('listitem').filter({ hasText: title });
  await expect(card).toContainText('Как провести первую встречу');
  await expect(curator.getByLabel('Название')).toHaveValue('');

  // Deleted by mistake and brought back.
  await card.getByRole('button', { name: 'Удалить' }).click();
  await expect(card).toHaveCount(0);
  await curator.getByRole('button', { name: 'Вернуть' }).click();
  await expect(
    curator.getByTestId('materials').getByRole('listitem').filter({ hasText: title }),
  ).toBeVisible();
  await syncNow(curator);

  const [mentorId] = await putRecords([
    { type: 'person', fields: { fullName: 'Читающий Наставник', kind: 'teacher' } },
  ]);
  const phone = await openPhone();
  await enrol(phone.page, await inviteCode(mentorId as string, 'mentor'));
  await ensureOfflineReady(phone.page);
  await setOffline(phone.context, true);
  await phone.page.getByRole('link', { name: 'Материалы', exact: true }).click();
  const link = phone.page.getByRole('link', { name: `Открыть «${title}»` });
  await expect(link).toHaveAttribute('href', 'https://example.org/pamyatka.pdf');
  await expect(phone.page.getByRole('button', { name: 'Удалить' })).toHaveCount(0);
  await expect(phone.page.getByLabel('Название')).toHaveCount(0);
  await phone.context.close();
});
