// A district on one server: its administrator makes schools, each school's people see only their
// school, and the district's people see every school's figures side by side — never a person.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SyncedRecord } from '../../src/domain/record';
import { PROGRAMME_ID } from '../../src/domain/record-type-names';
import { bootstrapDistrict } from '../../src/server/district-service';
import { DISTRICT_ID } from '../../src/server/namespaces';
import { derivedId } from '../../src/server/secrets';
import { createServerClock } from '../../src/server/server-clock';
import {
  type Actor,
  addMember,
  BOOTSTRAP_CODE,
  call,
  change,
  DISTRICT_CODE,
  enrolWith,
  pairChange,
  pullAll,
  push,
  startTestServer,
  type TestServer,
} from '../support/test-server';

let server: TestServer;
let admin: Actor;

beforeAll(async () => {
  server = await startTestServer();
  admin = await enrolWith(server, DISTRICT_CODE, 'district-admin');
  return () => server.close();
});

type School = { id: string; name: string; curator: Actor; mentor: Actor; pairId: string; names: string[] };

/** A school as its curator sets it up: the programme's roster, a mentor and a minor mentee with consent, a pair. */
async function setUpSchool(name: string, suffix: string): Promise<School> {
  const made = await call(server, 'POST', '/api/v1/district/schools', { token: admin.token, body: { name } });
  expect(made.status).toBe(200);
  const school = made.body.school as { id: string };
  const curator = await enrolWith(server, made.body.code as string, `cur-${suffix}`);
  const programme = change(
    curator.stamper,
    'programme',
    { schoolYear: '2026-2027', schoolName: name, studentsTotal: 10, teachersTotal: 4, targetShare: 70 },
    PROGRAMME_ID,
  );
  const names = [`Наставникова Анна ${suffix}`, `Учеников Петя ${suffix}`];
  const mentee = change(curator.stamper, 'person', { fullName: names[1], kind: 'student', minor: true });
  const consent = change(curator.stamper, 'consent', {
    personId: mentee.id,
    signedBy: `Ученикова Мария ${suffix}`,
    date: '2026-09-01',
    withdrawn: false,
  });
  expect((await push(server, curator, [programme, mentee, consent])).rejected).toEqual([]);
  const mentor = await addMember(server, curator, 'mentor', { fullName: names[0] }, `men-${suffix}`);
  const pair = pairChange(curator.stamper, mentor.personId, [mentee.id]);
  expect((await push(server, curator, [pair])).rejected).toEqual([]);
  return {
    id: school.id,
    name,
    curator,
    mentor,
    pairId: pair.id,
    names: [...names, `Ученикова Мария ${suffix}`],
  };
}

const meeting = (school: School, notes: string) =>
  change(school.mentor.stamper, 'meeting', {
    pairId: school.pairId,
    date: '2026-11-02',
    kind: 'organisational',
    durationMin: 40,
    notes,
  });

describe('a district on one server', () => {
  let one: School;
  let two: School;

  it('the administrator makes two schools; each curator enrols with the code made for their school', async () => {
    one = await setUpSchool('Школа № 1', 'A');
    two = await setUpSchool('Лицей № 2', 'B');
    const listed = await call(server, 'GET', '/api/v1/district/schools', { token: admin.token });
    expect(listed.status).toBe(200);
    const names = (listed.body.schools as { name: string; hasCurator: boolean }[]).map((s) => [
      s.name,
      s.hasCurator,
    ]);
    expect(names).toEqual(
      expect.arrayContaining([
        ['Школа № 1', true],
        ['Лицей № 2', true],
      ]),
    );
  });

  it('a user sees only their school, and cannot reach another school’s people', async () => {
    const mine = await pullAll(server, { ...one.curator, cursor: null });
    const ids = [...mine.records.keys()];
    expect(ids).toContain(one.pairId);
    expect(ids).not.toContain(two.pairId);
    const text = JSON.stringify([...mine.records.values()]);
    for (const n of two.names) expect(text).not.toContain(n);
    const foreign = await call(server, 'POST', '/api/v1/invites', {
      token: one.curator.token,
      body: { personId: two.mentor.personId, role: 'mentor' },
    });
    expect(foreign.status).toBe(404);
    // A change naming another school's record is a change to a record this school does not have.
    const r = await push(server, one.mentor, [
      change(one.mentor.stamper, 'meeting', {
        pairId: two.pairId,
        date: '2026-11-02',
        kind: 'regular',
        durationMin: 10,
        notes: 'чужая пара',
      }),
    ]);
    expect(r.rejected).toHaveLength(1);
  });

  it("the district's people see each school's figures side by side, and no names", async () => {
    expect((await push(server, one.mentor, [meeting(one, 'Знакомство')])).rejected).toEqual([]);
    expect(
      (await push(server, two.mentor, [meeting(two, 'Знакомство'), meeting(two, 'Ещё')])).rejected,
    ).toEqual([]);
    const invited = await call(server, 'POST', '/api/v1/district/invites', {
      token: admin.token,
      body: { fullName: 'Специалист Комитета', role: 'district' },
    });
    expect(invited.status).toBe(200);
    const viewer = await enrolWith(server, invited.body.code as string, 'district-viewer');
    expect(viewer.role).toBe('district');
    const { records } = await pullAll(server, viewer);
    const summaries = [...records.values()].filter((r) => r.type === 'schoolSummary');
    const byName = new Map(summaries.map((s) => [s.fields.schoolName, s.fields]));
    expect(byName.get('Школа № 1')).toMatchObject({
      pairs: 1,
      workingPairs: 1,
      meetings: 1,
      studentsIn: 1,
      teachersIn: 1,
      coverageAll: 14,
      targetShare: 70,
      stagesTotal: 6,
    });
    expect(byName.get('Лицей № 2')).toMatchObject({ pairs: 1, meetings: 2 });
    const text = JSON.stringify([...records.values()]);
    for (const n of [...one.names, ...two.names]) expect(text).not.toContain(n);
    expect(
      [...records.values()].every((r: SyncedRecord) => ['schoolSummary', 'person'].includes(r.type)),
    ).toBe(true);

    // A school's new meeting reaches the district's figures on its next sync.
    expect((await push(server, one.mentor, [meeting(one, 'Пробная')])).rejected).toEqual([]);
    const next = await pullAll(server, viewer);
    const updated = [...next.records.values()].find((r) => r.fields.schoolName === 'Школа № 1');
    expect(updated?.fields.meetings).toBe(2);
  });

  it('only the administrator makes schools; the district writes nothing; a curator is not a district', async () => {
    const invited = await call(server, 'POST', '/api/v1/district/invites', {
      token: admin.token,
      body: { fullName: 'Наблюдатель', role: 'district' },
    });
    const viewer = await enrolWith(server, invited.body.code as string, 'district-viewer-2');
    for (const actor of [viewer, one.curator, one.mentor]) {
      const r = await call(server, 'POST', '/api/v1/district/schools', {
        token: actor.token,
        body: { name: 'X' },
      });
      expect(r.status).toBe(403);
    }
    const fake = change(viewer.stamper, 'person', { fullName: 'Подделка', kind: 'other' });
    const r = await push(server, viewer, [fake]);
    expect(r.rejected).toEqual([expect.objectContaining({ id: fake.id, code: 'forbidden' })]);
    const badBody = await call(server, 'POST', '/api/v1/district/schools', {
      token: admin.token,
      body: { name: '' },
    });
    expect(badBody.status).toBe(400);
  });

  it("the district's administrator disconnects a lost district phone; no one else sees the district's devices", async () => {
    const invited = await call(server, 'POST', '/api/v1/district/invites', {
      token: admin.token,
      body: { fullName: 'Второй администратор', role: 'district-admin' },
    });
    const lost = await enrolWith(server, invited.body.code as string, 'lost-phone');
    const listed = await call(server, 'GET', '/api/v1/devices', { token: admin.token });
    expect(listed.status).toBe(200);
    const devices = listed.body.devices as { id: string; personId: string; name: string }[];
    const device = devices.find((d) => d.personId === lost.personId) as { id: string };
    // Only the district's own devices: no school's.
    expect(devices.map((d) => d.personId)).not.toContain(one.curator.personId);
    for (const other of [one.curator, one.mentor])
      expect(
        (await call(server, 'POST', `/api/v1/devices/${device.id}/revoke`, { token: other.token })).status,
      ).not.toBe(200);
    expect(
      (await call(server, 'POST', `/api/v1/devices/${device.id}/revoke`, { token: admin.token })).status,
    ).toBe(200);
    const after = await call(server, 'POST', '/api/v1/district/schools', {
      token: lost.token,
      body: { name: 'Y' },
    });
    expect(after.status).toBe(401);
  });

  it('with every administrator’s device revoked, a restart gives the district a new code', async () => {
    const alone = await startTestServer();
    try {
      const first = await enrolWith(alone, DISTRICT_CODE, 'first-admin');
      const invited = await call(alone, 'POST', '/api/v1/district/invites', {
        token: first.token,
        body: { fullName: 'Второй администратор', role: 'district-admin' },
      });
      const second = await enrolWith(alone, invited.body.code as string, 'second-admin');
      const listed = await call(alone, 'GET', '/api/v1/devices', { token: first.token });
      const devices = listed.body.devices as { id: string; personId: string }[];
      const deviceOf = (actor: { personId: string }) =>
        (devices.find((d) => d.personId === actor.personId) as { id: string }).id;
      // A device does not disconnect itself: each administrator disconnects the other's.
      expect(
        (await call(alone, 'POST', `/api/v1/devices/${deviceOf(first)}/revoke`, { token: first.token }))
          .status,
      ).toBe(403);
      expect(
        (await call(alone, 'POST', `/api/v1/devices/${deviceOf(first)}/revoke`, { token: second.token }))
          .status,
      ).toBe(200);
      expect(
        (await call(alone, 'POST', `/api/v1/devices/${deviceOf(second)}/revoke`, { token: second.token }))
          .status,
      ).toBe(403);
      // The last one is lost: revoked in the database, as a disconnect from elsewhere would leave it.
      await alone.storage.transaction((tx) =>
        tx.revokeDevice(DISTRICT_ID, deviceOf(second), new Date().toISOString()),
      );
      // What `npm start` does on the next start: the code given in NASTAVNIK_DISTRICT_CODE works again.
      expect((await bootstrapDistrict(alone.storage, createServerClock(), 'DIST-AGAIN')).code).toBe(
        'DIST-AGAIN',
      );
      const back = await enrolWith(alone, 'DIST-AGAIN', 'new-admin-phone');
      expect(back.role).toBe('district-admin');
      // While an administrator's device works, no code is made.
      expect((await bootstrapDistrict(alone.storage, createServerClock(), 'DIST-THIRD')).code).toBeNull();
    } finally {
      await alone.close();
    }
  });

  it("the administrator gives a new code only to a school whose first curator never enrolled: a school's data is its own", async () => {
    // A school with its curator: a code for the district would open every child's record to it.
    const taken = await call(server, 'POST', `/api/v1/district/schools/${one.id}/curator-code`, {
      token: admin.token,
    });
    expect(taken.status).toBe(409);
    expect(taken.body).toEqual({ error: 'conflict', reason: expect.stringMatching(/has a curator/) });
    // A school whose first code was lost before anyone used it gets a new one.
    const made = await call(server, 'POST', '/api/v1/district/schools', {
      token: admin.token,
      body: { name: 'Школа без куратора' },
    });
    const again = await call(
      server,
      'POST',
      `/api/v1/district/schools/${(made.body.school as { id: string }).id}/curator-code`,
      {
        token: admin.token,
      },
    );
    expect(again.status).toBe(200);
    const spare = await call(
      server,
      'POST',
      `/api/v1/district/schools/${(made.body.school as { id: string }).id}/curator-code`,
      {
        token: admin.token,
      },
    );
    // The code given last replaces the ones before; once a curator is in, no other code enrols.
    const stale = await call(server, 'POST', '/api/v1/enrol', {
      body: { code: again.body.code, deviceName: 'x' },
    });
    expect(stale.status).toBe(400);
    const second = await enrolWith(server, spare.body.code as string, 'cur-new');
    expect(second.role).toBe('curator');
    expect(
      (await call(server, 'POST', '/api/v1/enrol', { body: { code: made.body.code, deviceName: 'y' } }))
        .status,
    ).toBe(400);
    const missing = await call(
      server,
      'POST',
      '/api/v1/district/schools/0193a3f0-0000-7000-8000-00000000dead/curator-code',
      { token: admin.token },
    );
    expect(missing.status).toBe(404);
    const first = await enrolWith(server, BOOTSTRAP_CODE, 'first-school-curator');
    const { records } = await pullAll(server, first);
    expect([...records.keys()]).not.toContain(one.pairId);
  });

  it("the district cannot work out one pupil's satisfaction from the figures it watches change", async () => {
    const school = await setUpSchool('Гимназия № 3', 'g3');
    const invited = await call(server, 'POST', '/api/v1/district/invites', {
      token: admin.token,
      body: { fullName: 'Аналитик Комитета', role: 'district' },
    });
    const viewer = await enrolWith(server, invited.body.code as string, 'district-analyst');
    const finalForm = derivedId('builtin-template', 'final-mentee');
    const figureAfter = async (expectations: number) => {
      const c = school.curator.stamper;
      const pupil = change(c, 'person', { fullName: `Ученик ${expectations}`, kind: 'student' });
      const pair = change(c, 'pair', {
        mentorId: school.mentor.personId,
        menteeIds: [pupil.id],
        form: 'учитель–ученик',
        status: 'active',
      });
      const given = change(c, 'formAssignment', {
        templateId: finalForm,
        personId: pupil.id,
        pairId: pair.id,
        due: null,
      });
      const answer = change(c, 'formResponse', {
        assignmentId: given.id,
        answers: { expectations },
        submittedAt: '2026-11-20T10:00:00.000Z',
      });
      expect((await push(server, school.curator, [pupil, pair, given, answer])).rejected).toEqual([]);
      await pullAll(server, viewer);
      const { records } = await pullAll(server, { ...viewer, cursor: null });
      const summary = [...records.values()].find((r) => r.fields.schoolName === 'Гимназия № 3');
      return {
        figure: summary?.fields.satisfactionMentees,
        basis: JSON.stringify(summary?.fields.satisfactionBasis),
        // What anyone who knows the pupil's id (their mentor, their group) could compute without the key.
        plain: createHash('sha256')
          .update(`${school.id}\u0000finalMentee ${pupil.id} ${expectations}`)
          .digest('base64url')
          .slice(0, 16),
      };
    };
    expect((await figureAfter(9)).figure).toBeNull();
    expect((await figureAfter(8)).figure).toBeNull();
    const third = await figureAfter(10);
    expect(third.figure).toBe(9);
    // What the figure was made of holds that pupil, but under a key the server never sends.
    expect(third.basis).toMatch(/"from":\["[\w-]{16}","[\w-]{16}","[\w-]{16}"\]/);
    expect(third.basis).not.toContain(third.plain);
    // 4 × 7.25 − 3 × 9 would be the fourth pupil's answer: the figure stays until three more answered.
    const fourth = await figureAfter(2);
    expect(fourth.figure).toBe(9);
    // What the figure was made of is kept with it, but as hashes: no pupil's id, no answer.
    expect(fourth.basis).toMatch(/"from":\["[\w-]{16}"/);
    expect(fourth.basis).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-| \d/);
    expect((await figureAfter(5)).figure).toBe(9);
    expect((await figureAfter(8)).figure).toBe(7);
  });
});

it('a new school starts with a valid programme named as the district named it, which a curator changes field by field', async () => {
  const made = await call(server, 'POST', '/api/v1/district/schools', {
    token: admin.token,
    body: { name: 'Гимназия № 5' },
  });
  const curator = await enrolWith(server, made.body.code as string, 'cur-named');
  const programme = (await pullAll(server, curator)).records.get(PROGRAMME_ID) as SyncedRecord;
  expect(programme.fields.schoolName).toBe('Гимназия № 5');
  expect(programme.fields.schoolYear).toMatch(/^\d{4}-\d{4}$/);
  // A change of one field alone is taken: the record it lands on has all it must have.
  const director = change(
    curator.stamper,
    'programme',
    { directorName: 'Петрова Анна Ивановна' },
    PROGRAMME_ID,
  );
  expect((await push(server, curator, [director])).rejected).toEqual([]);
});
