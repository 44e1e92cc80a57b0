// Enrolment: one-time codes that expire, rate-limited guessing, hashed secrets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { databaseConfig, openStorage, readConfig } from '../../src/server/config';
import { bootstrap } from '../../src/server/enrol-service';
import { createServerClock } from '../../src/server/server-clock';
import {
  type Actor,
  BOOTSTRAP_CODE,
  call,
  change,
  createStamper,
  push,
  startTestServer,
  type TestServer,
} from '../support/test-server';

let server: TestServer;
let curator: Actor;
let now = Date.now();

beforeAll(async () => {
  server = await startTestServer({
    clock: createServerClock(() => now),
    enrolLimits: { windowMs: 60_000, slowDownAfter: 3 },
  });
  const first = await call(server, 'POST', '/api/v1/enrol', {
    body: { code: 'test-boot', deviceName: 'Учительская' },
  });
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({
    role: 'curator',
    token: expect.any(String),
    person: { type: 'person' },
  });
  curator = {
    token: first.body.token as string,
    personId: (first.body.person as { id: string }).id,
    stamper: createStamper('c1'),
    cursor: null,
    role: 'curator',
  };
});
afterAll(async () => server.close());

describe('enrolment', () => {
  it('the bootstrap code works once (written in any case)', async () => {
    const again = await call(server, 'POST', '/api/v1/enrol', {
      body: { code: BOOTSTRAP_CODE, deviceName: 'x' },
    });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'invalid-code', reason: expect.stringMatching(/not valid/) });
  });

  it('an invite is one-time, expires after a week, and the server keeps only hashes', async () => {
    const person = change(curator.stamper, 'person', { fullName: 'Пётр', kind: 'teacher' });
    await push(server, curator, [person]);
    const invite = await call(server, 'POST', '/api/v1/invites', {
      token: curator.token,
      body: { personId: person.id, role: 'mentor' },
    });
    expect(invite.status).toBe(200);
    const code = invite.body.code as string;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(Date.parse(invite.body.expiresAt as string) - now).toBe(7 * 24 * 3600 * 1000);
    const enrolled = await call(server, 'POST', '/api/v1/enrol', {
      body: { code: code.toLowerCase().replace('-', ' '), deviceName: 'phone' },
    });
    expect(enrolled.status).toBe(200);
    expect(enrolled.body.role).toBe('mentor');
    expect(
      (await call(server, 'POST', '/api/v1/enrol', { body: { code, deviceName: 'phone' } })).status,
    ).toBe(400);

    const stale = await call(server, 'POST', '/api/v1/invites', {
      token: curator.token,
      body: { personId: person.id, role: 'mentor' },
    });
    now += 8 * 24 * 3600 * 1000;
    expect(
      (await call(server, 'POST', '/api/v1/enrol', { body: { code: stale.body.code, deviceName: 'late' } }))
        .status,
    ).toBe(400);

    const stored = await server.rawText();
    expect(stored).not.toContain(enrolled.body.token as string);
    expect(stored).not.toContain(code.replace('-', ''));
  });

  it('a code typed on a Russian keyboard, with Cyrillic letters that look like its own, is the same code', async () => {
    const person = change(curator.stamper, 'person', { fullName: 'Раскладкина Вера', kind: 'teacher' });
    await push(server, curator, [person]);
    // Until the code has letters with Cyrillic twins (the alphabet has ten of them).
    let code = '';
    while (!/[ABCEHKMPTXY]/.test(code))
      code = (
        await call(server, 'POST', '/api/v1/invites', {
          token: curator.token,
          body: { personId: person.id, role: 'mentor' },
        })
      ).body.code as string;
    const latin = 'ABCEHKMPTXY';
    const cyrillic = 'АВСЕНКМРТХУ';
    const typed = [...code]
      .map((c) => cyrillic[latin.indexOf(c)] ?? c)
      .join('')
      .toLowerCase();
    expect(typed).toMatch(/[а-я]/);
    const enrolled = await call(server, 'POST', '/api/v1/enrol', {
      body: { code: ` ${typed} `, deviceName: 'ру' },
    });
    expect(enrolled.status).toBe(200);
    expect(enrolled.body.role).toBe('mentor');
  });

  it('a code pasted from a document or a message, with its dashes made en dashes and invisible characters, is the same code', async () => {
    const person = change(curator.stamper, 'person', { fullName: 'Вставкина Ольга', kind: 'teacher' });
    await push(server, curator, [person]);
    const invite = await call(server, 'POST', '/api/v1/invites', {
      token: curator.token,
      body: { personId: person.id, role: 'mentor' },
    });
    const code = invite.body.code as string;
    // A word processor's en dash, a messenger's zero-width space and word joiner, a byte-order mark.
    const pasted = `\uFEFF${code.replace('-', '\u2013').replace('-', '\u200B\u2014')}\u2060`;
    const enrolled = await call(server, 'POST', '/api/v1/enrol', {
      body: { code: pasted, deviceName: 'pc' },
    });
    expect(enrolled.status).toBe(200);
    expect(enrolled.body.role).toBe('mentor');
  });

  it('invites are for curators, for people that exist, with a known role', async () => {
    const missing = await call(server, 'POST', '/api/v1/invites', {
      token: curator.token,
      body: { personId: '0193a3f0-0000-7000-8000-00000000dead', role: 'mentor' },
    });
    expect(missing.status).toBe(404);
    const badRole = await call(server, 'POST', '/api/v1/invites', {
      token: curator.token,
      body: { personId: curator.personId, role: 'king' },
    });
    expect(badRole.status).toBe(400);
    expect(badRole.body.reason).toMatch(/role/);
  });

  it('guessing codes is rate-limited per address', async () => {
    now += 61_000; // a fresh window: the tests above made wrong attempts too
    for (let i = 0; i < 3; i++) {
      expect(
        (await call(server, 'POST', '/api/v1/enrol', { body: { code: `WRONG-00${i}`, deviceName: 'x' } }))
          .status,
      ).toBe(400);
    }
    const blocked = await call(server, 'POST', '/api/v1/enrol', {
      body: { code: 'WRONG-999', deviceName: 'x' },
    });
    expect(blocked.status).toBe(429);
    now += 61_000;
    expect(
      (await call(server, 'POST', '/api/v1/enrol', { body: { code: 'WRONG-999', deviceName: 'x' } })).status,
    ).toBe(400);
  });
});

describe('a school behind one router', () => {
  const attempt = (target: { url: string }, code: string, from: string) =>
    call(target, 'POST', '/api/v1/enrol', {
      body: { code, deviceName: 'phone' },
      headers: { 'x-forwarded-for': from },
    });

  async function newSchool() {
    const school = await startTestServer({ trustProxy: true });
    const admin = await call(school, 'POST', '/api/v1/enrol', { body: { code: BOOTSTRAP_CODE } });
    const token = admin.body.token as string;
    const actor: Actor = { token, personId: '', stamper: createStamper('c9'), cursor: null, role: 'curator' };
    const codes = async (n: number) => {
      const list: string[] = [];
      for (let i = 0; i < n; i++) {
        const person = change(actor.stamper, 'person', { fullName: `Ученик ${i}`, kind: 'student' });
        await push(school, actor, [person]);
        const invite = await call(school, 'POST', '/api/v1/invites', {
          token,
          body: { personId: person.id, role: 'mentee' },
        });
        list.push(invite.body.code as string);
      }
      return list;
    };
    return { school, codes };
  }

  it('one pupil mistyping 40 times does not stop the others’ valid codes', async () => {
    const { school, codes } = await newSchool();
    try {
      const [valid] = await codes(1);
      const answers: number[] = [];
      for (let i = 0; i < 40; i++) answers.push((await attempt(school, `WRONG-${i}`, '203.0.113.7')).status);
      // Told to slow down after 30 wrong codes…
      expect(answers.slice(0, 30).every((s) => s === 400)).toBe(true);
      expect(answers.slice(30).every((s) => s === 429)).toBe(true);
      // …but a classmate's valid code from the same address enrols.
      const ok = await attempt(school, valid as string, '203.0.113.7');
      expect(ok.status).toBe(200);
      expect(ok.body.role).toBe('mentee');
    } finally {
      await school.close();
    }
  });

  it('a valid code always enrols, however many wrong ones came from its address or any other', async () => {
    const { school, codes } = await newSchool();
    try {
      const [mine, theirs, third] = await codes(3);
      expect(mine).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      // A pupil behind the school's router mistypes a hundred times…
      // Wrong codes of full length, one symbol off the valid one's at its eleventh place (ending in digits,
      // a valid code could be among them).
      const code = mine as string;
      const wrong = (i: number) =>
        `${code.slice(0, 10)}${code[10] === 'Z' ? 'Y' : 'Z'}${String(i).padStart(3, '0')}`;
      for (let i = 0; i < 100; i++) await attempt(school, wrong(i), '198.51.100.9');
      const slowed = await attempt(school, wrong(100), '198.51.100.9');
      expect(slowed.status).toBe(429);
      expect(slowed.body).toMatchObject({ error: 'rate-limited', reason: expect.any(String) });
      // …and a classmate's code from the same address still enrols.
      expect((await attempt(school, mine as string, '198.51.100.9')).status).toBe(200);
      // An IPv6 guesser is one address per /64 network, whatever the rest of the address.
      for (let i = 0; i < 100; i++) await attempt(school, wrong(i), `2001:db8:1:2::${i.toString(16)}`);
      expect((await attempt(school, wrong(0), '2001:db8:1:2:ffff::1')).status).toBe(429);
      expect((await attempt(school, theirs as string, '2001:db8:1:2:ffff::1')).status).toBe(200);
      // 300 wrong codes from several addresses hold back no one else's valid code.
      for (let i = 0; i < 100; i++) await attempt(school, wrong(i), '203.0.113.99');
      expect((await attempt(school, third as string, '192.0.2.44')).status).toBe(200);
    } finally {
      await school.close();
    }
  });

  it('a code shorter than the ones made here (an older version’s, a chosen bootstrap code) is held to a ceiling', async () => {
    const { school } = await newSchool();
    try {
      for (let i = 0; i < 100; i++) await attempt(school, `WRONG-${i}`, '198.51.100.10');
      // Past 100 wrong codes, short ones from that address are refused without being looked up.
      const storage = await openStorage(databaseConfig(school.databaseUrl, '.'));
      try {
        expect((await attempt(school, 'WRONG-X', '198.51.100.10')).status).toBe(429);
        expect(
          (await storage.transaction((tx) => tx.enrolFailures('ip:198.51.100.10', 0, 1_000))).count,
        ).toBe(100);
      } finally {
        await storage.close();
      }
    } finally {
      await school.close();
    }
  });

  it('a burst of wrong codes at once looks up no more codes than the limit allows', async () => {
    const { school } = await newSchool();
    const storage = await openStorage(databaseConfig(school.databaseUrl, '.'));
    try {
      // 400 wrong codes sent together from one address: PostgreSQL ran the count of each beside the
      // others', and thousands were looked up (each noted attempt is one code looked up).
      const burst = await Promise.all(
        Array.from({ length: 400 }, (_, i) => attempt(school, `WRONG-${i}`, '198.51.100.77')),
      );
      expect(burst.every((r) => r.status === 400 || r.status === 429)).toBe(true);
      const noted = await storage.transaction((tx) => tx.enrolFailures('ip:198.51.100.77', 0, 1_000));
      expect(noted.count).toBe(100);
    } finally {
      await storage.close();
      await school.close();
    }
  });

  it('a guesser sending wrong codes of full length without end notes no more than the ceilings', async () => {
    // Each such code is looked up (a valid one always enrols), and each wrong one was noted: two rows an
    // attempt, all counted again by the next — an attempt took longer the more came before it, holding
    // the enrolment lock (on SQLite the thread every school's sync waits on). The limits need only know
    // whether a ceiling is passed, so no more than a ceiling is noted.
    const { school } = await newSchool();
    const storage = await openStorage(databaseConfig(school.databaseUrl, '.'));
    try {
      const guess = (i: number) => `ZZZZ-ZZZZ-${String(i).padStart(4, '0')}`;
      const answers: number[] = [];
      for (let i = 0; i < 140; i++) answers.push((await attempt(school, guess(i), '198.51.100.60')).status);
      expect(answers.slice(0, 30).every((s) => s === 400)).toBe(true);
      expect(answers.slice(30).every((s) => s === 429)).toBe(true);
      for (const from of ['198.51.100.61', '198.51.100.62', '198.51.100.63'])
        for (let i = 0; i < 100; i++) await attempt(school, guess(i), from);
      const noted = (key: string) => storage.transaction((tx) => tx.enrolFailures(key, 0, 1_000_000));
      expect((await noted('ip:198.51.100.60')).count).toBe(100);
      expect((await noted('all')).count).toBe(300);
      // Past the ceilings, a short code is still refused unchecked, from that address and from any.
      expect((await attempt(school, 'WRONG-X', '198.51.100.60')).status).toBe(429);
      expect((await attempt(school, 'WRONG-X', '192.0.2.200')).status).toBe(429);
    } finally {
      await storage.close();
      await school.close();
    }
  });

  it('a whole class enrolling at once behind one router is never taken for guessing', async () => {
    const { school, codes } = await newSchool();
    try {
      const valid = await codes(150);
      const answers = await Promise.all(valid.map((code) => attempt(school, code, '198.51.100.88')));
      expect(answers.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    } finally {
      await school.close();
    }
  });

  it('a long code an administrator chose is held to the ceilings: its length says nothing of its guessability', async () => {
    // «school-2026-start» as NASTAVNIK_BOOTSTRAP_CODE was 15 symbols, and looked up without a ceiling.
    const chosenCode = 'school-2026-start';
    const school = await startTestServer({ trustProxy: true, chosenCodes: [chosenCode] });
    try {
      await bootstrap(school.storage, createServerClock(), chosenCode);
      for (let i = 0; i < 100; i++)
        await attempt(school, `school-2026-guess${String(i).padStart(2, '0')}`, '198.51.100.11');
      // Refused unchecked from the guessing address — as every wrong guess past 30 is answered 429…
      expect((await attempt(school, chosenCode, '198.51.100.11')).status).toBe(429);
      // …and taken from another one.
      expect((await attempt(school, chosenCode, '192.0.2.50')).status).toBe(200);
    } finally {
      await school.close();
    }
  });

  it('behind a proxy, the address the proxy saw is counted, not one the client wrote', async () => {
    // NASTAVNIK_TRUST_PROXY=true is one proxy in front: the right-most X-Forwarded-For, which it added.
    const { trustProxy } = readConfig({ NASTAVNIK_TRUST_PROXY: 'true' });
    const school = await startTestServer({ trustProxy });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) {
        const spoofed = `198.51.${i}.1, 10.9.9.9`;
        statuses.push((await attempt(school, `WRONG-${i}`, spoofed)).status);
      }
      // Each guess named another address of its own; all came through one client, and are counted so.
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await school.close();
    }
  });

  it('the counts live in storage: another server process on the same database sees them', async () => {
    const { school, codes } = await newSchool();
    const otherStorage = await openStorage(databaseConfig(school.databaseUrl, '.'));
    const other = await createApp({ storage: otherStorage, staticDir: null, trustProxy: true });
    await other.listen({ port: 0, host: '127.0.0.1' });
    const otherUrl = { url: `http://127.0.0.1:${(other.server.address() as { port: number }).port}` };
    try {
      const [valid] = await codes(1);
      for (let i = 0; i < 30; i++)
        expect((await attempt(school, `WRONG-${i}`, '203.0.113.8')).status).toBe(400);
      expect((await attempt(otherUrl, 'WRONG-X', '203.0.113.8')).status).toBe(429);
      expect((await attempt(otherUrl, valid as string, '203.0.113.8')).status).toBe(200);
    } finally {
      await other.close();
      await otherStorage.close();
      await school.close();
    }
  });
});
