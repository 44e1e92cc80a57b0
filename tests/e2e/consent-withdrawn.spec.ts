// A pair whose minor mentee has no valid parental consent any more works for nobody: the mentor receives
// nothing of the mentee. The curator is told so on the pair's page, with the way to the person's
// consents (it looked «Утверждена» and offered «+ Новая встреча», found by a walk-through).
import { expect, test } from '@playwright/test';
import { curatorCode, inviteCode, newSchool, putRecords } from './api';
import { enrol } from './app-page';
import { expectFitsPhone } from './layout-check';

test('the curator sees on a pair that a mentee’s parental consent was withdrawn', async ({ page }) => {
  const { token } = await newSchool('Школа отозванного согласия');
  const [mentorId, minorId, consentId] = await putRecords(
    [
      { type: 'person', fields: { fullName: 'Михайлова Ирина Петровна', kind: 'teacher' } },
      { type: 'person', fields: { fullName: 'Кузнецов Егор', kind: 'student', minor: true } },
    ],
    token,
  ).then(async (ids) => [
    ...ids,
    ...(await putRecords(
      [
        {
          type: 'consent',
          fields: {
            personId: ids[1],
            signedBy: 'Кузнецова Анна (мать)',
            date: '2026-09-01',
            withdrawn: false,
          },
        },
      ],
      token,
    )),
  ]);
  const [pairId] = await putRecords(
    [
      {
        type: 'pair',
        fields: { mentorId, menteeIds: [minorId], form: 'учитель–ученик', status: 'active' },
      },
    ],
    token,
  );
  await putRecords(
    [{ type: 'consent', id: consentId, fields: { withdrawn: true, withdrawnDate: '2026-11-25' } }],
    token,
  );
  await enrol(page, await curatorCode('Согласова Вера Андреевна', token));
  await page.goto(`/pair/${pairId}`);
  const notice = page.getByText(/Нет действующего согласия родителей/);
  await expect(notice).toBeVisible();
  await notice.getByRole('link', { name: 'Кузнецов Егор' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Кузнецов Егор');
  // His card names his pair, with its way back.
  const theirPairs = page.getByTestId('person-pairs');
  await expect(theirPairs).toContainText('Михайлова Ирина Петровна');
  await expect(theirPairs).toContainText('наставляемый');
  // The pairs' table says it too.
  await page.goto('/pairs');
  await expect(
    page.getByTestId('pairs-table').getByRole('row', { name: /Михайлова Ирина Петровна/ }),
  ).toContainText('нет согласия родителей');
  // A new pair's form says it beside his name, before «Создать» would refuse him.
  await page.getByText('Новая пара или группа').click();
  await expect(page.getByLabel('Кузнецов Егор (нет согласия родителей)')).toBeVisible();
  // An approval order is not issued for the pair: the order names who has no consent.
  await page.goto('/orders');
  await page.getByLabel('Номер приказа').fill('113-о');
  await page.getByTestId('order-pairs').getByRole('checkbox').check();
  await page.getByRole('button', { name: /^Издать приказ/ }).click();
  await expect(page.getByText(/Без действующего согласия родителей: Кузнецов Егор/)).toBeVisible();
  await expect(page).toHaveURL(/\/orders$/);
});

test('a form given to a minor whose parents withdrew their consent since: not counted, and the row says why', async ({
  page,
}) => {
  const { token } = await newSchool('Школа отозванной анкеты');
  const [mentorId, minorId, adultId, templateId] = await putRecords(
    [
      { type: 'person', fields: { fullName: 'Михайлова Ирина Петровна', kind: 'teacher' } },
      { type: 'person', fields: { fullName: 'Кузнецов Егор', kind: 'student', minor: true } },
      { type: 'person', fields: { fullName: 'Андреева Полина', kind: 'student', minor: false } },
      {
        type: 'formTemplate',
        fields: {
          title: 'Анкета после четверти',
          questions: [{ id: 'comfort', kind: 'scale', text: 'Комфорт', required: true, min: 1, max: 10 }],
        },
      },
    ],
    token,
  );
  const [consentId, pairId] = await putRecords(
    [
      {
        type: 'consent',
        fields: {
          personId: minorId,
          signedBy: 'Кузнецова Анна (мать)',
          date: '2026-09-01',
          withdrawn: false,
        },
      },
      {
        type: 'pair',
        fields: { mentorId, menteeIds: [minorId, adultId], form: 'учитель–ученик', status: 'active' },
      },
    ],
    token,
  );
  const given = (personId: string | undefined) => ({
    type: 'formAssignment',
    fields: { templateId, personId, pairId, due: '2026-12-20' },
  });
  const [, adultForm] = await putRecords([given(minorId), given(adultId)], token);
  // Polina answers (on paper, typed in by the curator); then Egor's parents withdraw their consent.
  await putRecords(
    [
      {
        type: 'formResponse',
        fields: { assignmentId: adultForm, answers: { comfort: 8 }, submittedAt: new Date().toISOString() },
      },
      { type: 'consent', id: consentId, fields: { withdrawn: true, withdrawnDate: '2026-11-25' } },
    ],
    token,
  );
  await enrol(page, await curatorCode('Анкетова Вера Андреевна', token));
  await page.goto(`/forms/${templateId}`);
  // Each row by its respondent (both are named in the pair's column); the figures once both are here.
  const rowOf = (name: string) =>
    page.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
  await expect(rowOf('Кузнецов Егор')).toContainText(
    'не ответит: нет согласия родителей, в подсчёт не входит',
  );
  await expect(rowOf('Андреева Полина')).toContainText('отправлена');
  // Egor's form is in neither figure: «1 из 2» was a rate no one could reach.
  await expect(page.getByTestId('response-rate')).toHaveText('Ответили 1 из 1 (100%)');
  await page.getByRole('link', { name: 'Назад' }).click();
  await expect(
    page.getByTestId('templates').getByRole('listitem').filter({ hasText: 'Анкета после четверти' }),
  ).toContainText('ответили 1 из 1');
  await page.goBack();
  // On a phone at 200 % text the row's reason wraps within its card.
  await page.setViewportSize({ width: 360, height: 740 });
  await expect(rowOf('Кузнецов Егор')).toContainText('в подсчёт не входит');
  await expectFitsPhone(page, 'a form’s results with a withheld row');
});

test('a minor without a recorded consent: the curator is told before inviting, the pupil why nothing shows', async ({
  page,
  browser,
}) => {
  const { token } = await newSchool('Школа без согласия');
  const [minorId] = await putRecords(
    [
      {
        type: 'person',
        fields: {
          fullName: 'Зайцева Алина',
          kind: 'student',
          minor: true,
          contacts: 'Законный представитель: Зайцева Мария Олеговна; Телефон: +7 912 345-67-89',
        },
      },
    ],
    token,
  );
  await enrol(page, await curatorCode('Приглашаева Ольга Ивановна', token));
  await page.goto(`/people/${minorId}`);
  await expect(page.getByText(/Согласие родителей не записано: войдя по коду/)).toBeVisible();
  // A consent dated on a day still to come is refused with the reason, and nothing is recorded.
  await page.getByText('Отметить полученное согласие').click();
  // The parent the class list named is offered.
  await expect(page.getByLabel('Родитель (законный представитель), ФИО')).toHaveValue(
    'Зайцева Мария Олеговна',
  );
  await page.getByLabel('Дата', { exact: true }).fill('2099-05-01');
  await page.getByRole('button', { name: 'Сохранить согласие' }).click();
  await expect(
    page.getByText('Эта дата ещё не наступила: укажите дату, которой согласие подписано.'),
  ).toBeVisible();
  await expect(page.getByText(/Согласие родителей не записано: войдя по коду/)).toBeVisible();

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const pupil = await phone.newPage();
  await enrol(pupil, await inviteCode(minorId as string, 'mentee', token));
  // Her own record comes without its fields: no «Здравствуйте,» with nothing after it, no promise of a pair.
  await expect(pupil.getByRole('heading', { level: 1 })).toHaveText('Здравствуйте');
  await expect(pupil.getByText(/ещё не записал согласие ваших родителей/)).toBeVisible();
  // The curator disconnects her phone: it says so, and no longer what she should wait for.
  await page.reload();
  const devices = page.getByRole('region', { name: 'Устройства' });
  await devices.getByRole('button', { name: 'Отключить устройство' }).click();
  await devices.getByRole('button', { name: 'Да, отключить' }).click();
  await expect(devices).toContainText('отключено');
  await pupil.getByRole('link', { name: 'Синхронизация', exact: true }).click();
  await pupil.getByTestId('sync-now').click();
  await expect(pupil.getByText(/Устройство отключено куратором/).first()).toBeVisible();
  await pupil.getByRole('link', { name: 'Главная' }).first().click();
  await expect(pupil.getByRole('heading', { name: 'Устройство отключено от школы' })).toBeVisible();
  await expect(pupil.getByText(/ещё не записал согласие ваших родителей|Пар пока нет/)).toHaveCount(0);
  await phone.close();
});
