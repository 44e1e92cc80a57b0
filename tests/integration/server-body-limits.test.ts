// Each endpoint reads no more body than it needs: only a sync (4 MiB) and a restore (64 MiB) take large
// ones. An anonymous enrolment or a path no route serves once read and parsed up to 4 MiB of JSON, so
// a few dozen such requests at once, from anyone, held gigabytes of the one process every school uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  BOOTSTRAP_CODE,
  call,
  DISTRICT_CODE,
  enrolWith,
  startTestServer,
  type TestServer,
} from '../support/test-server';

let server: TestServer;
let curator: Actor;
let district: Actor;

beforeAll(async () => {
  server = await startTestServer();
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
  district = await enrolWith(server, DISTRICT_CODE, 'dist');
});
afterAll(async () => server.close());

const MiB = 1024 * 1024;

/** A body of a megabyte that is JSON of the endpoint's shape: read and parsed, it would be answered. */
const megabyte = (field: string) => `{"${field}":"x"${' '.repeat(MiB)}}`;

const post = (path: string, raw: string, actor?: Actor) =>
  call(server, 'POST', path, { raw, ...(actor ? { token: actor.token } : {}) });

const TOO_LARGE = { status: 413, body: { error: 'too-large', reason: expect.any(String) } };

describe('bodies are bounded by what the endpoint needs', () => {
  it('an anonymous enrolment of a megabyte is refused 413, unparsed (it was read, then answered 400)', async () => {
    expect(await post('/api/v1/enrol', megabyte('code'))).toEqual(TOO_LARGE);
    expect(await post('/api/v1/enrol', `{"code":"${' '.repeat(100_000)}x"}`)).toEqual(TOO_LARGE);
    // A code as a device sends it is read as before.
    const wrong = await call(server, 'POST', '/api/v1/enrol', { body: { code: 'AAAA-BBBB-CCCC' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid-code');
  });

  it('so is a body sent anonymously to a path no route serves', async () => {
    expect(await post('/api/v1/nothing-here', megabyte('x'))).toEqual(TOO_LARGE);
    expect((await post('/no-such-page', megabyte('x'))).status).toBe(413);
  });

  it('and a megabyte to an endpoint whose body is a line or two', async () => {
    expect(await post('/api/v1/invites', megabyte('personId'), curator)).toEqual(TOO_LARGE);
    expect(await post('/api/v1/devices/x/revoke', megabyte('x'), curator)).toEqual(TOO_LARGE);
    expect(await post('/api/v1/district/schools', megabyte('name'), district)).toEqual(TOO_LARGE);
    expect(await post('/api/v1/district/invites', megabyte('fullName'), district)).toEqual(TOO_LARGE);
  });

  it('a sync still takes megabytes', async () => {
    const padded = `{"cursor":null,${' '.repeat(3 * MiB)}"changes":[]}`;
    for (const path of ['/api/v1/sync', '/api/v2/sync']) {
      const r = await call(server, 'POST', path, { token: curator.token, raw: padded });
      expect(r.status, path).toBe(200);
    }
  });
});
