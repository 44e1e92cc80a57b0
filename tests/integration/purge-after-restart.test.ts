// A device whose scope grew pulls again from the start; if its scope then shrinks before that pull has
// come back to what it held from before, the purge must still name those records (privacy: a mentor
// who lost a pair keeps none of it). Both contract versions, over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/domain/record';
import { speakContract } from '../support/contract-v2';
import {
  type Actor,
  addMember,
  BOOTSTRAP_CODE,
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
  // Small pages on both versions, so that a pull that starts over takes several.
  server = await startTestServer({ pageSize: 3, pageSizeV2: 3 });
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
});

afterAll(async () => {
  await server.close();
});

describe.each([1, 2] as const)('contract v%i: a scope that shrinks while a pull starts over', (version) => {
  it('purges what the device held from before, though the new pull has not come back to it', async () => {
    speakContract(version);
    const mentor = await addMember(server, curator, 'mentor', { fullName: `Наставник ${version}` }, 'mentor');
    const pairOf = (menteeId: string): Change => pairChange(curator.stamper, mentor.personId, [menteeId]);
    const first = change(curator.stamper, 'person', { fullName: 'Первый ученик', kind: 'student' });
    const firstPair = pairOf(first.id);
    expect((await push(server, curator, [first, firstPair])).rejected).toEqual([]);
    expect((await pullAll(server, mentor)).records.has(firstPair.id)).toBe(true);
    // A second pair: the scope grows, so the pull starts over from the first revision; one page of it.
    const other = change(curator.stamper, 'person', { fullName: 'Второй ученик', kind: 'student' });
    expect((await push(server, curator, [other, pairOf(other.id)])).rejected).toEqual([]);
    const restarted = await push(server, mentor, []);
    mentor.cursor = restarted.cursor;
    expect(restarted.hasMore).toBe(true);
    expect(restarted.changes.map((r) => r.id)).not.toContain(firstPair.id);
    // The first pair goes to the curator's care while that pull has not come back to it.
    const moved = change(curator.stamper, 'pair', { mentorId: curator.personId }, firstPair.id);
    expect((await push(server, curator, [moved])).rejected).toEqual([]);
    const { purge } = await pullAll(server, mentor);
    expect(purge).toContain(firstPair.id);
    expect(purge).toContain(first.id);
  });
});
