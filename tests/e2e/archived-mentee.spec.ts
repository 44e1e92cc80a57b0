// A mentee the curator archives while a form of theirs waits to be sent: home says what the banner says
// (no promise of a pair), that what they recorded is kept on the device, and shows where to read it.
import { expect, test } from '@playwright/test';
import { inviteCode, putRecords, seedAssignedForm } from './api';
import { sendFormOffline, setOffline, syncNow } from './app-page';

test('an archived mentee is told their access ended and that their unsent answers are kept', async () => {
  const { mentee, assignment } = await seedAssignedForm({
    mentor: 'Архивова Нина',
    mentee: 'Уходящий Семён',
    title: 'Отзыв перед уходом',
  });

  const phone = await sendFormOffline(
    await inviteCode(mentee, 'mentee'),
    assignment,
    'Разбор задач по физике',
  );
  const page = phone.page;

  // Meanwhile the curator archives the mentee; the phone comes back online and tries to send.
  await putRecords([{ id: mentee, type: 'person', fields: { archived: true } }]);
  await setOffline(phone.context, false);
  await page.getByRole('link', { name: 'Синхронизация', exact: true }).click();
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-blocked')).toHaveText('Доступ закрыт: вы в архиве программы');

  await page.getByRole('link', { name: 'Главная' }).first().click();
  const archived = page.getByTestId('home-archived');
  await expect(archived).toContainText('Доступ закрыт: вы в архиве программы');
  await expect(archived).toContainText('сохранено на этом устройстве');
  await expect(archived).toContainText('если куратор вернёт вас в программу');
  await expect(page.getByText(/добавит вас в пару/)).toHaveCount(0);

  // What waits is there to read, word for word.
  await archived.getByRole('link', { name: 'Посмотреть неотправленное' }).click();
  const waiting = page.getByTestId('waiting-texts');
  await expect(waiting).toContainText('Разбор задач по физике');

  // Brought back, the phone sends it and home is as before.
  await putRecords([{ id: mentee, type: 'person', fields: { archived: false } }]);
  await syncNow(page);
  await expect(page.getByTestId('sync-blocked')).toHaveCount(0);
  await expect(page.getByTestId('sync-waiting')).toHaveText('Всё отправлено');
  await page.getByRole('link', { name: 'Главная' }).first().click();
  await expect(page.getByTestId('home-archived')).toHaveCount(0);
  await phone.context.close();
});
