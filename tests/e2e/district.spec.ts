// A district on one server: the administrator makes two schools, each school's curator sets up and a
// mentor records a meeting, and the district's specialist sees both schools' figures — offline too —
// and not one name.
import { expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { PROGRAMME_ID } from '../../src/domain/record-type-names';
import { districtCode, enrolByApi, inviteCode, putRecords } from './api';
import { enrol, ensureOfflineReady, openPhone, setOffline, syncNow } from './app-page';

async function enrolDistrict(page: Page, code: string) {
  await page.goto('/');
  await page.getByLabel('Код приглашения').fill(code);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Школы района');
}

/** Presses `submit` and reads the code shown for `forWhom` (a code shown before stays until the new one). */
async function makeCode(page: Page, submit: string, forWhom: string): Promise<string> {
  await page.getByRole('button', { name: submit }).click();
  const card = page.getByTestId('district-code').filter({ hasText: forWhom });
  const code = card.locator('.invite__code');
  await expect(code).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  return (await code.textContent()) as string;
}

/** A school as its curator sets it up (through the API), and its mentor's phone recording a meeting. */
async function runSchool(curatorCode: string, name: string, mentor: string, mentee: string) {
  const curator = await enrolByApi(curatorCode);
  const [mentorId, menteeId] = await putRecords(
    [
      {
        type: 'programme',
        id: PROGRAMME_ID,
        fields: {
          schoolYear: '2026-2027',
          schoolName: name,
          studentsTotal: 20,
          teachersTotal: 5,
          targetShare: 70,
        },
      },
      { type: 'person', fields: { fullName: mentor, kind: 'teacher' } },
      { type: 'person', fields: { fullName: mentee, kind: 'student', minor: false, classOrSubject: '6А' } },
    ],
    curator.token,
  ).then((ids) => ids.slice(1));
  await putRecords(
    [{ type: 'pair', fields: { mentorId, menteeIds: [menteeId], form: 'учитель–ученик', status: 'active' } }],
    curator.token,
  );
  const phone = await openPhone();
  await enrol(phone.page, await inviteCode(mentorId as string, 'mentor', curator.token));
  await phone.page.getByRole('link', { name: `Новая встреча: ${mentee}` }).click();
  await phone.page.getByLabel('Заметки о встрече').fill('Познакомились, договорились о целях');
  await phone.page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(phone.page.getByTestId('meetings')).toContainText('Познакомились');
  await syncNow(phone.page);
  await phone.context.close();
}

test('the district sees two schools’ figures side by side, offline too, and no names', async () => {
  const admin = await openPhone();
  await enrolDistrict(admin.page, await districtCode('district-admin', 'Администратор Района'));
  await admin.page.getByRole('link', { name: 'Управление' }).click();
  await admin.page.getByLabel('Название школы').fill('Школа № 7');
  const first = await makeCode(admin.page, 'Создать школу и код куратора', 'Школа № 7');
  await admin.page.getByLabel('Название школы').fill('Гимназия № 3');
  const second = await makeCode(admin.page, 'Создать школу и код куратора', 'Гимназия № 3');
  expect(second).not.toBe(first);
  await expect(admin.page.getByTestId('admin-schools')).toContainText('Гимназия № 3');

  const names = ['Орлова Ирина Павловна', 'Соколов Дима', 'Зайцева Ольга Игоревна', 'Волков Саша'];
  await runSchool(first, 'Школа № 7', names[0] as string, names[1] as string);
  await runSchool(second, 'Гимназия № 3', names[2] as string, names[3] as string);

  await admin.page.getByLabel('ФИО').fill('Лебедева Анна Викторовна');
  const viewerCode = await makeCode(admin.page, 'Получить код', 'Лебедева Анна Викторовна');
  await admin.context.close();

  const viewer = await openPhone();
  const page = viewer.page;
  await enrolDistrict(page, viewerCode);
  const schools = page.getByTestId('district-schools');
  for (const school of ['Школа № 7', 'Гимназия № 3']) {
    const card = schools.getByRole('listitem').filter({ hasText: school });
    await expect(card.locator('[data-figure="meetings"]')).toHaveText('1');
    await expect(card.locator('[data-figure="workingPairs"]')).toHaveText('1');
  }
  // Not a person's name anywhere: the district sees numbers only.
  const text = await page.locator('body').textContent();
  for (const name of names) expect(text).not.toContain(name);
  // No «Управление» for a specialist.
  await expect(page.getByRole('link', { name: 'Управление' })).toHaveCount(0);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Скачать XLSX' }).click(),
  ]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await download.path()) as string);
  const rows = (workbook.worksheets[0]?.getSheetValues() ?? []).filter(Boolean) as unknown[][];
  const flat = rows.map((r) => r.filter((x) => x !== undefined && x !== null));
  expect(flat[0]).toContain('Школа');
  expect(flat.some((r) => r.includes('Школа № 7') && r.includes(1))).toBe(true);
  expect(flat.some((r) => r.includes('Гимназия № 3') && r.includes(1))).toBe(true);
  // Offline, after a restart of the page, the figures are still there.
  await ensureOfflineReady(page);
  await setOffline(viewer.context, true);
  await page.reload();
  for (const school of ['Школа № 7', 'Гимназия № 3'])
    await expect(schools.getByRole('listitem').filter({ hasText: school })).toHaveCount(1);

  await viewer.context.close();
});

test("the district's administrator disconnects a lost phone of the district", async () => {
  const admin = await openPhone();
  await enrolDistrict(admin.page, await districtCode('district-admin', 'Администратор Района'));
  const spare = await enrolByApi(await districtCode('district-admin', 'Запасной Администратор'));
  await admin.page.getByRole('link', { name: 'Управление' }).click();
  // The device in hand is marked and not offered for disconnecting: it would shut its user out.
  const own = admin.page.getByRole('listitem').filter({ hasText: 'это устройство' });
  await expect(own).toHaveCount(1);
  await expect(own.getByRole('button')).toHaveCount(0);
  // The spare phone enrolled last: the list is in the order devices enrolled.
  const row = admin.page.getByRole('listitem').filter({ hasText: 'e2e' }).last();
  await row.getByRole('button', { name: 'Отключить устройство' }).click();
  await row.getByRole('button', { name: 'Да, отключить' }).click();
  await expect(row).toContainText('отключено');
  const refused = await fetch(`${new URL(admin.page.url()).origin}/api/v1/district/schools`, {
    headers: { authorization: `Bearer ${spare.token}` },
  });
  expect(refused.status).toBe(401);
  await admin.context.close();
});

test('a school the district made opens with its name: the curator finds it in the programme and the report', async ({
  page,
}) => {
  const admin = await openPhone();
  await enrolDistrict(admin.page, await districtCode('district-admin', 'Администратор Названий'));
  await admin.page.getByRole('link', { name: 'Управление' }).click();
  await admin.page.getByLabel('Название школы').fill('МБОУ «СОШ № 12» г. Зеленодольска');
  const code = await makeCode(admin.page, 'Создать школу и код куратора', 'МБОУ «СОШ № 12»');
  await admin.context.close();

  await enrol(page, code);
  await page.getByRole('link', { name: 'Программа', exact: true }).click();
  await expect(page.getByLabel('Название образовательной организации')).toHaveValue(
    'МБОУ «СОШ № 12» г. Зеленодольска',
  );
  await page.goto('/report');
  await expect(page.getByRole('main')).toContainText('МБОУ «СОШ № 12» г. Зеленодольска · учебный год');
});
