// Every screen of every role on a 360 px phone: no serious or critical axe-core violation, and, at normal
// and at 200 % text, nothing overflows, nothing is squeezed to a few letters, no word breaks mid-word.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { curatorCode, districtCode, inviteCode, putRecords } from './api';
import { BASE_URL, enrol } from './app-page';
import { expectFitsPhone } from './layout-check';

test.use({ viewport: { width: 360, height: 740 } });

// SHOTS=dir saves a screenshot of every screen, for a person to look at.
const SHOTS = process.env.SHOTS;

/**
 * axe-core for the page, run as axe.run in the page itself (legacy mode): not axe.runPartial per frame
 * and axe.finishRun in a blank page the builder opens for every check (a new renderer each time). Only
 * a frame of another origin is left out of that, and the app can have none (its policy lets in only its
 * own origin, src/server/static.ts); a frame of its own would still be checked. axe-core's source
 * (1.3 MB) goes into a page once: it stays there across the app's own navigation (openInApp), and the
 * builder, which puts it in again on every check (twice in legacy mode), is then given nothing to add.
 */
async function axe(page: Page): Promise<AxeBuilder> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  return new AxeBuilder(hasAxe ? { page, axeSource: 'void 0' } : { page }).setLegacyMode();
}

async function checkScreen(page: Page, name: string) {
  // The screen has shown its data: its heading is there, its content under it, nothing still loading
  // (conditions, not time: a busy machine or a slow phone only makes this slower).
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.locator('main > :not(.page__head):not(.back)').first()).toBeAttached();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const { violations } = await axe(page).then((builder) => builder.analyze());
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${name}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/${name.replaceAll(' ', '-')}.png`, fullPage: true });
  }
  await expectFitsPhone(page, name);
}

/** A school with a bit of everything: a group with two mentees, a plan, a meeting, forms for everyone. */
async function seedSchool(curatorId: string) {
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
      fields: { fullName: 'Ученик Первый Петрович', kind: 'student', minor: false, classOrSubject: '9Б' },
    },
    {
      type: 'person',
      fields: { fullName: 'Ученица Вторая', kind: 'student', minor: false, classOrSubject: '9Б' },
    },
  ]);
  const [pair] = await putRecords([
    {
      type: 'pair',
      fields: {
        mentorId: mentor,
        menteeIds: [mentee, mentee2],
        form: 'учитель–ученик',
        status: 'active',
        startDate: '2026-10-01',
      },
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
        kind: 'organisational',
        durationMin: 40,
        notes: 'Организационная встреча прошла хорошо',
        status: 'held',
        topics: ['Проект'],
        nextSteps: [
          { id: 'step1', text: 'Решить вариант', taskId: null },
          // A pasted link is one long word: it must wrap, not widen the page (found by a walk-through).
          {
            id: 'step2',
            text: 'Демоверсия: https://fipi.ru/oge/demoversii-specifikacii-kodifikatory/matematika-2027-demoversiya',
            taskId: null,
          },
        ],
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
    {
      // Ordinary words beside a checkbox: at 200 % text they broke mid-word («Прочита/ть») in a column
      // nested paddings left too narrow (found by a tester).
      type: 'task',
      fields: { planId: plan, goalId: goal, title: 'Прочитать главу 3', status: 'todo', due: null, order: 1 },
    },
    {
      type: 'material',
      fields: { title: 'Памятка наставника', url: 'https://example.org/a.pdf', description: null },
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
  const assignments = await putRecords(
    [curatorId, mentor, mentee].map((personId) => ({
      type: 'formAssignment',
      fields: {
        templateId: template,
        personId,
        pairId: personId === curatorId ? null : pair,
        due: '2026-12-20',
      },
    })),
  );
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
  return {
    mentor: mentor as string,
    mentee: mentee as string,
    pair: pair as string,
    meeting: meeting as string,
    template: template as string,
    order: order as string,
    assignments: assignments as [string, string, string],
  };
}

async function myPersonId(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok) => {
      const open = indexedDB.open('nastavnik');
      open.onsuccess = () => ok(open.result);
    });
    return new Promise<string>((ok) => {
      const r = db.transaction('meta').objectStore('meta').get('enrolment:11');
      r.onsuccess = () => ok((r.result as { value: { personId: string } }).value.personId);
    });
  });
}

async function syncFirst(page: Page) {
  await page.goto('/sync');
  await page.getByTestId('sync-now').click();
  await expect(page.getByText('Синхронизация завершена')).toBeVisible();
}

/**
 * Opens `path` as a tap on a link to it does: the app's router shows the screen, with no reload (a full
 * load per screen booted the whole app again, a second of each screen's check). The screen shown before
 * is marked first, and the check waits until it has left the page and the address is `path`: what is
 * checked then is the new screen's DOM, never the previous one's. Two screens of one component in a row
 * (two people, a new meeting and a meeting) would keep the same <main>: the lists below never put them
 * one after the other, and the wait says so when they do.
 */
async function openInApp(page: Page, path: string) {
  await page.evaluate((path) => {
    document.querySelector('main')?.setAttribute('data-e2e-left', '');
    const link = document.createElement('a');
    link.href = path;
    document.body.append(link);
    link.click();
    link.remove();
  }, path);
  await expect
    .poll(() => page.evaluate(() => decodeURIComponent(location.pathname + location.search)), {
      message: `${path} opened`,
    })
    .toBe(path);
  await expect(
    page.locator('main[data-e2e-left]'),
    `the screen before ${path} has left (the same screen component twice in a row keeps it: put another between)`,
  ).toHaveCount(0);
}

type Screen = readonly [name: string, path: () => string];

const PHONE = {
  baseURL: BASE_URL,
  viewport: { width: 360, height: 740 },
  locale: 'ru-RU',
  timezoneId: 'Europe/Moscow',
};

/**
 * One test per screen of a role, on one signed-in page: each screen gets its own time, so a busy machine
 * (or a slow phone) makes the suite slower, never red.
 */
function walk(
  role: string,
  signIn: (browser: Browser) => Promise<Page>,
  screens: readonly Screen[],
  extra?: (page: () => Page) => void,
) {
  test.describe(`every screen of a ${role}`, () => {
    test.describe.configure({ mode: 'serial' });
    let page: Page;
    test.beforeAll(async ({ browser }) => {
      page = await signIn(browser);
    });
    test.afterAll(() => page.context().close());
    for (const [name, path] of screens) {
      test(`${role}: the ${name} screen`, async () => {
        await openInApp(page, path());
        await checkScreen(page, `${role} ${name}`);
      });
    }
    extra?.(() => page);
  });
}

async function newPhone(browser: Browser): Promise<Page> {
  const context: BrowserContext = await browser.newContext(PHONE);
  return context.newPage();
}

test('the enrolment screen', async ({ page }) => {
  await page.goto('/');
  await checkScreen(page, 'enrol');
});

test('at 200 % text, the first screen after «Войти» opens at its top, the header and the sync in view', async ({
  page,
}) => {
  await page.goto('/');
  await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
  await page.getByLabel('Код приглашения').fill(await curatorCode('Крупный Шрифт Анна'));
  const signIn = page.getByRole('button', { name: 'Войти' });
  await signIn.scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await signIn.click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Здравствуйте');
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  await expect(page.locator('header.header')).toBeInViewport();
});

// The school every role walks: made once, by the curator who signs in first.
let s: Awaited<ReturnType<typeof seedSchool>>;

walk(
  'curator',
  async (browser) => {
    const page = await newPhone(browser);
    await enrol(page, await curatorCode('Доступная Анна Викторовна'));
    s = await seedSchool(await myPersonId(page));
    await syncFirst(page);
    return page;
  },
  [
    ['home', () => '/'],
    ['programme', () => '/programme'],
    ['people', () => '/people'],
    ['person', () => `/people/${s.mentor}`],
    ['pairs', () => '/pairs'],
    ['mentee', () => `/people/${s.mentee}`],
    ['pair', () => `/pair/${s.pair}`],
    ['new meeting', () => `/pair/${s.pair}/meeting/new`],
    ['plan', () => `/pair/${s.pair}/plan/${s.mentee}`],
    ['meeting', () => `/meeting/${s.meeting}`],
    ['search', () => '/search?q=встреча'],
    ['forms', () => '/forms'],
    ['form results', () => `/forms/${s.template}`],
    ['assign', () => `/forms/${s.template}/assign`],
    ['form editor', () => `/forms/${s.template}/edit`],
    ['fill a form', () => `/fill/${s.assignments[0]}`],
    ['import', () => '/people/import'],
    ['consent form', () => `/people/${s.mentee}/consent-form`],
    ['orders', () => '/orders'],
    ['order', () => `/orders/${s.order}`],
    ['roadmap', () => '/roadmap'],
    ['materials', () => '/materials'],
    ['monitoring', () => '/monitoring'],
    ['report', () => '/report'],
    ['data', () => '/data'],
    ['sync', () => '/sync'],
    ['settings', () => '/settings'],
  ],
  (page) => {
    test('curator: the import preview of a class list, with a row it will refuse', async () => {
      const csv = join(mkdtempSync(join(tmpdir(), 'nastavnik-layout-')), '7Б.csv');
      writeFileSync(
        csv,
        'ФИО;Класс;Категория\nКонстантинопольский Владислав Александрович;7Б;ученик\n;7Б;ученик\n',
      );
      await page().goto('/people/import');
      await page().getByLabel('Файл со списком').setInputFiles(csv);
      await expect(page().getByTestId('import-summary')).toBeVisible();
      await checkScreen(page(), 'curator import preview');
    });
    test('curator: a person with an invite code shown', async () => {
      // A code of three groups is wider than a 360 px screen at 200 % text: its groups wrap as wholes.
      await page().goto(`/people/${s.mentor}`);
      await page().getByLabel('Войдёт как').selectOption('mentor');
      await page().getByRole('button', { name: 'Создать код' }).click();
      await expect(page().getByTestId('invite-code')).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      await checkScreen(page(), 'curator invite code');
    });
    test('curator: pairs with suggestions open', async () => {
      await page().goto('/pairs');
      const suggest = page().getByRole('button', { name: 'Подобрать наставника' }).first();
      if (await suggest.isVisible()) await suggest.click();
      await checkScreen(page(), 'curator pairs with suggestions');
    });
    test("curator: a goal's deletion asked, its question in focus", async () => {
      // The longest of the questions before a step that cannot be taken back (ui/ConfirmStep): two red
      // steps and the way back, all of them on a phone at 200 % text.
      await page().goto(`/pair/${s.pair}/plan/${s.mentee}`);
      const goal = page().getByRole('region', { name: 'Подготовка к экзамену' });
      await goal.getByRole('button', { name: 'Удалить цель' }).click();
      await expect(
        goal.getByRole('group', { name: /^Удалить цель «Подготовка к экзамену»\?/ }),
      ).toBeFocused();
      await checkScreen(page(), 'curator goal deletion asked');
      await goal.getByRole('button', { name: 'Не удалять' }).click();
    });
    test('curator: a refused field under a form, then the notice of a deletion with its way back', async () => {
      // States inside a screen that only the journeys' tests reached, never checked for layout: the error
      // under a field, and the toast with «Вернуть» over the screen's bottom.
      await page().goto('/materials');
      await page().getByLabel('Название').fill('Памятка наставника по работе с тревожными подростками');
      await page().getByLabel('Ссылка').fill('ftp://школа.рф/памятка');
      await page().getByRole('button', { name: 'Добавить', exact: true }).click();
      await expect(page().getByText('Ссылка должна начинаться с https:// или http://')).toBeVisible();
      await checkScreen(page(), 'curator material link refused');
      await page().getByLabel('Ссылка').fill('https://школа.рф/памятка');
      await page().getByRole('button', { name: 'Добавить', exact: true }).click();
      const card = page().getByRole('listitem').filter({ hasText: 'Памятка наставника по работе' });
      await card.getByRole('button', { name: 'Удалить' }).click();
      const toast = page().getByTestId('toast');
      await expect(toast).toContainText('Материал удалён');
      await checkScreen(page(), 'curator deletion toast');
      await toast.getByRole('button', { name: 'Вернуть' }).click();
      await expect(
        page().getByRole('listitem').filter({ hasText: 'Памятка наставника по работе' }),
      ).toBeVisible();
    });
    test('curator: the sections in one row on a phone, the open one in view', async () => {
      await page().goto('/settings');
      const nav = page().getByRole('navigation', { name: 'Разделы' });
      expect((await nav.boundingBox())?.height).toBeLessThan(70);
      await expect(nav.getByRole('link', { name: 'Настройки' })).toBeInViewport({ ratio: 1 });
      await nav.getByRole('link', { name: 'Главная' }).click();
      await expect(page().getByRole('heading', { level: 1 })).toContainText('Здравствуйте');
    });
  },
);

walk(
  'mentor',
  async (browser) => {
    const page = await newPhone(browser);
    await enrol(page, await inviteCode(s.mentor, 'mentor'));
    await syncFirst(page);
    return page;
  },
  [
    ['home', () => '/'],
    ['pair', () => `/pair/${s.pair}`],
    ['new meeting', () => `/pair/${s.pair}/meeting/new`],
    ['plan', () => `/pair/${s.pair}/plan/${s.mentee}`],
    ['meeting', () => `/meeting/${s.meeting}`],
    ['search', () => '/search?q=встреча'],
    ['fill a form', () => `/fill/${s.assignments[1]}`],
    ['materials', () => '/materials'],
    ['sync', () => '/sync'],
    ['settings', () => '/settings'],
  ],
);

walk(
  'mentee',
  async (browser) => {
    const page = await newPhone(browser);
    await enrol(page, await inviteCode(s.mentee, 'mentee'));
    await syncFirst(page);
    return page;
  },
  [
    ['home', () => '/'],
    ['pair', () => `/pair/${s.pair}`],
    ['meeting', () => `/meeting/${s.meeting}`],
    ['plan', () => `/pair/${s.pair}/plan/${s.mentee}`],
    ['search', () => '/search?q=встреча'],
    ['fill a form', () => `/fill/${s.assignments[2]}`],
    ['materials', () => '/materials'],
    ['sync', () => '/sync'],
    ['settings', () => '/settings'],
  ],
);

walk(
  'district administrator',
  async (browser) => {
    const page = await newPhone(browser);
    await page.goto('/');
    await page
      .getByLabel('Код приглашения')
      .fill(await districtCode('district-admin', 'Районова Мария Ивановна'));
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Школы района');
    await syncFirst(page);
    return page;
  },
  [
    ['schools', () => '/'],
    ['administration', () => '/district/admin'],
    ['sync', () => '/sync'],
    ['settings', () => '/settings'],
  ],
  (page) => {
    test('district administrator: a new school’s code with its QR code', async () => {
      await page().goto('/district/admin');
      await page()
        .getByLabel('Название школы')
        .fill('Муниципальное бюджетное общеобразовательное учреждение № 12');
      await page().getByRole('button', { name: 'Создать школу и код куратора' }).click();
      await expect(page().getByTestId('district-code')).toBeVisible();
      await checkScreen(page(), 'district new school code');
    });
  },
);
