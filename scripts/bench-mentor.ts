// A mentor's phone with 1,000 pairs and 20,000 meetings: how long home and a pair page take to render
// and how long search takes to answer, in Chromium, on the production build. `npm run bench`.

import { uuidv7 } from 'uuidv7';
import { SESSION_KEY } from '../src/client/db/meta';
import { wordsOf } from '../src/domain/search-text';
import { median, openBenchApp, readyAfter, benchRecord as rec, seed, seededRandom } from './bench-seed';

const PAIRS = 1_000;
const MEETINGS_PER_PAIR = 20;
const TASKS_PER_PAIR = 5;
const VOCABULARY =
  'цели план экзамен вариант задачи проект доклад конференция олимпиада литература математика физика история класс урок оценки домашнее задание тревога уверенность общение друзья кружок секция спорт расписание выступление презентация исследование источники эксперимент результат прогресс трудности вопросы ответы разбор ошибок повторение тема параграф контрольная диагностика профориентация профессия университет колледж практика наставник договорились обсудили решили попробовать подготовить прочитать написать выучить проверить'.split(
    ' ',
  );

function buildData(mentorId: string) {
  const random = seededRandom(42);
  const pick = () => VOCABULARY[Math.floor(random() * VOCABULARY.length)] as string;
  const people = [rec('person', { fullName: 'Наставник Тестовый', kind: 'teacher' }, mentorId)];
  const pairs = [];
  const meetings = [];
  const plans = [];
  const tasks = [];
  const kinds = ['organisational', 'trial', 'planning'];
  for (let p = 0; p < PAIRS; p++) {
    const mentee = rec('person', {
      fullName: `Ученик ${String(p).padStart(4, '0')}`,
      kind: 'student',
      classOrSubject: `${5 + (p % 7)}А`,
    });
    people.push(mentee);
    const pair = rec('pair', { mentorId, menteeIds: [mentee.id], form: 'учитель–ученик', status: 'active' });
    pairs.push(pair);
    for (let m = 0; m < MEETINGS_PER_PAIR; m++) {
      const day = new Date(Date.UTC(2026, 8, 1) + (m * 5 + (p % 5)) * 86_400_000).toISOString().slice(0, 10);
      const notes = Array.from({ length: 25 }, pick).join(' ');
      const meeting = rec('meeting', {
        pairId: pair.id,
        date: day,
        kind: kinds[m] ?? 'regular',
        durationMin: 45,
        notes,
        status: 'held',
        topics: [],
      });
      meetings.push({ ...meeting, words: wordsOf([notes]) });
    }
    const plan = rec('plan', { pairId: pair.id, menteeId: mentee.id, title: 'ИПР' });
    plans.push(plan);
    for (let t = 0; t < TASKS_PER_PAIR; t++) {
      const title = `${pick()} ${pick()} ${pick()}`;
      const task = rec('task', {
        planId: plan.id,
        goalId: null,
        title,
        status: t < 2 ? 'done' : 'todo',
        due: '2026-12-01',
        order: t,
      });
      tasks.push({ ...task, words: wordsOf([title]) });
    }
  }
  return { person: people, pair: pairs, meeting: meetings, plan: plans, task: tasks };
}

const { app, base, context, page } = await openBenchApp({ width: 390, height: 850 });

const mentorId = uuidv7();
const data = buildData(mentorId);
const seedStart = Date.now();
for (const [table, rows] of Object.entries(data)) await seed(page, table, rows);
await seed(page, 'meta', [
  {
    key: SESSION_KEY,
    value: { token: 'bench', personId: mentorId, role: 'mentor', schoolId: 's', deviceId: 'd' },
  },
]);
console.log(
  `seeded ${PAIRS} pairs, ${data.meeting.length} meetings, ${data.task.length} tasks in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`,
);
// No server for this fake session: work offline, as a phone would.
await context.setOffline(true);

await page.goto(`${base}/`);
const coldHome = (await (
  await page.waitForFunction(() => performance.getEntriesByName('screen-ready:home').at(-1)?.startTime)
).jsonValue()) as number;

const home: number[] = [];
const pair: number[] = [];
for (let i = 0; i < 7; i++) {
  pair.push(
    await readyAfter(page, 'pair', () =>
      page.locator('[data-testid="home-pairs"] .card__link').nth(i).click(),
    ),
  );
  home.push(await readyAfter(page, 'home', () => page.getByRole('link', { name: 'Главная' }).click()));
}

await page.getByRole('link', { name: 'Поиск', exact: true }).click();
const search: number[] = [];
for (const query of ['экз', 'олимпиада', 'разбор ошиб', 'план', 'конференция доклад', 'проф', 'у']) {
  await page.evaluate(() => performance.clearMeasures());
  await page.getByLabel('Люди, встречи, заметки и задачи').fill(query);
  if (query.length < 2) continue;
  const handle = await page.waitForFunction(() => performance.getEntriesByName('search').at(-1)?.duration);
  search.push((await handle.jsonValue()) as number);
}

console.log(`home, cold start of the app until the list shows: ${coldHome.toFixed(0)} ms`);
console.log(
  `home, from a tap until the list shows: median ${median(home).toFixed(0)} ms, max ${Math.max(...home).toFixed(0)} ms (${home.length} runs)`,
);
console.log(
  `pair page, from a tap until it shows: median ${median(pair).toFixed(0)} ms, max ${Math.max(...pair).toFixed(0)} ms (${pair.length} runs)`,
);
console.log(
  `search answer: median ${median(search).toFixed(0)} ms, max ${Math.max(...search).toFixed(0)} ms (${search.length} queries)`,
);
await context.close();
await app.close();
