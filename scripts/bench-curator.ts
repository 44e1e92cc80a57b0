// A curator's PC with a whole school: 1,200 students, 120 teachers, 300 pairs, 6,000 meetings. How long
// the monitoring dashboard takes to show, and how long an XLSX export of the meetings takes, in
// Chromium on the production build. `npm run bench`.
import { SESSION_KEY } from '../src/client/db/meta';
import { BUILTIN_TEMPLATES } from '../src/domain/questionnaires/builtin-templates';
import { PROGRAMME_ID } from '../src/domain/record-type-names';
import { wordsOf } from '../src/domain/search-text';
import { median, openBenchApp, readyAfter, benchRecord as rec, seed, seededRandom } from './bench-seed';

const STUDENTS = 1_200;
const TEACHERS = 120;
const PAIRS = 300;
const MEETINGS_PER_PAIR = 20;

function buildSchool() {
  const random = seededRandom(7);
  const students = Array.from({ length: STUDENTS }, (_, i) =>
    rec('person', {
      fullName: `Ученик Номер${i}`,
      kind: 'student',
      minor: true,
      classOrSubject: `${5 + (i % 7)}${'АБВ'[i % 3]}`,
    }),
  );
  const teachers = Array.from({ length: TEACHERS }, (_, i) =>
    rec('person', { fullName: `Педагог Номер${i}`, kind: 'teacher', classOrSubject: 'Математика' }),
  );
  const consents = students.map((s) =>
    rec('consent', { personId: s.id, signedBy: 'Родитель', date: '2026-09-05', withdrawn: false }),
  );
  const templates = BUILTIN_TEMPLATES.map((t) =>
    rec('formTemplate', {
      title: t.title,
      kind: t.key,
      questions: t.questions,
      visibleToMentor: false,
      version: 1,
      builtIn: t.key,
    }),
  );
  const finalMentee = templates.find((t) => t.fields.kind === 'final-mentee') as ReturnType<typeof rec>;
  const pairs = [];
  const meetings = [];
  const plans = [];
  const tasks = [];
  const assignments = [];
  const responses = [];
  const kinds = ['organisational', 'trial', 'planning'];
  for (let p = 0; p < PAIRS; p++) {
    const mentor = teachers[p % TEACHERS] as ReturnType<typeof rec>;
    const mentees = [
      students[p * 2] as ReturnType<typeof rec>,
      ...(p % 4 === 0 ? [students[p * 2 + 1] as ReturnType<typeof rec>] : []),
    ];
    const pair = rec('pair', {
      mentorId: mentor.id,
      menteeIds: mentees.map((m) => m.id),
      form: p % 2 ? 'учитель–ученик' : 'ученик–ученик',
      status: 'active',
    });
    pairs.push(pair);
    for (let m = 0; m < MEETINGS_PER_PAIR; m++) {
      const date = new Date(Date.UTC(2026, 8, 1) + (m * 4 + (p % 4)) * 86_400_000).toISOString().slice(0, 10);
      const notes = `Встреча ${m}: обсудили план и задачи`;
      meetings.push({
        ...rec('meeting', {
          pairId: pair.id,
          date,
          kind: kinds[m] ?? 'regular',
          durationMin: 45,
          notes,
          status: 'held',
          topics: ['Проект'],
        }),
        words: wordsOf([notes]),
      });
    }
    const plan = rec('plan', { pairId: pair.id, menteeId: mentees[0]?.id, title: 'ИПР' });
    plans.push(plan);
    for (let t = 0; t < 5; t++) {
      const title = `Задача ${t}`;
      tasks.push({
        ...rec('task', {
          planId: plan.id,
          goalId: null,
          title,
          status: random() < 0.4 ? 'done' : 'todo',
          due: '2026-12-20',
          order: t,
        }),
        words: wordsOf([title]),
      });
    }
    const assignment = rec('formAssignment', {
      templateId: finalMentee.id,
      personId: mentees[0]?.id,
      pairId: pair.id,
      due: '2027-03-20',
    });
    assignments.push(assignment);
    if (random() < 0.8) {
      const scale = () => 5 + Math.floor(random() * 6);
      responses.push(
        rec('formResponse', {
          assignmentId: assignment.id,
          answers: {
            expectations: scale(),
            comfort: scale(),
            usefulness: scale(),
            progress: scale(),
            goalsReached: 'В основном',
            continue: true,
            recommend: scale(),
            learnt: 'Многое',
          },
          submittedAt: '2027-03-10T10:00:00.000Z',
          templateVersion: 1,
        }),
      );
    }
  }
  const programme = rec(
    'programme',
    {
      schoolYear: '2026-2027',
      studentsTotal: STUDENTS,
      teachersTotal: TEACHERS,
      targetShare: 70,
      forms: [],
      stages: [],
    },
    PROGRAMME_ID,
  );
  return {
    person: [...students, ...teachers],
    consent: consents,
    formTemplate: templates,
    pair: pairs,
    meeting: meetings,
    plan: plans,
    task: tasks,
    formAssignment: assignments,
    formResponse: responses,
    programme: [programme],
    curator: teachers[0] as ReturnType<typeof rec>,
  };
}

const { app, base, context, page } = await openBenchApp({ width: 1280, height: 800 });
const school = buildSchool();
const seedStart = Date.now();
const { curator, ...tables } = school;
for (const [table, rows] of Object.entries(tables)) await seed(page, table, rows);
await seed(page, 'meta', [
  {
    key: SESSION_KEY,
    value: { token: 'bench', personId: curator.id, role: 'curator', schoolId: 's', deviceId: 'd' },
  },
]);
console.log(
  `seeded ${STUDENTS} students, ${TEACHERS} teachers, ${PAIRS} pairs, ${school.meeting.length} meetings, ${school.formResponse.length} responses in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`,
);
await context.setOffline(true);
await page.goto(`${base}/`);
await page.getByRole('link', { name: 'Мониторинг' }).waitFor();

const dashboard: number[] = [];
for (let i = 0; i < 7; i++) {
  dashboard.push(
    await readyAfter(page, 'dashboard', () => page.getByRole('link', { name: 'Мониторинг' }).click()),
  );
  await page.getByRole('link', { name: 'Главная' }).click();
}

// The export library loads from the server the first time (it is not precached for phones).
await context.setOffline(false);
await page.goto(`${base}/data`);
const exports: number[] = [];
for (let i = 0; i < 4; i++) {
  const row = page.getByRole('listitem').filter({ hasText: 'Встречи' });
  const start = Date.now();
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await row.getByRole('button', { name: 'XLSX' }).click();
  await download;
  exports.push(Date.now() - start);
}

console.log(
  `dashboard, from a tap until it shows: median ${median(dashboard).toFixed(0)} ms, max ${Math.max(...dashboard).toFixed(0)} ms (${dashboard.length} runs)`,
);
console.log(
  `XLSX export of ${school.meeting.length} meetings, from the tap to the file: first ${exports[0]} ms (loads the library), then median ${median(exports.slice(1)).toFixed(0)} ms`,
);
await context.close();
await app.close();
