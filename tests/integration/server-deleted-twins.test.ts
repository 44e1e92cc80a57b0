// A deleted IDP under an id of its own (one an older app made offline) keeps its pair and mentee on the
// server (parents), so it is the twin of a new IDP of that mentee only — not of every mentee of the pair
// — and a refusal names it only to someone who may read it: no one but curators reads a deleted plan.
// (Found by an attack round: it counted for any mentee, and its id was named to the mentor.)
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'curator');
  mentor = await addMember(server, curator, 'mentor', { fullName: 'Анна Сергеевна' }, 'mentor');
});
afterAll(async () => server.close());

const planOf = (actor: Actor, pairId: string, menteeId: string) =>
  change(actor.stamper, 'plan', { pairId, menteeId, title: 'ИПР' }, uuidv7());

describe('a deleted IDP under an id of its own', () => {
  it("is no twin of another mentee's IDP, and its id is not named to the mentor", async () => {
    const a = change(curator.stamper, 'person', { fullName: 'Ученик А', kind: 'student' });
    const b = change(curator.stamper, 'person', { fullName: 'Ученик Б', kind: 'student' });
    const pair = pairChange(curator.stamper, mentor.personId, [a.id, b.id]);
    const olderA = planOf(curator, pair.id, a.id);
    expect((await push(server, curator, [a, b, pair, olderA])).rejected).toEqual([]);
    expect((await push(server, curator, [deletion(curator.stamper, 'plan', olderA.id)])).rejected).toEqual(
      [],
    );
    // A's deleted IDP is no IDP of B's: an older app's IDP of B is taken.
    const newB = planOf(mentor, pair.id, b.id);
    expect((await push(server, mentor, [newB])).rejected).toEqual([]);
    // It still counts for A, but the mentor, who may not read it, is not told its id.
    const newA = planOf(mentor, pair.id, a.id);
    const [refused, ...rest] = (await push(server, mentor, [newA])).rejected;
    expect(rest).toEqual([]);
    expect(refused?.code).toBe('invalid');
    expect(refused?.reason).not.toContain(olderA.id);
    // A curator, who reads it, is told.
    const byCurator = planOf(curator, pair.id, a.id);
    expect((await push(server, curator, [byCurator])).rejected[0]?.reason).toContain(olderA.id);
  });
});
