// The token is read from the Authorization header as HTTP defines it: the scheme in any case
// (RFC 9110 §11.1), one or more spaces before the token (RFC 6750 §2.1). A client library or a proxy
// that writes `bearer` was refused 401 with a valid token. Nowhere else is a token taken.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  BOOTSTRAP_CODE,
  enrolWith,
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

const devices = async (headers: Record<string, string>, query = '') => {
  const r = await fetch(`${server.url}/api/v1/devices${query}`, { headers });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};

describe('the Authorization header', () => {
  it('takes the scheme in any case and more than one space before the token', async () => {
    for (const header of [
      `Bearer ${curator.token}`,
      `bearer ${curator.token}`,
      `BEARER ${curator.token}`,
      `Bearer   ${curator.token}`,
    ]) {
      expect((await devices({ authorization: header })).status, header).toBe(200);
    }
  });

  it('refuses anything else, and a token anywhere but the header', async () => {
    for (const header of [
      curator.token,
      `Bearer`,
      `Bearer ${curator.token} x`,
      `Basic ${curator.token}`,
      `Bearer\t${curator.token}`,
      `Bearer ${curator.token.slice(0, -1)}`,
    ]) {
      expect(await devices({ authorization: header }), header).toEqual({
        status: 401,
        body: { error: 'unauthorized', reason: expect.any(String) },
      });
    }
    expect((await devices({}, `?token=${curator.token}`)).status).toBe(401);
    expect((await devices({}, `?access_token=${curator.token}`)).status).toBe(401);
    expect((await devices({ cookie: `token=${curator.token}` })).status).toBe(401);
  });
});
