// A push works out the caller's grants (what they may read and write) again only after a write that can
// alter them: a mentor's push of 500 IDP titles worked them out 500 times, over every pair — 7.5 s, while
// the school's writers waited (a second server process on the same file answered 500); and so did 500
// edits that each carried the plan's unchanged `pairId` (8.9 s over a hundred pairs). A plan's pair and
// mentee are fixed at its creation, so only a new or a deleted plan counts; of a pair, its members.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServerClock } from '../../src/server/server-clock';
import type { StorageTx } from '../../src/server/storage/storage';
import { createSession } from '../../src/server/sync-session';
import { deletion } from '../support/test-device';
import {
  type Actor,
  addMember,
  BOOTSTRAP_CODE,
  change,
  enrolWith,
  pairChange,
  push,
  startTestServer,
  type TestServer,
} from '../support/test-server';

let server: TestServer;
let curator: Actor;
let mentor: Actor;
beforeAll(async () => {
  server = await startTestServer();
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
  mentor = await addMember(server, curator, 'mentor', { fullName: 'Наставник' }, 'mentor');
});
afterAll(async () => server.close());

/** `tx` counting the records it is asked for by reference (what working out grants reads). */
function counting(tx: StorageTx): { tx: StorageTx; reads: () => number } {
  let n = 0;
  const counted = new Proxy(tx, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (name !== 'findByRef' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        n += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { tx: counted, reads: () => n };
}

it('grants are worked out again after a new or deleted plan, or new members, not after an IDP’s edits', async () => {
  const pupil = change(curator.stamper, 'person', { fullName: 'Ученик', kind: 'student' });
  const pair = pairChange(curator.stamper, mentor.personId, [pupil.id]);
  const plan = change(curator.stamper, 'plan', { pairId: pair.id, menteeId: pupil.id, title: 'ИПР' });
  expect((await push(server, curator, [pupil, pair, plan])).rejected).toEqual([]);
  const caller = {
    personId: mentor.personId,
    isCurator: false,
    schoolId: curator.token.split('.')[0] as string,
    deviceId: 'd',
    role: 'mentor' as const,
  };
  const planRecord = { ...plan, type: 'plan' as const };
  const pairRecord = { ...pair, type: 'pair' as const };
  const edited = (record: typeof planRecord | typeof pairRecord, fields: Record<string, unknown>) => ({
    ...record,
    fields: { ...record.fields, ...fields },
  });
  await server.storage.transaction(async (tx) => {
    const { tx: counted, reads } = counting(tx);
    const session = createSession(counted, createServerClock(), caller);
    await session.grants();
    const once = reads();
    // An IDP's title, with or without its unchanged pair and mentee; a pair's status.
    session.wrote(planRecord, edited(planRecord, { title: 'ИПР: чтение' }));
    session.wrote(planRecord, edited(planRecord, { title: 'ИПР: 2', pairId: pair.id, menteeId: pupil.id }));
    session.wrote(pairRecord, edited(pairRecord, { status: 'paused' }));
    await session.grants();
    expect(reads()).toBe(once);
    session.wrote(planRecord, {
      ...planRecord,
      fields: {},
      deleted: deletion(mentor.stamper, 'plan', plan.id).deleted,
    });
    await session.grants();
    expect(reads()).toBe(2 * once);
    session.wrote(undefined, { ...planRecord, id: 'another' });
    await session.grants();
    expect(reads()).toBe(3 * once);
    session.wrote(pairRecord, edited(pairRecord, { menteeIds: [] }));
    await session.grants();
    expect(reads()).toBe(4 * once);
  });
});
