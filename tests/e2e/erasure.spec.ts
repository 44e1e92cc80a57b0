// A pupil's parents withdraw consent and the curator erases the pupil: on the curator's screen, then on
// the mentor's phone, the pupil is gone, and nothing of theirs is left on the server — their consent,
// their «Подходит ли пара?» answer with its comment, the pair they were the only mentee of with its
// meetings —, nor in the mentor's search index; their own device is shut out.
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
  // The mentor met him: the meeting's notes are about him.
  await putRecords([
    {
      type: 'meeting',
      fields: {
        pairId,
        date: '2026-11-20',
        kind: 'regular',
        durationMin: 40,
        status: 'held',
        notes: 'Стесняется, говорит тихо',
        privateNotes: 'Мама просила держать в курсе',
      },
    },
  ]);
  // Another pair's meeting, which stays.
  const [otherMentee] = await putRecords([
    { type: 'person', fields: { fullName: 'Громов Лев', kind: 'teacher' } },
  ]);
  const [otherPair] = await putRecords([
    {
      type: 'pair',
      fields: { mentorId, menteeIds: [otherMentee], form: 'учитель–учитель', status: 'active' },
    },
  ]);
  await putRecords([
    {
      type: 'meeting',
      fields: {
        pairId: otherPair,
        date: '2026-11-21',
        kind: 'regular',
        durationMin: 30,
        status: 'held',
        notes: 'Говорит тихо, но уверенно',
      },
    },
  ]);
  const mentor = await openPhone();
  await enrol(mentor.page, await inviteCode(mentorId as string, 'mentor'));
  await expect(mentor.page.getByRole('link', { name: /^Стёпин Кирилл/ })).toBeVisible();
  // The phone's search index holds the notes' words once it has had the time to build it.
  const indexedWords = () =>
    mentor.page.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open('nastavnik');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('searchIndex').objectStore('searchIndex').getAll();
            all.onsuccess = () => {
              open.result.close();
              resolve((all.result as { terms: string[] }[]).flatMap((s) => s.terms));
            };
          };
        }),
    );
  await expect.poll(indexedWords).toContain('стесняется');

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
  // The meeting went with the pair, and its words leave the phone's search index.
  await expect.poll(indexedWords).not.toContain('стесняется');
  expect(await indexedWords()).not.toContain('мама');
  await mentor.context.close();
  // Nor does the curator's search: «тихо» finds the other pair's meeting alone.
  await curator.goto('/search');
  await curator.getByRole('searchbox').fill('тихо');
  await expect(curator.getByRole('status')).toHaveText('Найдено: 1');
  await expect(curator.getByText('Стесняется, говорит тихо')).toHaveCount(0);

  const { records } = (await api('/api/v1/export')) as { records: { id: string; deleted?: string }[] };
  const left = records.filter(
    (r) =>
      r.deleted === undefined &&
      (JSON.stringify(r).includes(pupilId as string) ||
        JSON.stringify(r).includes('Слова Кирилла') ||
        JSON.stringify(r).includes('Стесняется')),
  );
  expect(left).toEqual([]);
  const shutOut = await fetch(new URL('/api/v1/sync', curator.url()), {
    method: 'POST',
    headers: { authorization: `Bearer ${pupil.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ cursor: null, changes: [] }),
  });
  expect(shutOut.status).toBe(401);
});
