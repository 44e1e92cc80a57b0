import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { NastavnikDb, SCHEMA_VERSIONS } from './database';
import { openDatabase } from './lifecycle';
import { createRepository } from './repository';

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
});
