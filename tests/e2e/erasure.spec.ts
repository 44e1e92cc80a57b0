// A pupil's parents withdraw consent and the curator erases the pupil: on the curator's screen, then on
// the mentor's phone, the pupil is gone, and nothing of theirs is left on the server — their consent,
// their «Подходит ли пара?» answer with its comment, the pair they were the only mentee of —; their own
// device is shut out.
import { expect, test } from '@playwright/test';
import { api, curatorCode, enrolByApi, inviteCode, putRecords } from './api';
import { enrol, openPhone, syncNow } from './app-page';

test('a pupil erased after consent is withdrawn is gone from every screen and from the server', async ({
  page: curator,
}) => {
  const [mentorId, pupilId] = await putRecords([
    { type: 'person', fields: { fullName: 'Гордеева Ольга', kind: 'teacher' } },
    { type: 'person', fields: { fullName: 'Стёпин Кирилл', kind: 'student', minor: true } },
  ]);
  await putRecords([
    {
      type: 'consent',
      fields: { personId: pupilId, signedBy: 'Стёпина Анна', date: '2026-09-01', withdrawn: false },
    },
  ]);
  const [pairId] = await putRecords([
    {
      type: 'pair',
      fields: { mentorId, menteeIds: [pupilId], form: 'учитель–ученик', status: 'active' },
    },
  ]);
  // The pupil's own phone answers «Подходит ли пара?» with a comment for the curator.
  const pupil = await enrolByApi(await inviteCode(pupilId as string, 'mentee'));
  await putRecords(
    [
      {
        type: 'fitAnswer',
        fields: { pairId, personId: pupilId, fits: false, comment: 'Слова Кирилла о наставнике' },
      },
    ],
    pupil.token,
  );
  const mentor = await openPhone();
  await enrol(mentor.page, await inviteCode(mentorId as string, 'mentor'));
  await expect(mentor.page.getByRole('link', { name: /^Стёпин Кирилл/ })).toBeVisible();

  await enrol(curator, await curatorCode('Куратор Стирающий'));
  await curator.goto(`/people/${pupilId}`);
  await curator.getByRole('button', { name: 'Отозвать' }).click();
  await curator.getByRole('button', { name: 'Стереть данные участника' }).click();
  await expect(curator.getByText(/ответы «Подходит ли пара\?»/)).toBeVisible();
  await curator.getByRole('button', { name: 'Да, стереть безвозвратно' }).click();
  await expect(curator).toHaveURL(/\/people$/);
  await expect(curator.getByText('Стёпин Кирилл')).toHaveCount(0);
  await syncNow(curator);

  await syncNow(mentor.page);
  await mentor.page.getByRole('link', { name: 'Главная' }).first().click();
  await expect(mentor.page.getByRole('link', { name: /^Стёпин Кирилл/ })).toHaveCount(0);
  await mentor.context.close();

  const { records } = (await api('/api/v1/export')) as { records: { id: string; deleted?: string }[] };
  const left = records.filter(
    (r) =>
      r.deleted === undefined &&
      (JSON.stringify(r).includes(pupilId as string) || JSON.stringify(r).includes('Слова Кирилла')),
  );
  expect(left).toEqual([]);
  const shutOut = await fetch(new URL('/api/v1/sync', curator.url()), {
    method: 'POST',
    headers: { authorization: `Bearer ${pupil.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ cursor: null, changes: [] }),
  });
  expect(shutOut.status).toBe(401);
});
