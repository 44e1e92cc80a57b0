// liveQuery looks for IndexedDB on the global object.
import 'fake-indexeddb/auto';
import Dexie, { liveQuery } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncedRecord } from '../../domain/record';
import { NastavnikDb, SCHEMA_VERSIONS } from './database';
import { idToKey, keyToId } from './key-codec';
import { getSession } from './meta';
import { uuidToBytes } from './uuid-bytes';

const PAIR = '0193a3f0-0000-7000-8000-000000000001';
const STAMP = '2026-11-25T10:00:00.000Z_0000_dev';
const ids = [1, 2, 3, 4].map((n) => `0193a3f0-0000-7000-8000-00000000010${n}`);

function meeting(id: string, date: string, notes = 'Разобрали задачи'): SyncedRecord<'meeting'> {
  const fields = { pairId: PAIR, date, kind: 'regular' as const, durationMin: 40, notes };
  return {
    id,
    type: 'meeting',
    fields,
    stamps: Object.fromEntries(Object.keys(fields).map((k) => [k, STAMP])),
  };
}

let db: NastavnikDb;
afterEach(() => db?.close());

async function rawKeys(name: string, table: string): Promise<unknown[]> {
  const raw = new Dexie(name, { indexedDB, IDBKeyRange });
  await raw.open();
  const keys = await raw.table(table).toCollection().primaryKeys();
  raw.close();
  return keys;
}

describe('record ids at rest', () => {
  it('turns a lower-case UUID into 16 bytes and back, and leaves any other id as it is', () => {
    const key = idToKey(ids[0]) as Uint8Array;
    expect(key).toBeInstanceOf(Uint8Array);
    expect(key.byteLength).toBe(16);
    expect(keyToId(key.buffer)).toBe(ids[0]);
    for (const other of ['programme', 'A0193A3F-0000-7000-8000-000000000101', '01ARZ3NDEKTSV4RRFFQ69G5FAV'])
      expect(idToKey(other)).toBe(other);
  });

  it('keys UUID records by their bytes on the device, and every way of reading gives their ids back', async () => {
    const name = `keys-${Math.random()}`;
    db = new NastavnikDb(name, { indexedDB, IDBKeyRange });
    const table = db.records('meeting');
    await table.bulkPut(ids.map((id, i) => meeting(id, `2026-11-2${i}`)));
    await db.records('programme').put({
      id: 'programme',
      type: 'programme',
      fields: { title: 'Программа' },
      stamps: { title: STAMP },
    } as SyncedRecord<'programme'>);

    expect(await table.get(ids[1] as string)).toEqual(meeting(ids[1] as string, '2026-11-21'));
    expect((await table.bulkGet([ids[3] as string, 'missing', ids[0] as string])).map((r) => r?.id)).toEqual([
      ids[3],
      undefined,
      ids[0],
    ]);
    expect((await table.toArray()).map((r) => r.id)).toEqual(ids);
    expect(await table.where(':id').below(ids[2]).primaryKeys()).toEqual(ids.slice(0, 2));
    expect((await table.orderBy(':id').reverse().limit(2).toArray()).map((r) => r.id)).toEqual([
      ids[3],
      ids[2],
    ]);
    const walked: string[] = [];
    await table.orderBy(':id').each((r, cursor) => {
      walked.push(r.id);
      expect(cursor.primaryKey).toBe(r.id);
    });
    expect(walked).toEqual(ids);
    expect(await table.where('fields.pairId').equals(PAIR).primaryKeys()).toEqual(ids);
    expect(await table.where(':id').between(ids[1], ids[3], true, true).count()).toBe(3);
    expect((await db.records('programme').get('programme'))?.id).toBe('programme');

    await table.update(ids[0] as string, { 'fields.notes': 'Поправили' });
    expect((await table.get(ids[0] as string))?.fields.notes).toBe('Поправили');
    await table.delete(ids[1] as string);
    await table.bulkDelete([ids[2] as string]);
    expect(await table.toCollection().primaryKeys()).toEqual([ids[0], ids[3]]);
    db.close();

    // On the device: 16 bytes for a UUID, the text for any other id.
    const keys = await rawKeys(name, 'meeting');
    expect(keys.map((k) => new Uint8Array(k as ArrayBuffer))).toEqual(
      [ids[0], ids[3]].map((id) => uuidToBytes(id as string)),
    );
    expect(await rawKeys(name, 'programme')).toEqual(['programme']);
  });

  it('keeps the ids a record refers to as bytes too, and every index finds records by them', async () => {
    const name = `fields-${Math.random()}`;
    db = new NastavnikDb(name, { indexedDB, IDBKeyRange });
    const [mentor, menteeA, menteeB, otherPair] = ids as [string, string, string, string];
    const pair = {
      id: PAIR,
      type: 'pair',
      fields: { mentorId: mentor, menteeIds: [menteeA, menteeB], form: 'teacher-student' },
      stamps: { mentorId: STAMP, menteeIds: STAMP, form: STAMP },
    } as unknown as SyncedRecord<'pair'>;
    await db.records('pair').put(pair);
    // A note that is nothing but a UUID, as a user may paste one: it reads back exactly as typed.
    const pasted = meeting(ids[0] as string, '2026-11-20', '0193a3f0-0000-7000-8000-0000000000ff');
    await db.records('meeting').bulkPut([
      pasted,
      {
        ...meeting(ids[1] as string, '2026-11-21'),
        fields: { ...meeting(ids[1] as string, '2026-11-21').fields, pairId: otherPair },
      },
    ]);

    expect(await db.records('pair').get(PAIR)).toEqual(pair);
    // Only the elements of a top-level array are ids at rest: an array within it reads back as written.
    const nested = {
      id: ids[2] as string,
      type: 'material',
      fields: { title: 'Памятка', links: [mentor, [menteeA]] },
      stamps: { title: STAMP, links: STAMP },
    } as unknown as SyncedRecord<'material'>;
    await db.records('material').put(nested);
    expect(await db.records('material').get(nested.id)).toEqual(nested);
    expect(await db.records('meeting').get(ids[0] as string)).toEqual(pasted);
    expect(await db.records('pair').where('fields.menteeIds').equals(menteeB).primaryKeys()).toEqual([PAIR]);
    expect(await db.records('pair').where('fields.mentorId').equals(mentor).count()).toBe(1);
    expect(await db.records('meeting').where('fields.pairId').anyOf([otherPair, PAIR]).primaryKeys()).toEqual(
      [ids[0], ids[1]],
    );
    expect(await db.records('meeting').orderBy('fields.pairId').keys()).toEqual([PAIR, otherPair]);
    const walked: unknown[] = [];
    await db
      .records('meeting')
      .where('fields.pairId')
      .equals(otherPair)
      .each((_, c) => walked.push(c.key));
    expect(walked).toEqual([otherPair]);
    db.close();

    const raw = new Dexie(name, { indexedDB, IDBKeyRange });
    await raw.open();
    const row = await raw.table('pair').get(uuidToBytes(PAIR));
    expect(row.fields).toEqual({
      mentorId: uuidToBytes(mentor),
      menteeIds: [uuidToBytes(menteeA), uuidToBytes(menteeB)],
      form: 'teacher-student',
    });
    raw.close();
  });

  it('tells live queries of a change, as before', async () => {
    db = new NastavnikDb(`live-${Math.random()}`, { indexedDB, IDBKeyRange });
    const table = db.records('meeting');
    await table.put(meeting(ids[0] as string, '2026-11-20'));
    const seen: string[][] = [];
    const subscription = liveQuery(() => table.where('fields.pairId').equals(PAIR).toArray()).subscribe(
      (rows) => seen.push(rows.map((r) => r.fields.notes ?? '')),
    );
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    await table.put(meeting(ids[0] as string, '2026-11-20', 'Новые заметки'));
    await expect.poll(() => seen.at(-1)).toEqual(['Новые заметки']);
    subscription.unsubscribe();
  });

  it('an older device keeps every record: schema 10 moves rows keyed by text under their bytes', async () => {
    const name = `v9-${Math.random()}`;
    const before = new Dexie(name, { indexedDB, IDBKeyRange });
    for (const [v, stores] of Object.entries(SCHEMA_VERSIONS))
      if (Number(v) <= 9) before.version(Number(v)).stores(stores);
    const stored = ids.map((id, i) => ({
      id,
      fields: meeting(id, `2026-11-2${i}`).fields,
      stamp: '~mupd4xs0_0000_old',
    }));
    await before.table('meeting').bulkPut(stored);
    await before.table('searchQueue').add({ type: 'meeting', all: true, isOwn: false, before: ids[2] });
    await before
      .table('programme')
      .put({ id: 'programme', fields: { title: 'Программа' }, stamp: '~mupd4xs0_0000_old' });
    before.close();

    db = new NastavnikDb(name, { indexedDB, IDBKeyRange });
    expect((await db.records('meeting').toArray()).map((r) => [r.id, r.fields.date])).toEqual(
      stored.map((r) => [r.id, r.fields.date]),
    );
    expect(await db.records('meeting').get(ids[2] as string)).toMatchObject({
      id: ids[2],
      fields: stored[2]?.fields,
    });
    expect((await db.records('programme').get('programme'))?.fields).toEqual({ title: 'Программа' });
    // A search pass under way starts over: it walked the table in the order of text keys.
    expect((await db.searchQueue.toArray()).map((e) => e.before)).toEqual([undefined]);
    db.close();
    const keys = await rawKeys(name, 'meeting');
    expect(keys).toHaveLength(ids.length);
    expect(keys.every((k) => k instanceof ArrayBuffer)).toBe(true);
  });

  it('what a tab of an older version writes under text keys is folded in at the next opening, field by field', async () => {
    const name = `old-tab-${Math.random()}`;
    db = new NastavnikDb(name, { indexedDB, IDBKeyRange });
    await db.records('meeting').put(meeting(ids[0] as string, '2026-11-20', 'До обновления'));
    db.close();
    // The older tab's writes, as its code makes them: the id as the key, the notes typed later.
    const later = '2026-11-25T10:05:00.000Z_0000_old';
    const old = new Dexie(name, { indexedDB, IDBKeyRange });
    await old.open();
    await old
      .table('meeting')
      .put({ id: ids[0], fields: { notes: 'Набрано в старой вкладке' }, stamps: { notes: later } });
    await old
      .table('meeting')
      .put({ id: ids[1], fields: meeting(ids[1] as string, '2026-11-21').fields, stamp: STAMP });
    old.close();

    db = new NastavnikDb(name, { indexedDB, IDBKeyRange });
    const first = await db.records('meeting').get(ids[0] as string);
    expect(first?.fields).toMatchObject({
      notes: 'Набрано в старой вкладке',
      date: '2026-11-20',
      pairId: PAIR,
    });
    expect(first?.stamps.notes).toBe(later);
    expect((await db.records('meeting').get(ids[1] as string))?.fields.date).toBe('2026-11-21');
    expect(await db.records('meeting').toCollection().primaryKeys()).toEqual(ids.slice(0, 2));
    db.close();
    expect((await rawKeys(name, 'meeting')).every((k) => k instanceof ArrayBuffer)).toBe(true);
  });

  it('a device of schema 10 (ids in fields as text) finds every record by its indexes after schema 11', async () => {
    const name = `v10-${Math.random()}`;
    const before = new Dexie(name, { indexedDB, IDBKeyRange });
    for (const [v, stores] of Object.entries(SCHEMA_VERSIONS))
      if (Number(v) <= 10) before.version(Number(v)).stores(stores);
    // As schema 10 wrote rows: the key at rest, the fields as text.
    await before.table('meeting').bulkPut(
      ids.map((id, i) => ({
        id: uuidToBytes(id),
        fields: meeting(id, `2026-11-2${i}`).fields,
        stamp: '~mupd4xs0_0000_old',
      })),
    );
    const session = { token: 't', personId: 'p', role: 'mentor', schoolId: 's', deviceId: 'd' };
    await before.table('meta').put({ key: 'enrolment', value: session });
    before.close();
    db = new NastavnikDb(name, { indexedDB, IDBKeyRange });
    expect(await db.records('meeting').where('fields.pairId').equals(PAIR).primaryKeys()).toEqual(ids);
    expect((await db.records('meeting').get(ids[0] as string))?.fields.pairId).toBe(PAIR);
    expect(await getSession(db)).toEqual(session);
    expect(await db.meta.get('enrolment')).toBeUndefined();
  });

  it('what a tab of schema 10 writes with ids as text is packed at the next opening, from the outbox', async () => {
    const name = `v10-tab-${Math.random()}`;
    db = new NastavnikDb(name, { indexedDB, IDBKeyRange });
    await db.open();
    db.close();
    const old = new Dexie(name, { indexedDB, IDBKeyRange });
    await old.open();
    const typed = meeting(ids[0] as string, '2026-11-20', 'Набрано в старой вкладке');
    await old.table('meeting').put({ id: uuidToBytes(typed.id), fields: typed.fields, stamp: STAMP });
    await old.table('outbox').add({ recordId: typed.id, change: typed, baseCursor: null });
    old.close();
    db = new NastavnikDb(name, { indexedDB, IDBKeyRange });
    expect(await db.records('meeting').where('fields.pairId').equals(PAIR).toArray()).toEqual([typed]);
  });

  it('moves the session to a key of its own, so that a tab of an older version stops syncing', async () => {
    const name = `v9-session-${Math.random()}`;
    const before = new Dexie(name, { indexedDB, IDBKeyRange });
    for (const [v, stores] of Object.entries(SCHEMA_VERSIONS))
      if (Number(v) <= 9) before.version(Number(v)).stores(stores);
    const session = { token: 't', personId: 'p', role: 'mentor', schoolId: 's', deviceId: 'd' };
    await before.table('meta').put({ key: 'session', value: session });
    before.close();
    db = new NastavnikDb(name, { indexedDB, IDBKeyRange });
    expect(await getSession(db)).toEqual(session);
    expect(await db.meta.get('session')).toBeUndefined();
  });
});
