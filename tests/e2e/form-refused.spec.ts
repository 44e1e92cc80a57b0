// A mentee sends a form offline that the school already holds from another of her devices: the refusal
// is said in Russian, from its code — never in the server's English — on the form and on the sync screen.
import { expect, test } from '@playwright/test';
import { responseIdFor } from '../../src/domain/questionnaires/response-id';
import { inviteCode, putRecords, seedAssignedForm } from './api';
import { sendFormOffline, setOffline, syncNow } from './app-page';

test('a form the school already has is refused in the UI’s language', async () => {
  const { mentee, assignment } = await seedAssignedForm({
    mentor: 'Лисицына Ольга',
    mentee: 'Зуев Артём',
    title: 'Короткий отзыв о встречах',
  });

  const phone = await sendFormOffline(
    await inviteCode(mentee, 'mentee'),
    assignment,
    'Разбор задач с телефона',
  );
  const page = phone.page;

  // Meanwhile the same form was sent from the mentee's tablet.
  await putRecords([
    {
      type: 'formResponse',
      id: responseIdFor(assignment as string) as string,
      fields: {
        assignmentId: assignment,
        answers: { comment: 'Разбор задач с планшета' },
        submittedAt: new Date().toISOString(),
        templateVersion: 1,
      },
    },
  ]);
  await setOffline(phone.context, false);
  await syncNow(page);
  const card = page.getByTestId('rejected').getByRole('listitem');
  await expect(card).toContainText('Ответ на анкету — Анкета уже отправлена');
  await expect(card).toContainText('изменить её может только куратор');
  // The server's own reason is for administrators: folded away, never the message.
  await expect(page.getByText(/already|rejected|stamp/i)).toBeHidden();
  await page.goto(`/fill/${assignment}`);
  await expect(page.getByTestId('form-delivery')).toHaveText('Школа не приняла анкету.');
  await page.getByRole('link', { name: 'Что делать?' }).click();
  await expect(page.getByTestId('rejected')).toContainText('Анкета уже отправлена');
  await phone.context.close();
});
