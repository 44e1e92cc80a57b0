// Feedback forms: the curator assigns the final satisfaction form to a group; a mentee fills it offline
// over a reload, is told what is missing, sends; the curator sees the averages move and exports XLSX.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { responseIdFor } from '../../src/domain/questionnaires/response-id';
import { api, curatorCode, inviteCode, newSchool, putRecords } from './api';
import { enrol, ensureOfflineReady, openPhone, setOffline, stored, syncNow } from './app-page';

type Rec = { id: string; type: string; fields: Record<string, unknown> };

test('a mentee fills the final satisfaction form offline; the curator sees the averages move and exports XLSX', async ({
  page: curator,
}) => {
  const [mentor, anna, boris, vera] = await putRecords([
    { type: 'person', fields: { fullName: 'Громова Ирина Львовна', kind: 'teacher' } },
    {
      type: 'person',
      fields: { fullName: 'Аннина Анна', kind: 'student', minor: false, classOrSubject: '10Б' },
    },
    {
      type: 'person',
      fields: { fullName: 'Борисов Борис', kind: 'student', minor: false, classOrSubject: '10Б' },
    },
    {
      type: 'person',
      fields: { fullName: 'Верина Вера', kind: 'student', minor: false, classOrSubject: '10Б' },
    },
  ]);
  await putRecords([
    {
      type: 'pair',
      fields: { mentorId: mentor, menteeIds: [anna, boris, vera], form: 'учитель–ученик', status: 'active' },
    },
  ]);

  // The curator assigns the final satisfaction questionnaire to the group's mentees.
  await enrol(curator, await curatorCode('Куратор Анкет'));
  await curator.getByRole('link', { name: 'Анкеты', exact: true }).click();
  await curator
    .getByTestId('templates')
    .getByRole('listitem')
    .filter({ hasText: 'Итоговая анкета удовлетворённости наставляемого' })
    .getByRole('link', { name: 'Назначить' })
    .click();
  await curator.getByText('Выбрать пары и группы').click();
  await curator.getByRole('checkbox', { name: /Аннина Анна, Борисов Борис, Верина Вера/ }).check();
  await curator.getByRole('button', { name: 'Назначить выбранным парам (1)' }).click();
  await expect(curator.getByText('Назначено: 3. Уже было назначено раньше: 0.')).toBeVisible();
  await syncNow(curator);

  // Boris has already answered (through the curator's device, say on paper): comfort 4.
  const records = (await api('/api/v1/export')).records as Rec[];
  const template = records.find(
    (r) => r.type === 'formTemplate' && r.fields.builtIn === 'final-mentee',
  ) as Rec;
  const assignmentOf = (personId: string) =>
    records.find(
      (r) =>
        r.type === 'formAssignment' && r.fields.personId === personId && r.fields.templateId === template.id,
    ) as Rec;
  await putRecords([
    {
      type: 'formResponse',
      fields: {
        assignmentId: assignmentOf(boris as string).id,
        answers: {
          expectations: 6,
          comfort: 4,
          usefulness: 6,
          progress: 5,
          learnt: 'Планировать время',
          goalsReached: 'Частично',
          continue: false,
          recommend: 5,
        },
        submittedAt: new Date().toISOString(),
        templateVersion: 1,
      },
    },
  ]);
  await syncNow(curator);
  await curator.goto(`/forms/${template.id}`);
  await expect(curator.getByTestId('response-rate')).toHaveText('Ответили 1 из 3 (33%)');
  const comfort = curator
    .getByTestId('results')
    .getByRole('region', { name: 'Насколько комфортным было общение с наставником?' });
  await expect(comfort).toContainText('среднее 4');

  // Anna's form opened on the curator's device by its address: it says whose it is to fill, and offers
  // nothing to type that the school would refuse.
  await curator.goto(`/fill/${assignmentOf(anna as string).id}`);
  await expect(curator.getByText('Эту анкету заполняет тот, кому её отправили')).toBeVisible();
  await expect(curator.getByRole('button', { name: 'Далее' })).toHaveCount(0);

  // Anna, on her phone, with no network.
  const phone = await openPhone();
  const mentee = phone.page;
  await enrol(mentee, await inviteCode(anna as string, 'mentee'));
  await expect(mentee.getByTestId('forms-to-fill')).toContainText(
    'Итоговая анкета удовлетворённости наставляемого',
  );
  await ensureOfflineReady(mentee);
  await setOffline(phone.context, true);
  await mentee.getByTestId('forms-to-fill').getByRole('link').first().click();
  await expect(mentee.getByText('Вопрос 1 из 10')).toBeVisible();
  for (const value of ['9', '10', '9']) {
    await mentee.getByRole('radio', { name: value, exact: true }).check();
    await mentee.getByRole('button', { name: 'Далее' }).click();
  }
  await expect(mentee.getByText('Вопрос 4 из 10')).toBeVisible();

  // Halfway through, the page is reloaded, still offline: the answers are still there.
  await mentee.reload();
  await expect(mentee.getByText('Ваши ответы сохранены')).toBeVisible();
  // …and she goes on where she stopped, as the notice says, not from the first question.
  await expect(mentee.getByText('Вопрос 4 из 10')).toBeVisible();
  await mentee.getByRole('button', { name: 'Назад' }).click();
  await expect(mentee.getByText('Вопрос 3 из 10')).toBeVisible();
  await expect(mentee.getByRole('radio', { name: '9', exact: true })).toBeChecked();
  await mentee.getByRole('button', { name: 'Все сразу' }).click();
  await expect(mentee.getByRole('radio', { name: '10' }).nth(1)).toBeChecked();
  const question = (text: string) =>
    mentee.locator('fieldset.question, div.question').filter({ hasText: text });
  await question('Насколько вы продвинулись').getByRole('radio', { name: '8', exact: true }).check();
  await question('Достигнуты ли цели').getByRole('radio', { name: 'В основном' }).check();
  await question('Хотели бы вы продолжить').getByRole('radio', { name: 'Да', exact: true }).check();
  await question('посоветуете программу').getByRole('radio', { name: '10', exact: true }).check();
  await mentee.getByRole('button', { name: 'Отправить' }).click();
  // The one required question left blank is named.
  await expect(
    mentee
      .getByRole('alert')
      .filter({ hasText: 'Ответьте на вопрос «Чему вы научились, что нового узнали?»' })
      .first(),
  ).toBeVisible();
  // An answer pasted past its limit stays whole: the field says so, and the form is not sent with it.
  const learnt = mentee.getByLabel(/Чему вы научились/);
  await learnt.fill('Очень подробно. '.repeat(320));
  await expect(learnt).toHaveValue('Очень подробно. '.repeat(320));
  await expect(
    mentee
      .getByRole('alert')
      .filter({ hasText: 'Слишком длинный текст: 5120 знаков, а можно не больше 5000' }),
  ).toBeVisible();
  await mentee.getByRole('button', { name: 'Отправить' }).click();
  await expect(
    mentee
      .getByRole('alert')
      .filter({ hasText: '«Чему вы научились, что нового узнали?»: не длиннее 5000 знаков' })
      .first(),
  ).toBeVisible();
  await expect(learnt).toHaveValue('Очень подробно. '.repeat(320));
  await learnt.fill('Готовиться к экзаменам без паники');
  await mentee.getByRole('button', { name: 'Отправить' }).click();
  // Offline, the form is saved on the phone and waits for the network: the app says so, not «sent».
  const delivery = mentee.getByTestId('form-delivery');
  await expect(delivery).toHaveText(
    /^Анкета сохранена на телефоне и уйдёт в школу, как только появится сеть/,
  );
  await expect(mentee.getByText(/Анкета отправлена/)).toHaveCount(0);
  const annaAssignment = assignmentOf(anna as string).id;
  const response = await stored(mentee, 'formResponse', responseIdFor(annaAssignment) as string);
  expect(response?.fields?.submittedAt).toEqual(expect.any(String));
  await expect(mentee.getByTestId('sync-waiting')).not.toHaveText('Всё отправлено');
  await mentee.goto('/');
  await expect(mentee.getByTestId('forms-sent')).toContainText('ждёт отправки');

  // The network returns: once the school has the form, the phone says when it got it.
  await setOffline(phone.context, false);
  await syncNow(mentee);
  await mentee.goto(`/fill/${annaAssignment}`);
  await expect(delivery).toHaveText(/^Анкета отправлена: школа получила её /);
  await mentee.goto('/');
  await expect(mentee.getByTestId('forms-sent')).toContainText('отправлена');
  await expect(mentee.getByTestId('forms-sent')).not.toContainText('ждёт отправки');
  await phone.context.close();

  // Back in the staff room: Anna's answers are in, the average moves from 4 to 7.
  await syncNow(curator);
  await curator.goto(`/forms/${template.id}`);
  await expect(curator.getByTestId('response-rate')).toHaveText('Ответили 2 из 3 (67%)');
  await expect(comfort).toContainText('среднее 7');

  // The XLSX export opens in LibreOffice with one row per response.
  const download = curator.waitForEvent('download');
  await curator.getByRole('button', { name: 'Скачать XLSX' }).click();
  const file = join(mkdtempSync(join(tmpdir(), 'nastavnik-xlsx-')), 'responses.xlsx');
  await (await download).saveAs(file);
  const outdir = mkdtempSync(join(tmpdir(), 'nastavnik-xlsx-csv-'));
  // 44 = comma, 34 = double quote, 76 = UTF-8.
  execFileSync(
    'libreoffice',
    ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', outdir, file],
    { stdio: 'ignore', timeout: 60_000 },
  );
  const lines = readFileSync(join(outdir, 'responses.csv'), 'utf8').trim().split('\n');
  expect(lines).toHaveLength(3);
  expect(lines[0]).toContain('Респондент');
  expect(lines.slice(1).join('\n')).toContain('Аннина Анна');
  expect(lines.slice(1).join('\n')).toContain('Готовиться к экзаменам без паники');
});

test('a curator copies a built-in questionnaire, adds a conditional question and saves it', async ({
  page,
}) => {
  await enrol(page, await curatorCode('Куратор Редактор'));
  await page.getByRole('link', { name: 'Анкеты', exact: true }).click();
  await page
    .getByTestId('templates')
    .getByRole('listitem')
    .filter({ hasText: 'Промежуточная обратная связь' })
    .getByRole('button', { name: 'Копировать' })
    .click();
  await expect(page.getByRole('heading', { name: 'Редактор анкеты' })).toBeVisible();
  await page.getByLabel('Название анкеты').fill('Промежуточная анкета 8-х классов');
  await page.getByRole('button', { name: 'Добавить вопрос' }).click();
  const added = page.getByTestId('question-editor').last();
  await added.getByLabel('Формулировка').fill('Что помогло бы?');
  await added
    .getByLabel('Показывать, только если ответ на вопрос')
    .selectOption({ label: 'Есть ли трудности?' });
  await expect(added.getByRole('checkbox', { name: 'Да' })).toBeChecked();
  await page.getByRole('button', { name: 'Добавить раздел' }).click();
  await page.getByLabel('Раздел 1').fill('О трудностях');
  await added.getByLabel('Раздел', { exact: true }).selectOption({ label: 'О трудностях' });
  await page.getByRole('button', { name: 'Сохранить анкету' }).click();
  await expect(page.getByRole('heading', { name: 'Промежуточная анкета 8-х классов' })).toBeVisible();
  await expect(page.getByTestId('results')).toContainText('Что помогло бы?');

  // Assigned to the curator herself, the form shows the question under its section.
  await page.getByRole('link', { name: 'Назначить' }).click();
  await page.getByText('Выбрать людей').click();
  await page.getByRole('checkbox', { name: 'Куратор Редактор' }).check();
  await page.getByRole('button', { name: 'Назначить выбранным (1)' }).click();
  await expect(page.getByText('Назначено: 1.', { exact: false })).toBeVisible();
  await page.goto('/');
  await page
    .getByTestId('forms-to-fill')
    .getByRole('link', { name: /Промежуточная анкета 8-х классов/ })
    .click();
  await page.getByRole('button', { name: 'Все сразу' }).click();
  await page.getByRole('radio', { name: 'Да', exact: true }).check();
  await expect(page.getByRole('heading', { name: 'О трудностях' })).toBeVisible();
  await expect(page.getByLabel(/Что помогло бы\?/)).toBeVisible();

  // A broken question is named and nothing is saved.
  await page.goto('/forms');
  await page
    .getByTestId('templates')
    .getByRole('listitem')
    .filter({ hasText: 'Промежуточная анкета 8-х классов' })
    .getByRole('link', { name: 'Изменить' })
    .click();
  const first = page.getByTestId('question-editor').nth(1);
  await first.getByLabel('Варианты ответа, по одному в строке').fill('Только один');
  await page.getByRole('button', { name: 'Сохранить анкету' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Вопрос 2: нужно хотя бы два варианта ответа' }),
  ).toBeVisible();
});

test('a curator narrows a form’s results to one class and one form of mentoring, and back', async ({
  page: curator,
}) => {
  const [mentor, anya, borya] = await putRecords([
    { type: 'person', fields: { fullName: 'Фильтрова Нина', kind: 'teacher' } },
    {
      type: 'person',
      fields: { fullName: 'Аня Фильтрова', kind: 'student', minor: false, classOrSubject: '7А' },
    },
    {
      type: 'person',
      fields: { fullName: 'Боря Фильтров', kind: 'student', minor: false, classOrSubject: '8В' },
    },
  ]);
  const [pairA, pairB] = await putRecords([
    {
      type: 'pair',
      fields: { mentorId: mentor, menteeIds: [anya], form: 'учитель–ученик', status: 'active' },
    },
    {
      type: 'pair',
      fields: { mentorId: mentor, menteeIds: [borya], form: 'ученик–ученик', status: 'active' },
    },
  ]);
  const [template] = await putRecords([
    {
      type: 'formTemplate',
      fields: {
        title: `Срез по классам ${Date.now()}`,
        questions: [
          { id: 'comfort', kind: 'scale', text: 'Комфорт общения', required: true, min: 1, max: 10 },
        ],
      },
    },
  ]);
  const [forAnya, forBorya] = await putRecords([
    {
      type: 'formAssignment',
      fields: { templateId: template, personId: anya, pairId: pairA, due: '2026-12-20' },
    },
    {
      type: 'formAssignment',
      fields: { templateId: template, personId: borya, pairId: pairB, due: '2026-12-20' },
    },
  ]);
  await putRecords([
    {
      type: 'formResponse',
      fields: { assignmentId: forAnya, answers: { comfort: 4 }, submittedAt: new Date().toISOString() },
    },
    {
      type: 'formResponse',
      fields: { assignmentId: forBorya, answers: { comfort: 10 }, submittedAt: new Date().toISOString() },
    },
  ]);

  await enrol(curator, await curatorCode('Куратор Срезов'));
  await curator.goto(`/forms/${template}`);
  const comfort = curator.getByTestId('results').getByRole('region', { name: 'Комфорт общения' });
  await expect(comfort).toContainText('среднее 7');
  await curator.getByLabel('Класс или предмет').selectOption('7А');
  await expect(curator.getByTestId('response-rate')).toHaveText('Ответили 1 из 1 (100%)');
  await expect(comfort).toContainText('среднее 4');
  await curator.getByLabel('Класс или предмет').selectOption('');
  await curator.getByLabel('Форма наставничества').selectOption('ученик–ученик');
  await expect(comfort).toContainText('среднее 10');
  await curator.getByLabel('Класс или предмет').selectOption('7А');
  await expect(curator.getByTestId('response-rate')).toHaveText('Ответили 0 из 0 (0%)');
});

test('a mentee of two pairs tells their two copies of a form apart: each names its mentor, in both languages', async ({
  page,
}) => {
  const [first, second, mentee] = await putRecords([
    { type: 'person', fields: { fullName: 'Лебедева Нина Павловна', kind: 'teacher' } },
    { type: 'person', fields: { fullName: 'Орлов Глеб Андреевич', kind: 'teacher' } },
    { type: 'person', fields: { fullName: 'Зайцев Кирилл Олегович', kind: 'student', minor: false } },
  ]);
  const [pairA, pairB, template] = await putRecords([
    {
      type: 'pair',
      fields: { mentorId: first, menteeIds: [mentee], form: 'учитель–ученик', status: 'active' },
    },
    {
      type: 'pair',
      fields: { mentorId: second, menteeIds: [mentee], form: 'учитель–ученик', status: 'active' },
    },
    {
      type: 'formTemplate',
      fields: {
        title: 'Как идут занятия',
        questions: [{ id: 'comment', kind: 'shortText', text: 'Что было полезно?', required: true }],
      },
    },
  ]);
  const [assignmentB] = await putRecords([
    { type: 'formAssignment', fields: { templateId: template, personId: mentee, pairId: pairB, due: null } },
    { type: 'formAssignment', fields: { templateId: template, personId: mentee, pairId: pairA, due: null } },
  ]);

  await enrol(page, await inviteCode(mentee as string, 'mentee'));
  const cards = page.getByTestId('forms-to-fill').getByRole('listitem');
  await expect(cards).toHaveCount(2);
  await expect(cards.filter({ hasText: 'Наставник: Лебедева Нина Павловна' })).toHaveCount(1);
  await expect(cards.filter({ hasText: 'Наставник: Орлов Глеб Андреевич' })).toHaveCount(1);

  await cards.filter({ hasText: 'Орлов Глеб Андреевич' }).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/fill/${assignmentB}$`));
  await expect(page.getByTestId('form-about')).toHaveText('Наставник: Орлов Глеб Андреевич');

  await page.goto('/settings');
  await page.getByLabel('Язык').selectOption('en');
  await page.goto(`/fill/${assignmentB}`);
  await expect(page.getByTestId('form-about')).toHaveText('Mentor: Орлов Глеб Андреевич');
});

test('a pair whose only mentee’s consent was withdrawn asks its mentor nothing: not a form given before, nor «Назначить всем»', async ({
  page: curator,
}) => {
  const school = await newSchool('Школа отозванного согласия');
  const put = (records: Parameters<typeof putRecords>[0]) => putRecords(records, school.token);
  const [mentor, minor, other, adult] = await put([
    { type: 'person', fields: { fullName: 'Фомина Лидия Ивановна', kind: 'teacher' } },
    { type: 'person', fields: { fullName: 'Рябов Тимур Олегович', kind: 'student', minor: true } },
    { type: 'person', fields: { fullName: 'Карпов Олег Юрьевич', kind: 'teacher' } },
    { type: 'person', fields: { fullName: 'Белова Ксения Игоревна', kind: 'student', minor: false } },
  ]);
  const [consent] = await put([
    {
      type: 'consent',
      fields: { personId: minor, signedBy: 'Рябова Анна', date: '2026-09-01', withdrawn: false },
    },
  ]);
  const question = [{ id: 'comment', kind: 'shortText', text: 'Что было полезно?', required: false }];
  const [withheldPair, , aboutPair, ofTheirOwn] = await put([
    {
      type: 'pair',
      fields: { mentorId: mentor, menteeIds: [minor], form: 'учитель–ученик', status: 'active' },
    },
    {
      type: 'pair',
      fields: { mentorId: other, menteeIds: [adult], form: 'учитель–ученик', status: 'active' },
    },
    { type: 'formTemplate', fields: { title: 'Как идёт работа пары', questions: question } },
    { type: 'formTemplate', fields: { title: 'Анкета наставника школы', questions: question } },
  ]);
  // Given before the consent was withdrawn: a form about the pair, and one of the mentor's own.
  await put([
    {
      type: 'formAssignment',
      fields: { templateId: aboutPair, personId: mentor, pairId: withheldPair, due: null },
    },
    { type: 'formAssignment', fields: { templateId: ofTheirOwn, personId: mentor, pairId: null, due: null } },
  ]);
  await put([{ type: 'consent', id: consent as string, fields: { withdrawn: true } }]);

  // The mentor's phone holds the pair no more: it lists their own form only.
  const phone = await openPhone();
  await enrol(phone.page, await inviteCode(mentor as string, 'mentor', school.token));
  const cards = phone.page.getByTestId('forms-to-fill').getByRole('listitem');
  await expect(cards).toHaveCount(1);
  await expect(cards).toContainText('Анкета наставника школы');
  await phone.context.close();

  // The curator is offered the other pair's people only, and not the pupil among the people.
  await enrol(curator, await curatorCode('Куратор Согласий', school.token));
  await curator.goto(`/forms/${aboutPair}/assign`);
  const everyone = curator.getByRole('button', { name: /Назначить всем в незавершённых парах/ });
  // Counted in forms, with their noun: a mentee of two pairs gets two, so people would not add up.
  await expect(everyone).toHaveText('Назначить всем в незавершённых парах: 1 анкета');
  await curator.getByLabel('Кому в парах').selectOption('both');
  await expect(everyone).toHaveText('Назначить всем в незавершённых парах: 2 анкеты');
  await curator.getByText('Выбрать людей').click();
  await expect(curator.getByRole('checkbox', { name: 'Белова Ксения Игоревна' })).toBeVisible();
  await expect(curator.getByRole('checkbox', { name: 'Рябов Тимур Олегович' })).toHaveCount(0);
  await curator.getByText('Выбрать пары и группы').click();
  await expect(curator.getByRole('checkbox', { name: /Рябов Тимур Олегович/ })).toHaveCount(0);
});
