import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { NastavnikDb, SCHEMA_VERSIONS } from './database';
import { openDatabase } from './lifecycle';
import { createQueries } from './queries';
import { packStamp } from './record-codec';
import { createRepository } from './repository';
import { search } from './search';
import { indexNextBatch } from './search-indexer';
import { uuidToBytes } from './uuid-bytes';

describe('schema upgrades', () => {
  it('an open tab gives way when another tab upgrades the schema, and its data survives', async () => {
    const name = `upgrade-${Math.random()}`;
    const oldTab = new NastavnikDb(name, { indexedDB, IDBKeyRange });
    let isToldToReload = false;
    await openDatabase(oldTab, {
      onVersionChange: () => (isToldToReload = true),
      onBlocked: () => undefined,
    });
    const written = await createRepository(oldTab).create('person', { fullName: 'Анна', kind: 'teacher' });
    expect(written.ok).toBe(true);

    // A newer app version adds an index in version 2.
    const newTab = new Dexie(name, { indexedDB, IDBKeyRange });
    const latest = Math.max(...Object.keys(SCHEMA_VERSIONS).map(Number));
    for (const [v, stores] of Object.entries(SCHEMA_VERSIONS)) newTab.version(Number(v)).stores(stores);
    newTab.version(latest + 1).stores({ person: 'id, fields.fullName' });
    await newTab.open();
    expect(isToldToReload).toBe(true);
    expect(await newTab.table('person').where('fields.fullName').equals('Анна').count()).toBe(1);
    newTab.close();
  });

  it('every schema version opens on an empty device', async () => {
    for (const version of Object.keys(SCHEMA_VERSIONS).map(Number)) {
      const db = new Dexie(`v${version}-${Math.random()}`, { indexedDB, IDBKeyRange });
      for (const [v, stores] of Object.entries(SCHEMA_VERSIONS))
        if (Number(v) <= version) db.version(Number(v)).stores(stores);
      await db.open();
      expect(db.verno).toBe(version);
      db.close();
    }
  });

  it('version 2 indexes the meetings a version 1 device already holds, for search', async () => {
    const name = `v1-data-${Math.random()}`;
    const old = new Dexie(name, { indexedDB, IDBKeyRange });
    old.version(1).stores(SCHEMA_VERSIONS[1] as Record<string, string>);
    const fields = {
      pairId: '0193a3f0-0000-7000-8000-000000000001',
      date: '2026-10-01',
      kind: 'regular',
      durationMin: 30,
      notes: 'Старая встреча про олимпиаду',
    };
    const stamp = '2026-10-01T10:00:00.000Z_0000_old';
    await old.table('meeting').put({
      id: '0193a3f0-0000-7000-8000-0000000000f1',
      type: 'meeting',
      fields,
      stamps: Object.fromEntries(Object.keys(fields).map((k) => [k, stamp])),
    });
    old.close();
    const db = new NastavnikDb(name, { indexedDB, IDBKeyRange });
    expect((await search(db, 'олимп')).meetings).toHaveLength(1);
    db.close();
  });
});

describe('schemas 8 and 9: records in the compact form, only the indexes the screens read', () => {
  const fields = {
    pairId: '0193a3f0-0000-7000-8000-000000000001',
    date: '2026-10-01',
    kind: 'regular',
    durationMin: 30,
    notes: 'Старая встреча про олимпиаду',
  };
  const stamp = '2026-10-01T10:00:00.000Z_0000_old';
  const old = {
    id: '0193a3f0-0000-7000-8000-0000000000f1',
    type: 'meeting',
    fields,
    stamps: Object.fromEntries(Object.keys(fields).map((k) => [k, stamp])),
  };

  it('keeps every record of a device on any older version, as it was', async () => {
    const latest = Math.max(...Object.keys(SCHEMA_VERSIONS).map(Number));
    for (let version = 1; version < latest; version++) {
      const name = `v${version}-to-latest-${Math.random()}`;
      const before = new Dexie(name, { indexedDB, IDBKeyRange });
      for (const [v, stores] of Object.entries(SCHEMA_VERSIONS))
        if (Number(v) <= version) before.version(Number(v)).stores(stores);
      // As versions 2 to 7 wrote it: the type, a stamp on every field and the words index.
      await before.table('meeting').put({ ...old, words: ['старая', 'встреча'] });
      await before.table('person').put({
        id: '0193a3f0-0000-7000-8000-0000000000a1',
        type: 'person',
        fields: { fullName: 'Анна', kind: 'teacher' },
        stamps: { fullName: stamp, kind: stamp },
      });
      await before.table('outbox').add({ recordId: old.id, change: old, baseCursor: '7.all' });
      before.close();
      const db = new NastavnikDb(name, { indexedDB, IDBKeyRange });
      expect(await db.records('meeting').get(old.id), `from version ${version}`).toEqual(old);
      expect((await db.outbox.toArray()).map((e) => e.change)).toEqual([old]);
      expect(await createQueries(db).counts()).toEqual({ people: 1, pairs: 0, meetings: 1 });
      expect(await createQueries(db).meetingsOfPair(fields.pairId)).toEqual([old]);
      expect((await search(db, 'олимп')).meetings.map((m) => m.id)).toEqual([old.id]);
      db.close();
    }
  });

  it('indexes what a device held for search in idle time, and rewrites it in the compact form', async () => {
    const name = `v6-${Math.random()}`;
    const before = new Dexie(name, { indexedDB, IDBKeyRange });
    for (const [v, stores] of Object.entries(SCHEMA_VERSIONS))
      if (Number(v) <= 6) before.version(Number(v)).stores(stores);
    await before.table('meeting').put({ ...old, words: ['старая'] });
    before.close();
    const db = new NastavnikDb(name, { indexedDB, IDBKeyRange });
    await db.open();
    while (await indexNextBatch(db));
    expect(await db.searchQueue.count()).toBe(0);
    expect((await search(db, 'олимп')).meetings.map((m) => m.id)).toEqual([old.id]);
    expect(await db.records('meeting').get(old.id)).toEqual(old);
    db.close();
    const raw = new Dexie(name, { indexedDB, IDBKeyRange });
    await raw.open();
    // At rest, under its id's 16 bytes, and the pair's id as its bytes too (key-codec.ts).
    expect(await raw.table('meeting').get(old.id)).toBeUndefined();
    const row = await raw.table('meeting').get(uuidToBytes(old.id));
    expect(row).toMatchObject({
      id: uuidToBytes(old.id),
      fields: { ...fields, pairId: uuidToBytes(fields.pairId) },
      stamp: packStamp(stamp),
    });
    for (const legacy of ['type', 'stamps', 'words']) expect(row).not.toHaveProperty(legacy);
    raw.close();
  });
});

describe('the index of recent meetings', () => {
  it('holds, after the upgrade, the recent meetings a device already had', async () => {
    const name = `v6-recent-${Math.random()}`;
    const before = new Dexie(name, { indexedDB, IDBKeyRange });
    for (const [v, stores] of Object.entries(SCHEMA_VERSIONS))
      if (Number(v) <= 6) before.version(Number(v)).stores(stores);
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    const pairId = '0193a3f0-0000-7000-8000-000000000001';
    const stamp = '2026-10-01T10:00:00.000Z_0000_old';
    for (const [i, date] of [day(3), day(400)].entries()) {
      const fields = { pairId, date, kind: 'regular', durationMin: 30, notes: '' };
      await before.table('meeting').put({
        id: `0193a3f0-0000-7000-8000-0000000000e${i}`,
        type: 'meeting',
        fields,
        stamps: Object.fromEntries(Object.keys(fields).map((k) => [k, stamp])),
      });
    }
    before.close();
    const db = new NastavnikDb(name, { indexedDB, IDBKeyRange });
    expect([...(await createQueries(db).pairsMetSince([pairId], day(14), day(0)))]).toEqual([pairId]);
    expect(await db.records('meeting').where('recentDay').above('').count()).toBe(1);
    db.close();
  });
});
