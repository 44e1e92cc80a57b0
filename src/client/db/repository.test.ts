import Dexie from 'dexie';
import { IDBKeyRange, IDBObjectStore, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NastavnikDb } from './database';
import { getMeta, setMeta } from './meta';
import { discardRejected, takeBatch } from './outbox';
import { createRepository } from './repository';
import { applySyncAnswer } from './sync-store';

const PAIR = '0193a3f0-0000-7000-8000-000000000001';
let db: NastavnikDb;
const fresh = () => {
  db = new NastavnikDb(`repo-${Math.random()}`, { indexedDB, IDBKeyRange });
  return db;
};
afterEach(() => db?.close());

const meetingFields = { pairId: PAIR, date: '2026-11-25', kind: 'regular', durationMin: 40, notes: 'Начало' };

/**
 * Runs `act` while IndexedDB itself — beneath Dexie — answers `method` on store `store` with `refuse`
 * (given the call's arguments and the method itself, bound to the store): a new record's write is made
 * there (direct-write.ts).
 */
async function whileRefused<T>(
  store: string,
  method: 'put' | 'add',
  refuse: (
    args: unknown[],
    original: (...args: unknown[]) => IDBRequest,
    target: IDBObjectStore,
  ) => IDBRequest,
  act: () => Promise<T>,
): Promise<T> {
  const proto = IDBObjectStore.prototype as unknown as Record<string, (...args: unknown[]) => IDBRequest>;
  const original = proto[method] as (...args: unknown[]) => IDBRequest;
  proto[method] = function (this: IDBObjectStore, ...args: unknown[]) {
    return this.name === store ? refuse(args, original.bind(this), this) : original.apply(this, args);
  };
  try {
    return await act();
  } finally {
    proto[method] = original;
  }
}

describe('repository writes', () => {
  it('saves the record and its outbox change together, stamping each field', async () => {
    const repo = createRepository(fresh(), { now: () => Date.UTC(2026, 10, 25) });
    const r = await repo.create('meeting', meetingFields);
    expect(r.ok).toBe(true);
    const id = (r as { id: string }).id;
    const record = await db.records('meeting').get(id);
    expect(record?.fields).toEqual(meetingFields);
    expect(Object.keys(record?.stamps ?? {}).sort()).toEqual(Object.keys(meetingFields).sort());
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.change.fields).toEqual(meetingFields);
  });

  it('stamps only the fields that changed, so others’ edits of other fields survive', async () => {
    const repo = createRepository(fresh());
    const { id } = (await repo.create('meeting', meetingFields)) as { id: string };
    const before = await db.records('meeting').get(id);
    await repo.update('meeting', id, { ...meetingFields, notes: 'Продолжение' });
    const after = await db.records('meeting').get(id);
    expect(after?.stamps.date).toBe(before?.stamps.date);
    expect((after?.stamps.notes ?? '') > (before?.stamps.notes ?? '')).toBe(true);
  });

  it('a form opened earlier writes only what the user changed in it, as made from that view', async () => {
    const repo = createRepository(fresh());
    const { id } = (await repo.create('meeting', meetingFields)) as { id: string };
    await db.outbox.clear();
    // The mentor opens the meeting (cursor 5); the curator's notes arrive (cursor 9); the mentor, whose
    // form still shows the old notes, changes the duration only and saves the whole form.
    const opened = { values: { ...meetingFields }, cursor: '5.all' };
    await setMeta(db, 'cursor', '9.all');
    const table = db.records('meeting');
    const curators = await table.get(id);
    if (!curators) throw new Error('the meeting was not stored');
    await table.put({
      ...curators,
      fields: { ...curators.fields, notes: 'Начало. Куратор: добавить олимпиаду' },
    });
    await repo.update('meeting', id, { ...meetingFields, durationMin: 60 }, { seen: opened });
    const after = await db.records('meeting').get(id);
    expect(after?.fields.notes).toBe('Начало. Куратор: добавить олимпиаду');
    expect(after?.fields.durationMin).toBe(60);
    const [entry] = await db.outbox.toArray();
    expect(entry?.change.fields).toEqual({ durationMin: 60 });
    // What the user changed goes as made from the older view: the server keeps what it replaced unseen.
    expect(entry?.baseCursor).toBe('5.all');
  });

  it('folds repeated edits into one outbox entry, but never into one in flight', async () => {
    const repo = createRepository(fresh());
    const { id } = (await repo.create('meeting', meetingFields)) as { id: string };
    for (const notes of ['a', 'ab', 'abc']) await repo.update('meeting', id, { notes });
    expect(await db.outbox.count()).toBe(1);
    expect((await db.outbox.toArray())[0]?.change.fields.notes).toBe('abc');
    const batch = await takeBatch(db, 100, 1e6);
    await repo.update('meeting', id, { notes: 'abcd' });
    expect(await db.outbox.count()).toBe(2);
    await applySyncAnswer(
      db,
      batch.entries,
      { cursor: '5.all', changes: [], rejected: [], purge: [], serverTime: new Date().toISOString() },
      Date.now(),
    );
    const left = await db.outbox.toArray();
    expect(left.map((e) => e.change.fields.notes)).toEqual(['abcd']);
  });

  it('refuses an invalid write with its reason and writes nothing', async () => {
    const repo = createRepository(fresh());
    const r = await repo.create('meeting', { ...meetingFields, durationMin: -5 });
    expect(r).toMatchObject({ ok: false, code: 'invalid', reason: expect.stringMatching(/durationMin/) });
    expect(await db.records('meeting').count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('reports a full disk as such, and neither the record nor the outbox change is kept', async () => {
    const repo = createRepository(fresh());
    await db.open();
    const table = db.records('meeting');
    const original = table.put.bind(table);
    table.put = () => Promise.reject(new DOMException('disk full', 'QuotaExceededError')) as never;
    const r = await repo.create('meeting', meetingFields);
    table.put = original;
    expect(r).toMatchObject({ ok: false, code: 'quota' });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.records('meeting').count()).toBe(0);
  });
});

describe('new records, written in one round trip from what the tab knows', () => {
  const NOW = Date.UTC(2026, 10, 25, 9);

  it('two tabs writing new records in turn never hand out the same stamp', async () => {
    // The clock stands still, so each stamp differs from the last only by its counter: a tab planning
    // from the clock as it last saw it would hand out the stamp the other tab just used.
    const name = `tabs-${Math.random()}`;
    const tabs = [0, 1].map(() => new NastavnikDb(name, { indexedDB, IDBKeyRange }));
    db = tabs[0] as NastavnikDb;
    const repos = tabs.map((tab) => createRepository(tab, { now: () => NOW }));
    for (const i of [0, 1, 0, 1, 0, 0, 1]) {
      const r = await repos[i]?.create('meeting', { ...meetingFields, notes: `Встреча ${i}` });
      expect(r?.ok).toBe(true);
    }
    const stamps = (await db.records('meeting').toArray()).map((r) => r.stamps.notes);
    expect(stamps).toHaveLength(7);
    expect(new Set(stamps).size).toBe(7);
    expect(await db.outbox.count()).toBe(7);
    expect(await getMeta(db, 'clock')).toEqual({ ms: NOW, counter: 6 });
    tabs[1]?.close();
  });

  it('a record made after a sync moved the cursor goes out as made from the new cursor, once', async () => {
    const repo = createRepository(fresh(), { now: () => NOW });
    await repo.create('meeting', meetingFields);
    await setMeta(db, 'cursor', 'c-after-sync');
    const r = await repo.create('meeting', { ...meetingFields, notes: 'После синхронизации' });
    expect(r.ok).toBe(true);
    const entries = await db.outbox.toArray();
    expect(entries.map((e) => e.baseCursor)).toEqual([null, 'c-after-sync']);
    expect(await db.records('meeting').count()).toBe(2);
  });

  it('a full disk on the one-round-trip write keeps neither the record nor its change', async () => {
    const repo = createRepository(fresh(), { now: () => NOW });
    await repo.create('meeting', meetingFields);
    const r = await whileRefused(
      'meeting',
      'put',
      () => {
        throw new DOMException('disk full', 'QuotaExceededError');
      },
      () => repo.create('meeting', { ...meetingFields, notes: 'Не поместилась' }),
    );
    expect(r).toMatchObject({ ok: false, code: 'quota' });
    expect(await db.outbox.count()).toBe(1);
    expect(await db.records('meeting').count()).toBe(1);
    expect(await getMeta(db, 'clock')).toEqual({ ms: NOW, counter: 0 });
  });
  it('a one-round-trip write refused midway (its outbox entry) keeps neither the record nor the clock', async () => {
    const repo = createRepository(fresh(), { now: () => NOW });
    await repo.create('meeting', meetingFields);
    const [first] = await db.outbox.toArray();
    // The entry goes under the seq of one there already: IndexedDB refuses it once the record is written.
    const r = await whileRefused(
      'outbox',
      'add',
      ([value], add) => add({ ...(value as object), seq: first?.seq }),
      () => repo.create('meeting', { ...meetingFields, notes: 'Не записана' }),
    );
    expect(r.ok).toBe(false);
    expect(await db.records('meeting').count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
    expect((await db.outbox.toArray())[0]?.change.fields.notes).toBe('Начало');
    expect(await getMeta(db, 'clock')).toEqual({ ms: NOW, counter: 0 });
    // And the next write goes on from the clock as stored.
    expect((await repo.create('meeting', { ...meetingFields, notes: 'Записана' })).ok).toBe(true);
    expect(await getMeta(db, 'clock')).toEqual({ ms: NOW, counter: 1 });
  });

  it('a one-round-trip write whose connection goes under it is said as such (the app reopens), nothing kept', async () => {
    const repo = createRepository(fresh(), { now: () => NOW });
    await repo.create('meeting', meetingFields);
    // The transaction ends with no error of its own, as when the browser drops the connection.
    const r = await whileRefused(
      'meeting',
      'put',
      (args, put, target) => {
        const request = put(...args);
        target.transaction.abort();
        return request;
      },
      () => repo.create('meeting', { ...meetingFields, notes: 'Оборвалось' }),
    );
    expect(r).toMatchObject({ ok: false, code: 'closed' });
    expect(await db.records('meeting').count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
  });

  it('a one-round-trip write is stored and answered even when telling the screens of it fails', async () => {
    const repo = createRepository(fresh(), { now: () => NOW });
    await repo.create('meeting', meetingFields);
    const event = Dexie.on.storagemutated;
    const fire = event.fire;
    event.fire = () => {
      throw new Error('a listener failed');
    };
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const r = await repo.create('meeting', { ...meetingFields, notes: 'Сохранена' });
      expect(r.ok).toBe(true);
    } finally {
      event.fire = fire;
      errors.mockRestore();
    }
    expect(await db.records('meeting').count()).toBe(2);
    expect(await db.outbox.count()).toBe(2);
  });

  it("a record made under a form's id already stored (a second tap, another tab) is merged into it, not written over", async () => {
    const repo = createRepository(fresh(), { now: () => NOW });
    const id = '0193a3f0-0000-7000-8000-0000000000aa';
    await repo.create('meeting', { ...meetingFields, notes: 'Первая' });
    expect((await repo.create('meeting', meetingFields, id)).ok).toBe(true);
    expect((await repo.create('meeting', { notes: 'Вторая' }, id)).ok).toBe(true);
    expect((await db.records('meeting').get(id))?.fields).toEqual({ ...meetingFields, notes: 'Вторая' });
    const changes = (await db.outbox.toArray()).filter((e) => e.recordId === id);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.change.fields).toEqual({ ...meetingFields, notes: 'Вторая' });
  });
});

describe('sync answers', () => {
  it('keeps rejected changes with their reason; discarding one re-fetches the record', async () => {
    const repo = createRepository(fresh());
    const { id } = (await repo.create('meeting', meetingFields)) as { id: string };
    await setMeta(db, 'cursor', '9.abc');
    const batch = await takeBatch(db, 100, 1e6);
    await applySyncAnswer(
      db,
      batch.entries,
      {
        cursor: '10.abc',
        changes: [],
        rejected: [{ id, code: 'forbidden', reason: 'not your pair' }],
        purge: [],
        serverTime: new Date().toISOString(),
      },
      Date.now(),
    );
    expect(await db.outbox.count()).toBe(0);
    expect(await db.rejected.get(id)).toMatchObject({
      code: 'forbidden',
      reason: 'not your pair',
      type: 'meeting',
    });
    await discardRejected(db, id);
    expect(await db.rejected.count()).toBe(0);
    expect(await db.records('meeting').get(id)).toBeUndefined();
    expect(await getMeta(db, 'cursor')).toBeNull();
  });

  it('a purge drops records that left the scope but keeps those with unsent changes', async () => {
    const repo = createRepository(fresh());
    const a = (await repo.create('meeting', meetingFields)) as { id: string };
    const b = (await repo.create('meeting', meetingFields)) as { id: string };
    const batch = await takeBatch(db, 1, 1e6); // only a's change goes out
    await applySyncAnswer(
      db,
      batch.entries,
      { cursor: '3.x', changes: [], rejected: [], purge: [a.id, b.id], serverTime: new Date().toISOString() },
      Date.now(),
    );
    expect(await db.records('meeting').get(a.id)).toBeUndefined();
    expect(await db.records('meeting').get(b.id)).toBeDefined();
  });

  it('a purged record with unsent changes keeps only what those changes hold', async () => {
    // A mentor kept on in the pair as its mentee: the meeting's private notes must go, though she has
    // just edited its notes (her edit goes to the server, which takes or refuses it).
    const repo = createRepository(fresh());
    const { id } = (await repo.create('meeting', {
      ...meetingFields,
      privateNotes: 'Только наставнику',
    })) as {
      id: string;
    };
    const sent = await takeBatch(db, 10, 1e6);
    await applySyncAnswer(
      db,
      sent.entries,
      { cursor: '3.x', changes: [], rejected: [], purge: [], serverTime: new Date().toISOString() },
      Date.now(),
    );
    await repo.update('meeting', id, { notes: 'Дополнила' });
    await applySyncAnswer(
      db,
      [],
      { cursor: '5.y', changes: [], rejected: [], purge: [id], serverTime: new Date().toISOString() },
      Date.now(),
    );
    const kept = await db.records('meeting').get(id);
    expect(kept?.fields).toEqual({ notes: 'Дополнила' });
    expect(Object.keys(kept?.stamps ?? {})).toEqual(['notes']);
  });
});

describe('many records at once', () => {
  it('creates the new ones and writes fields of existing ones in one transaction, each with its outbox change', async () => {
    const repo = createRepository(fresh(), { now: () => Date.UTC(2026, 8, 1) });
    const first = await repo.createMany('person', [
      { fullName: 'Ёжикова Ксения', kind: 'student', classOrSubject: '7Щ' },
    ]);
    if (!first.ok) throw new Error(first.reason);
    const [ksenia] = first.ids as [string];
    const gone = await repo.create('person', { fullName: 'Ушедший', kind: 'student' });
    if (!gone.ok) throw new Error('not created');
    await repo.remove('person', gone.id);
    const outboxBefore = await db.outbox.count();

    const again = await repo.createMany(
      'person',
      [{ fullName: 'Щукин Ян', kind: 'student', classOrSubject: '8Щ' }],
      [
        { id: ksenia, fields: { classOrSubject: '8Щ' } },
        { id: gone.id, fields: { classOrSubject: '8Щ' } },
      ],
    );
    expect(again.ok).toBe(true);
    // The one gone is not counted among those written.
    expect(again.ok && again.updated).toEqual([ksenia]);
    const stored = await db.records('person').get(ksenia);
    expect(stored?.fields).toEqual({ fullName: 'Ёжикова Ксения', kind: 'student', classOrSubject: '8Щ' });
    expect((await db.records('person').get(gone.id))?.fields).toEqual({});
    // The new pupil, and the class (folded into Ксения's change still waiting to be sent).
    expect(await db.outbox.count()).toBe(outboxBefore + 1);
    const change = (await db.outbox.where('recordId').equals(ksenia).last())?.change;
    expect(change?.fields.classOrSubject).toBe('8Щ');
  });

  it('writes nothing when one of them is invalid', async () => {
    const repo = createRepository(fresh(), { now: () => Date.UTC(2026, 8, 1) });
    const first = await repo.createMany('person', [
      { fullName: 'Ёжикова Ксения', kind: 'student', classOrSubject: '7Щ' },
    ]);
    if (!first.ok) throw new Error(first.reason);
    const bad = await repo.createMany(
      'person',
      [{ fullName: 'Щукин Ян', kind: 'student' }],
      [{ id: first.ids[0] as string, fields: { classOrSubject: 7 } }],
    );
    expect(bad.ok).toBe(false);
    expect(await db.records('person').count()).toBe(1);
    // No change of the new row left to send either: its record was never stored.
    expect(await db.outbox.count()).toBe(1);
    expect((await db.records('person').get(first.ids[0] as string))?.fields.classOrSubject).toBe('7Щ');
  });
});
