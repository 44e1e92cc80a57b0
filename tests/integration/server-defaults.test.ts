// What the server seeds (the first curator, the built-in questionnaires) is a default, not an edit: a
// curator's edit wins over it even from a device whose clock is behind the server's, and even when a
// backup taken elsewhere is restored onto a server that seeded its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDefaultStamp } from '../../src/domain/defaults';
import type { SyncedRecord } from '../../src/domain/record';
import {
  type Actor,
  BOOTSTRAP_CODE,
  change,
  createStamper,
  enrolWith,
  pullAll,
  push,
  startTestServer,
  type TestServer,
} from '../support/test-server';

const HOUR = 60 * 60 * 1000;
let server: TestServer;
let curator: Actor;

beforeAll(async () => {
  server = await startTestServer();
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
  // The curator's PC runs an hour behind the server.
  curator.stamper = createStamper('cur', () => Date.now() - HOUR);
});
afterAll(() => server.close());

describe('records the server seeds', () => {
  it('carry default stamps', async () => {
    const { records } = await pullAll(server, { ...curator, cursor: null });
    const seeded = [...records.values()].filter(
      (r) => r.type === 'formTemplate' || r.id === curator.personId,
    );
    expect(seeded.length).toBe(7);
    for (const r of seeded) expect(Object.values(r.stamps).every(isDefaultStamp)).toBe(true);
  });

  it('give way to a curator’s edits from a device whose clock is behind', async () => {
    const { records } = await pullAll(server, { ...curator, cursor: null });
    const template = [...records.values()].find((r) => r.fields.builtIn === 'interim') as SyncedRecord;
    const answer = await push(server, curator, [
      change(curator.stamper, 'person', { fullName: 'Яковлева Елена Сергеевна' }, curator.personId),
      change(curator.stamper, 'formTemplate', { archived: true }, template.id),
    ]);
    expect(answer.rejected).toEqual([]);
    const after = (await pullAll(server, { ...curator, cursor: null })).records;
    expect(after.get(curator.personId)?.fields.fullName).toBe('Яковлева Елена Сергеевна');
    expect(after.get(template.id)?.fields.archived).toBe(true);
  });
});
