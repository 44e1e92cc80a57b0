// A scale may run up to the largest number a device can send. The figures the server makes from its
// answers (a mentor's statistics, the district's summary) stay finite numbers: an average that overflowed
// to Infinity was stored as null, broke its own schema, and the school's export then failed to restore.
// (Found by an attack round.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type Actor,
  addMember,
  BOOTSTRAP_CODE,
  call,
  change,
  enrolWith,
  pairChange,
  pullAll,
  push,
  startTestServer,
  type TestServer,
} from '../support/test-server';

let server: TestServer;
let fresh: TestServer;
let curator: Actor;
beforeAll(async () => {
  server = await startTestServer();
  fresh = await startTestServer();
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
});
afterAll(async () => {
  await server.close();
  await fresh.close();
});

it('answers at the top of a scale up to the largest number give finite statistics, and the backup restores', async () => {
  const mentor = await addMember(server, curator, 'mentor', { fullName: 'Наставник' }, 'm');
  const pupils = await Promise.all(
    [0, 1, 2].map((i) =>
      addMember(server, curator, 'mentee', { fullName: `Ученик ${i}`, kind: 'student' }, `p${i}`),
    ),
  );
  const pair = pairChange(
    curator.stamper,
    mentor.personId,
    pupils.map((p) => p.personId),
  );
  const form = change(curator.stamper, 'formTemplate', {
    title: 'Оценка',
    questions: [{ id: 'q', kind: 'scale', min: 1, max: Number.MAX_VALUE }],
    visibleToMentor: false,
  });
  const given = pupils.map((p) =>
    change(curator.stamper, 'formAssignment', {
      templateId: form.id,
      personId: p.personId,
      pairId: pair.id,
      due: null,
    }),
  );
  expect((await push(server, curator, [pair, form, ...given])).rejected).toEqual([]);
  for (const [i, pupil] of pupils.entries()) {
    await pullAll(server, pupil);
    const answer = change(pupil.stamper, 'formResponse', {
      assignmentId: given[i]?.id,
      answers: { q: 1e308 },
      submittedAt: new Date().toISOString(),
      templateVersion: 1,
    });
    expect((await push(server, pupil, [answer])).rejected).toEqual([]);
  }
  const { records } = await pullAll(server, mentor);
  const stats = [...records.values()].find((r) => r.type === 'formStats');
  expect(stats?.fields.averages).toEqual({ q: 1e308 });

  const exported = await call(server, 'GET', '/api/v1/export', { token: curator.token });
  const newCurator = await enrolWith(fresh, BOOTSTRAP_CODE, 'cur2');
  const restored = await call(fresh, 'POST', '/api/v1/restore', {
    token: newCurator.token,
    body: exported.body,
  });
  expect(restored.status).toBe(200);
});
