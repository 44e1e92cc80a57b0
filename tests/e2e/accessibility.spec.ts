// Every screen: no serious or critical axe-core violation, and nothing cut off at 200 % text size on a
// 360 px wide phone.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { curatorCode, putRecords } from './api';
import { enrol } from './app-page';

test.use({ viewport: { width: 360, height: 740 } });

async function checkScreen(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('main h1')).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${name}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);

  // 200 % text, as a user's own setting would make it: set through the CSSOM, which the page's Content
  // Security Policy leaves alone (it refuses an injected <style> element, as it should).
  await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return (
      [...document.querySelectorAll('main *, header *, nav *')]
        // Wide tables and the phone's row of sections scroll sideways in their own box; the rest must fit.
        .filter((el) => !el.closest('.table-wrap, nav.nav') && el.getBoundingClientRect().right > width + 1)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
        .slice(0, 5)
    );
  });
  expect(overflow, `${name} at 200 % text`).toEqual([]);
}

test('the enrolment screen', async ({ page }) => {
  await page.goto('/');
  await checkScreen(page, 'enrol');
});

test('every screen of a signed-in curator', async ({ page }) => {
  await enrol(page, await curatorCode('Доступная Анна Викторовна'));
  const [mentor, mentee, mentee2] = await putRecords([
    {
      type: 'person',
      fields: {
        fullName: 'Константинопольская Александра Владимировна',
        kind: 'teacher',
        classOrSubject: 'Математика',
      },
    },
    {
      type: 'person',
      fields: { fullName: 'Ученик Первый', kind: 'student', minor: false, classOrSubject: '9Б' },
    },
    {
      type: 'person',
      fields: { fullName: 'Ученица Вторая', kind: 'student', minor: false, classOrSubject: '9Б' },
    },
  ]);
  const [pair] = await putRecords([
    {
      type: 'pair',
      fields: { mentorId: mentor, menteeIds: [mentee, mentee2], form: 'учитель–ученик', status: 'active' },
    },
  ]);
  const [plan] = await putRecords([
    { type: 'plan', fields: { pairId: pair, menteeId: mentee, title: 'ИПР' } },
  ]);
  const [goal] = await putRecords([
    { type: 'goal', fields: { planId: plan, title: 'Подготовка к экзамену', area: 'Учёба', order: 0 } },
  ]);
  const [meeting] = await putRecords([
    {
      type: 'meeting',
      fields: {
        pairId: pair,
        date: '2026-11-20',
        kind: 'trial',
        durationMin: 40,
        notes: 'Пробная встреча прошла хорошо',
        status: 'held',
        topics: ['Проект'],
      },
    },
    {
      type: 'task',
      fields: {
        planId: plan,
        goalId: goal,
        title: 'Решить вариант',
        status: 'doing',
        due: '2026-11-01',
        order: 0,
      },
    },
  ]);
  const [template] = await putRecords([
    {
      type: 'formTemplate',
      fields: {
        title: 'Промежуточная анкета для проверки',
        kind: 'custom',
        questions: [
          {
            id: 'a',
            kind: 'scale',
            text: 'Насколько вам нравится?',
            required: true,
            min: 1,
            max: 10,
            minLabel: 'Совсем нет',
            maxLabel: 'Очень',
          },
          { id: 'b', kind: 'yesNo', text: 'Есть трудности?', required: true },
          {
            id: 'c',
            kind: 'longText',
            text: 'Какие?',
            required: false,
            showIf: { questionId: 'b', anyOf: [true] },
          },
          {
            id: 'd',
            kind: 'multiple',
            text: 'Что было полезно?',
            required: false,
            options: ['Встречи', 'Задания'],
          },
          { id: 'e', kind: 'date', text: 'Когда удобно встретиться?', required: false },
        ],
        visibleToMentor: false,
        version: 1,
      },
    },
  ]);
  const me = await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok) => {
      const open = indexedDB.open('nastavnik');
      open.onsuccess = () => ok(open.result);
    });
    return new Promise<string>((ok) => {
      const r = db.transaction('meta').objectStore('meta').get('session');
      r.onsuccess = () => ok((r.result as { value: { personId: string } }).value.personId);
    });
  });
  const [assignment] = await putRecords([
    {
      type: 'formAssignment',
      fields: { templateId: template, personId: me, pairId: null, due: '2026-12-20' },
    },
  ]);
  const [order] = await putRecords([
    {
      type: 'order',
      fields: {
        number: '7-о',
        date: '2026-10-01',
        title: 'Об утверждении наставнических пар',
        pairIds: [pair],
      },
    },
  ]);
  await page.goto('/sync');
  await page.getByTestId('sync-now').click();
  await expect(page.getByText('Синхронизация завершена')).toBeVisible();

  for (const [name, path] of [
    ['home', '/'],
    ['people', '/people'],
    ['person', `/people/${mentor}`],
    ['pairs', '/pairs'],
    ['pair', `/pair/${pair}`],
    ['new meeting', `/pair/${pair}/meeting/new`],
    ['meeting', `/meeting/${meeting}`],
    ['plan', `/pair/${pair}/plan/${mentee}`],
    ['search', '/search?q=встреча'],
    ['forms', '/forms'],
    ['form results', `/forms/${template}`],
    ['assign', `/forms/${template}/assign`],
    ['form editor', `/forms/${template}/edit`],
    ['fill a form', `/fill/${assignment}`],
    ['import', '/people/import'],
    ['consent form', `/people/${mentee}/consent-form`],
    ['orders', '/orders'],
    ['order', `/orders/${order}`],
    ['roadmap', '/roadmap'],
    ['materials', '/materials'],
    ['monitoring', '/monitoring'],
    ['report', '/report'],
    ['data', '/data'],
    ['sync', '/sync'],
    ['settings', '/settings'],
  ] as const) {
    await page.goto(path);
    await checkScreen(page, name);
  }

  // On the phone the curator's ten sections take one row that scrolls, with the open one in view.
  await page.goto('/settings');
  const nav = page.getByRole('navigation', { name: 'Разделы' });
  expect((await nav.boundingBox())?.height).toBeLessThan(70);
  await expect(nav.getByRole('link', { name: 'Настройки' })).toBeInViewport({ ratio: 1 });
  await nav.getByRole('link', { name: 'Главная' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Здравствуйте');
});
