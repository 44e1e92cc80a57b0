// A pull's grants and the records it reads under them come from one moment: on PostgreSQL, where
// transactions run side by side, a mentor's pull read their grants, then a curator's push withdrew a
// minor pupil's consent and added a task to the pupil's IDP, then the pull read the records — and the
// mentor received the task written with the withdrawal. (Found by an attack round; the race is run many
// times, each time while the mentor pulls without pause: with one snapshot there is no order in which it
// shows.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SyncedRecord } from '../../src/domain/record';
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
let curator: Actor;
beforeAll(async () => {
  server = await startTestServer();
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
});
afterAll(async () => server.close());

it('nothing written with a consent’s withdrawal reaches the mentor, however their pulls fall', async () => {
  const mentor = await addMember(server, curator, 'mentor', { fullName: 'Наставник' }, 'm');
  const pupil = change(curator.stamper, 'person', { fullName: 'Ученица', kind: 'student', minor: true });
  const consent = change(curator.stamper, 'consent', {
    personId: pupil.id,
    signedBy: 'Мать',
    date: '2026-09-01',
    withdrawn: false,
  });
  const pair = pairChange(curator.stamper, mentor.personId, [pupil.id]);
  const plan = change(curator.stamper, 'plan', { pairId: pair.id, menteeId: pupil.id, title: 'ИПР' });
  expect((await push(server, curator, [pupil, consent, pair, plan])).rejected).toEqual([]);
  await pullAll(server, mentor);
  for (let round = 0; round < 30; round++) {
    const received: SyncedRecord[] = [];
    let pulls = 0;
    let isStopped = false;
    const pulling = (async () => {
      while (!isStopped) {
        const page = await call(server, 'POST', '/api/v1/sync', {
          token: mentor.token,
          body: { cursor: mentor.cursor, changes: [] },
        });
        received.push(...(page.body.changes as SyncedRecord[]));
        mentor.cursor = page.body.cursor as string;
        pulls += 1;
      }
    })();
    await expect.poll(() => pulls).toBeGreaterThan(0);
    const title = `После отзыва ${round}`;
    const withdrawal = change(curator.stamper, 'consent', { withdrawn: true }, consent.id);
    const task = change(curator.stamper, 'task', { planId: plan.id, title, status: 'todo', due: null });
    expect((await push(server, curator, [withdrawal, task])).rejected).toEqual([]);
    const pullsThen = pulls;
    await expect.poll(() => pulls).toBeGreaterThan(pullsThen);
    isStopped = true;
    await pulling;
    expect(received.filter((r) => r.fields.title === title)).toEqual([]);
    // The consent given again: the mentor's next pull starts over with the pupil's data.
    const given = change(curator.stamper, 'consent', { withdrawn: false }, consent.id);
    expect((await push(server, curator, [given])).rejected).toEqual([]);
    await pullAll(server, mentor);
  }
});
