// A mentee sends a form offline that the school already holds from another of her devices: the refusal
// is said in Russian, from its code — never in the server's English — on the form and on the sync screen.
import { expect, test } from '@playwright/test';
import { responseIdFor } from '../../src/domain/questionnaires/response-id';
import { inviteCode, putRecords } from './api';
import { enrol, ensureOfflineReady, openPhone, setOffline, syncNow } from './app-page';

test('a form the school already has is refused in the UI’s language', async () => {
  const [mentor, mentee] = await putRecords([
    { type: 'person', fields: { fullName: 'Лисицына Ольга', kind: 'teacher' } },
    { type: 'person', fields: { fullName: 'Зуев Артём', kind: 'student', minor: false } },
  ]);
  const [pair, template] = await putRecords([
    {
      type: 'pair',
      fields: { mentorId: mentor, menteeIds: [mentee], form: 'учитель–ученик', status: 'active' },
    },
    {
      type: 'formTemplate',
      fields: {
        title: 'Короткий отзыв о встречах',
        questions: [{ id: 'comment', kind: 'shortText', text: 'Что было полезно?', required: true }],
      },
    },
  ]);
  const [assignment] = await putRecords([
    { type: 'formAssignment', fields: { templateId: template, personId: mentee, pairId: pair, due: null } },
  ]);

  const phone = await openPhone();
  const page = phone.page;
  await enrol(page, await inviteCode(mentee as string, 'mentee'));
  await ensureOfflineReady(page);
  await setOffline(phone.context, true);
  await page.goto(`/fill/${assignment}`);
  await page.getByLabel('Что было полезно?').fill('Разбор задач с телефона');
  await page.getByRole('button', { name: 'Отправить' }).click();
  await expect(page.getByTestId('form-delivery')).toContainText('сохранена на телефоне');

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
