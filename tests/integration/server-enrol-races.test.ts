// An enrolment is one of the school's writers, one at a time with the others (it takes the school's
// lock): on PostgreSQL, where transactions run side by side, an erasure committed meanwhile left the
// erased pupil's new device unrevoked with its typed name, and the district's code for a school's first
// curator was handed out while that curator enrolled — a second curator, the district's. (Found by an
// attack round; on SQLite, where transactions run one at a time, both held already.) Each race is run
// many times: with the lock there is no order in which it shows.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deletion } from '../support/test-device';
import {
  type Actor,
  BOOTSTRAP_CODE,
  call,
  change,
  DISTRICT_CODE,
  enrolWith,
  push,
  startTestServer,
  type TestServer,
} from '../support/test-server';

let server: TestServer;
let curator: Actor;
let admin: Actor;
beforeAll(async () => {
  server = await startTestServer();
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
  admin = await enrolWith(server, DISTRICT_CODE, 'admin');
});
afterAll(async () => server.close());

it('a pupil erased while their devices enrol keeps no device and no device name', async () => {
  for (let round = 0; round < 20; round++) {
    const pupil = change(curator.stamper, 'person', { fullName: `Ученик ${round}`, kind: 'student' });
    expect((await push(server, curator, [pupil])).rejected).toEqual([]);
    const codes = await Promise.all(
      [0, 1, 2, 3].map(
        async () =>
          (
            await call(server, 'POST', '/api/v1/invites', {
              token: curator.token,
              body: { personId: pupil.id, role: 'mentee' },
            })
          ).body.code as string,
      ),
    );
    await Promise.all([
      ...codes.map((code, i) =>
        call(server, 'POST', '/api/v1/enrol', {
          body: { code, deviceName: `Телефон ученика ${round}-${i}` },
        }),
      ),
      push(server, curator, [deletion(curator.stamper, 'person', pupil.id)]),
    ]);
    const devices = (await call(server, 'GET', '/api/v1/devices', { token: curator.token })).body.devices as {
      personId: string;
      name: string;
      revokedAt: string | null;
    }[];
    expect(devices.filter((d) => d.personId === pupil.id && (d.name !== '' || d.revokedAt === null))).toEqual(
      [],
    );
  }
});

it('no first-curator code is handed out for a school whose first curator enrols at that moment', async () => {
  for (let round = 0; round < 20; round++) {
    const made = await call(server, 'POST', '/api/v1/district/schools', {
      token: admin.token,
      body: { name: `Школа ${round}` },
    });
    const schoolId = (made.body.school as { id: string }).id;
    const [enrolled, ...asked] = await Promise.all([
      call(server, 'POST', '/api/v1/enrol', { body: { code: made.body.code, deviceName: 'Куратор' } }),
      ...Array.from({ length: 6 }, () =>
        call(server, 'POST', `/api/v1/district/schools/${schoolId}/curator-code`, { token: admin.token }),
      ),
    ]);
    if (enrolled.status !== 200) continue; // the district's code came first and replaced the first one
    for (const answer of asked.filter((a) => a.status === 200)) {
      const second = await call(server, 'POST', '/api/v1/enrol', {
        body: { code: answer.body.code, deviceName: 'Администратор района' },
      });
      expect(second.status).not.toBe(200);
    }
  }
});
