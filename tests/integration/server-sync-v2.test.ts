// What contract v2 adds to a sync call: current records before history, a count of what waits, changed
// fields only once the device holds a record, and compressed answers. Over real HTTP on real SQLite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactRecord, expandRecord } from '../../src/domain/compact-record';
import { defaultStamp } from '../../src/domain/defaults';
import { mergeRecords } from '../../src/domain/merge';
import type { Change, SyncedRecord } from '../../src/domain/record';
import type { SyncResponseV2 } from '../../src/domain/sync-contract-v2';
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
let pair: Change;
const today = new Date().toISOString().slice(0, 10);

const meeting = (fields: Record<string, unknown>) =>
  change(curator.stamper, 'meeting', {
    pairId: pair.id,
    kind: 'regular',
    durationMin: 45,
    notes: 'Разобрали задачи',
    ...fields,
  });

async function syncV2(actor: Actor, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/api/v2/sync`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${actor.token}`,
      'content-type': 'application/json',
      'x-nastavnik-contract': '2',
      ...headers,
    },
    body: JSON.stringify({ changes: [], ...body }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as SyncResponseV2;
}

/** Every page of a v2 pull, from `cursor`. */
async function pullPages(actor: Actor, cursor: string | null, between?: (page: number) => Promise<void>) {
  const pages: SyncResponseV2[] = [];
  for (;;) {
    const page = await syncV2(actor, { cursor, progress: pages.length === 0 });
    pages.push(page);
    cursor = page.cursor;
    await between?.(pages.length);
    if (!page.hasMore) return { pages, cursor };
  }
}

const idsOf = (pages: SyncResponseV2[]) => pages.flatMap((p) => p.changes.map((r) => r.id));

let oldMeetings: Change[];
let recentMeetings: Change[];
let seriesMeeting: Change;

beforeAll(async () => {
  server = await startTestServer({ pageSizeV2: 3 });
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
  mentor = await addMember(server, curator, 'mentor', { fullName: 'Наставник' }, 'mentor');
  const mentee = change(curator.stamper, 'person', { fullName: 'Ученик', kind: 'student' });
  pair = pairChange(curator.stamper, mentor.personId, [mentee.id]);
  expect((await push(server, curator, [mentee, pair])).rejected).toEqual([]);
  // Written oldest first, so revision order alone would send the history first.
  oldMeetings = ['2023-09-05', '2023-10-05', '2024-01-10', '2024-02-10'].map((date) => meeting({ date }));
  seriesMeeting = meeting({ date: '2023-09-01', kind: 'organisational' });
  recentMeetings = [today, today].map((date) => meeting({ date }));
  const plan = change(curator.stamper, 'plan', { pairId: pair.id, menteeId: mentee.id, title: 'ИПР' });
  const all = [...oldMeetings, seriesMeeting, ...recentMeetings, plan];
  expect((await push(server, curator, all)).rejected).toEqual([]);
});

afterAll(async () => server.close());

describe('a first pull over contract v2', () => {
  it('refuses a field named constructor or prototype by name, change by change, as v1 does', async () => {
    const stamp = curator.stamper.stamp();
    const material = (fields: Record<string, unknown>) => ({
      id: change(curator.stamper, 'material', { title: 'x' }).id,
      type: 'material',
      fields,
      stamp,
    });
    const good = material({ title: 'Памятка наставнику' });
    const odd = [material({ title: 'С лишним полем', constructor: 'x' }), material({ prototype: 'x' })];
    const answer = await syncV2(curator, { cursor: null, changes: [good, ...odd] });
    expect(answer.rejected).toEqual(
      odd.map((c, i) => ({
        id: c.id,
        code: 'invalid',
        reason: expect.stringContaining(`unknown field '${['constructor', 'prototype'][i]}'`),
      })),
    );
    // A key `__proto__` anywhere in the body is refused whole, before anything is read (the JSON parser).
    const poisoned = material({ title: 'С прототипом' });
    const refused = await fetch(`${server.url}/api/v2/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${curator.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cursor: null, changes: [poisoned] }).replace(
        '"fields":{',
        '"fields":{"__proto__":{},',
      ),
    });
    expect(refused.status).toBe(400);
    const stored = await (
      await fetch(`${server.url}/api/v1/export`, { headers: { authorization: `Bearer ${curator.token}` } })
    ).json();
    const ids = new Set((stored.records as SyncedRecord[]).map((r) => r.id));
    expect(ids.has(good.id)).toBe(true);
    for (const c of [...odd, poisoned]) expect(ids.has(c.id)).toBe(false);
  });

  it('sends what is current first, then the history, each record once, and says how many wait', async () => {
    const { pages } = await pullPages(mentor, null);
    const ids = idsOf(pages);
    expect(new Set(ids).size).toBe(ids.length);
    const firstOld = Math.min(...oldMeetings.map((m) => ids.indexOf(m.id)));
    for (const id of [pair.id, seriesMeeting.id, ...recentMeetings.map((m) => m.id)]) {
      expect(ids.indexOf(id)).toBeGreaterThanOrEqual(0);
      expect(ids.indexOf(id)).toBeLessThan(firstOld);
    }
    expect(oldMeetings.every((m) => ids.includes(m.id))).toBe(true);
    expect(pages[0]?.pending).toBe(ids.length);
    expect(pages.map((p) => p.pass)).toContain('history');
    expect(pages.at(-1)?.pass).toBe('changes');
    // No page is larger than the page size, and only the last says there is no more.
    expect(pages.every((p) => p.changes.length <= 3)).toBe(true);
    expect(pages.slice(0, -1).every((p) => p.hasMore)).toBe(true);
  });

  it('stamps a write once, not once per field', async () => {
    const { pages } = await pullPages(mentor, null);
    const m = pages.flatMap((p) => p.changes).find((r) => r.id === recentMeetings[0]?.id);
    expect(m).toMatchObject({ stamp: expect.any(String), type: 'meeting' });
    expect(m?.stamps).toBeUndefined();
    expect(expandRecord(m as SyncedRecord)).toEqual(recentMeetings[0]);
  });
});

describe('after the first pull', () => {
  it('sends only the fields that changed, and a new record whole', async () => {
    const { cursor } = await pullPages(mentor, null);
    const target = recentMeetings[0] as Change;
    const edit = change(curator.stamper, 'meeting', { notes: 'Новые заметки' }, target.id);
    const fresh = meeting({ date: today, notes: 'Новая встреча' });
    expect((await push(server, curator, [edit, fresh])).rejected).toEqual([]);
    const { pages } = await pullPages(mentor, cursor);
    const sent = pages.flatMap((p) => p.changes);
    expect(sent.find((r) => r.id === target.id)).toEqual({
      ...compactRecord(edit),
      partial: true,
    });
    expect(sent.find((r) => r.id === fresh.id)).toEqual(compactRecord(fresh));
  });

  it('sends a default’s new value, though its stamp stays the same (a tie between defaults goes by value)', async () => {
    // A default is stamped alike on every device (domain/defaults.ts): the stamp stays, the value moves.
    const created = meeting({ date: today, durationMin: 30 });
    created.stamps.durationMin = defaultStamp('mentor');
    expect((await push(server, mentor, [created])).rejected).toEqual([]);
    const byDefault = (durationMin: number): Change => ({
      id: created.id,
      type: 'meeting',
      fields: { durationMin },
      stamps: { durationMin: defaultStamp('mentor') },
    });
    const { cursor } = await pullPages(curator, null);
    expect((await push(server, mentor, [byDefault(60)])).rejected).toEqual([]);
    const { pages } = await pullPages(curator, cursor);
    const sent = pages.flatMap((p) => p.changes).find((r) => r.id === created.id);
    expect(sent?.fields.durationMin).toBe(60);
  });

  it('sends whole the records that changed while the first pull had not reached them yet', async () => {
    let edited = false;
    // More records than a page, so that some of them come in a page of their own after the history.
    const notes = (m: Change) => `Поправили встречу ${String(m.fields.date)}`;
    const { cursor, pages } = await pullPages(mentor, null, async () => {
      if (edited) return;
      edited = true;
      const edits = oldMeetings.map((m) => change(curator.stamper, 'meeting', { notes: notes(m) }, m.id));
      expect((await push(server, curator, edits)).rejected).toEqual([]);
    });
    let held = apply(new Map(), pages);
    for (const m of oldMeetings)
      expect(held.get(m.id)?.fields).toMatchObject({ date: m.fields.date, notes: notes(m) });
    // Once caught up, the next change comes as changed fields only, and completes what is held.
    const old = oldMeetings[0] as Change;
    const edit = change(curator.stamper, 'meeting', { durationMin: 60 }, old.id);
    expect((await push(server, curator, [edit])).rejected).toEqual([]);
    const later = await pullPages(mentor, cursor);
    expect(later.pages.flatMap((p) => p.changes).find((r) => r.id === old.id)?.partial).toBe(true);
    held = apply(held, later.pages);
    expect(held.get(old.id)?.fields).toMatchObject({ date: old.fields.date, durationMin: 60 });
  });
});

describe('a pull over several pages', () => {
  it('sends whole a record changed again after a page passed its earlier change', async () => {
    const start = await pullPages(mentor, null);
    let held = apply(new Map(), start.pages);
    const target = recentMeetings[1] as Change;
    // The title changes at one revision; then more records than a page; then the record again, so
    // that its revision moves past the pages that cover its first change.
    const first = change(curator.stamper, 'meeting', { notes: 'Сначала' }, target.id);
    const others = Array.from({ length: 5 }, () => meeting({ date: today }));
    const second = change(curator.stamper, 'meeting', { durationMin: 90 }, target.id);
    for (const batch of [[first], others, [second]])
      expect((await push(server, curator, batch)).rejected).toEqual([]);
    const { pages } = await pullPages(mentor, start.cursor);
    expect(pages.length).toBeGreaterThan(1);
    held = apply(held, pages);
    expect(held.get(target.id)?.fields).toMatchObject({ notes: 'Сначала', durationMin: 90 });
  });
});

/** What a device holds after applying pages, failing on changed fields of a record it never had. */
function apply(held: Map<string, SyncedRecord>, pages: SyncResponseV2[]): Map<string, SyncedRecord> {
  const out = new Map(held);
  for (const wire of pages.flatMap((p) => p.changes)) {
    const { partial, ...compact } = wire;
    const known = out.get(wire.id);
    if (partial) expect(known, `changed fields of ${wire.id}, never sent whole`).toBeDefined();
    const record = expandRecord(compact);
    out.set(wire.id, known ? mergeRecords(known, record) : record);
  }
  return out;
}

describe('compressed answers', () => {
  it('are brotli or gzip as the client accepts, for v1 and v2 alike, and plain JSON otherwise', async () => {
    for (const path of ['/api/v1/sync', '/api/v2/sync']) {
      const ask = (encoding: string) =>
        fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${curator.token}`,
            'content-type': 'application/json',
            'accept-encoding': encoding,
          },
          body: JSON.stringify({ cursor: null, changes: [] }),
        });
      expect((await ask('gzip, deflate, br')).headers.get('content-encoding')).toBe('br');
      const gzipped = await ask('gzip');
      expect(gzipped.headers.get('content-encoding')).toBe('gzip');
      const plain = await ask('identity');
      expect(plain.headers.get('content-encoding')).toBeNull();
      const body = (await plain.json()) as { changes: unknown[] };
      expect(body.changes.length).toBeGreaterThan(0);
      expect(((await gzipped.json()) as { changes: unknown[] }).changes).toEqual(body.changes);
    }
  });
});

describe("a curator's first pull", () => {
  it('sends every record as v1 does, in compact form: edits, deletes and old rows alike', async () => {
    // A record edited apart from its creation (its fields stamped twice), and a deleted one.
    const edited = meeting({ date: '2023-11-11' });
    const gone = meeting({ date: '2023-11-12' });
    expect((await push(server, curator, [edited, gone])).rejected).toEqual([]);
    const edit = change(curator.stamper, 'meeting', { notes: 'Исправлено' }, edited.id);
    const deletion: Change = {
      id: gone.id,
      type: 'meeting',
      fields: {},
      stamps: {},
      deleted: curator.stamper.stamp(),
    };
    expect((await push(server, curator, [edit, deletion])).rejected).toEqual([]);
    const v1: SyncedRecord[] = [];
    for (let cursor: string | null = null; ; ) {
      const response = await fetch(`${server.url}/api/v1/sync`, {
        method: 'POST',
        headers: { authorization: `Bearer ${curator.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ cursor, changes: [] }),
      });
      const page = (await response.json()) as { changes: SyncedRecord[]; cursor: string; hasMore: boolean };
      v1.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const v2 = (await pullPages(curator, null)).pages.flatMap((p) => p.changes);
    const byId = (list: { id: string }[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(v2)).toEqual(byId(v1.map((r) => compactRecord(r))));
    expect(v2.find((r) => r.id === edited.id)).toMatchObject({ stamps: { notes: edit.stamps.notes } });
    expect(v2.find((r) => r.id === gone.id)).toMatchObject({ fields: {}, deleted: deletion.deleted });
  });
});

describe('packed ids', () => {
  const packed = (id: string) => id.replaceAll('-', '');

  it('go both ways for a device that asks for them, and stay whole for one that does not', async () => {
    const whole = (await pullPages(curator, null)).pages.flatMap((p) => p.changes);
    const pages: SyncResponseV2[] = [];
    for (let cursor: string | null = null; ; ) {
      const page = await syncV2(curator, { cursor, packIds: true });
      pages.push(page);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    // Kept wire text (a curator's first pull) and records made up for the answer alike.
    expect(pages.flatMap((p) => p.changes)).toEqual(whole.map((r) => ({ ...r, id: packed(r.id) })));
    expect(whole.every((r) => r.id.includes('-'))).toBe(true);

    // A pushed change under a packed id is the record of that UUID; a refused one is named packed.
    const added = meeting({ date: today, notes: 'Под упакованным id' });
    const refused = meeting({ date: today, durationMin: -5 });
    const cursor = pages.at(-1)?.cursor ?? null;
    const answer = await syncV2(curator, {
      cursor,
      packIds: true,
      changes: [added, refused].map((c) => ({ ...compactRecord(c), id: packed(c.id) })),
    });
    expect(answer.rejected.map((r) => r.id)).toEqual([packed(refused.id)]);
    expect(answer.changes.map((r) => r.id)).toContain(packed(added.id));
    const v1 = await fetch(`${server.url}/api/v1/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${mentor.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cursor: null, changes: [] }),
    }).then((r) => r.json() as Promise<{ changes: SyncedRecord[] }>);
    expect(v1.changes.find((r) => r.id === added.id)?.fields.notes).toBe('Под упакованным id');
  });

  it('a compact change with a member the contract does not name is refused with it by name', async () => {
    const stray = meeting({ date: today });
    const response = await fetch(`${server.url}/api/v2/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${curator.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cursor: null, changes: [{ ...compactRecord(stray), partial: true }] }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { reason: string }).reason).toContain("unknown member 'partial'");
    const all = (await pullPages(curator, null)).pages.flatMap((p) => p.changes.map((r) => r.id));
    expect(all).not.toContain(stray.id);
  });

  it('are refused as ids from a device that did not ask for them', async () => {
    const stray = meeting({ date: today });
    const response = await fetch(`${server.url}/api/v2/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${curator.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cursor: null, changes: [{ ...compactRecord(stray), id: packed(stray.id) }] }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { reason: string }).reason).toMatch(/UUID or ULID/);
    const all = (await pullPages(curator, null)).pages.flatMap((p) => p.changes.map((r) => r.id));
    expect(all).not.toContain(stray.id);
  });
});

describe('what no server sent and no device may send', () => {
  const post = (body: unknown) =>
    fetch(`${server.url}/api/v2/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${curator.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('a cursor of a first pull cut off at a day that never was is refused', async () => {
    const first = await syncV2(curator, { cursor: null });
    const [rev, scope] = first.cursor.split('.');
    for (const cursor of [`${rev}.${scope}.${rev}.c20261301`, `${rev}.${scope}.${rev}.h20260631`]) {
      const response = await post({ cursor, changes: [] });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { reason: string }).reason).toMatch(
        /not a cursor this server issued/,
      );
    }
  });

  it('a field whose own stamp is null refuses the change whole, rather than the field being dropped', async () => {
    const person = change(curator.stamper, 'person', { fullName: 'Без штампа', kind: 'student' });
    const response = await post({
      cursor: null,
      changes: [
        {
          id: person.id,
          type: 'person',
          fields: { ...person.fields, needs: 'ВАЖНО' },
          stamps: { ...person.stamps, needs: null },
        },
      ],
    });
    expect(response.status).toBe(400);
    const all = (await pullPages(curator, null)).pages.flatMap((p) => p.changes.map((r) => r.id));
    expect(all).not.toContain(person.id);
  });
});
