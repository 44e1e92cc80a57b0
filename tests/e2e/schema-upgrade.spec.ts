// A device of an older version (schema 9: records keyed by their ids as text, the session under
// `session`) opens the new version: in Chromium itself, schema 10 moves every record under its id's
// bytes and the session to its new key, and the user finds everything — a meeting typed offline and not
// yet sent included, which then reaches the server.
import { expect, test } from '@playwright/test';
import { uuidv7 } from 'uuidv7';
import { SCHEMA_VERSIONS } from '../../src/client/db/database';
import { api, inviteCode, putRecords } from './api';
import { syncNow } from './app-page';

type Store = {
  name: string;
  keyPath: string;
  autoIncrement: boolean;
  indexes: { name: string; keyPath: string | string[]; multiEntry: boolean }[];
};

/** The object stores of schema 9 as Dexie makes them (native version 90). */
function schema9(): Store[] {
  const tables: Record<string, string> = {};
  for (const [version, stores] of Object.entries(SCHEMA_VERSIONS))
    if (Number(version) <= 9) Object.assign(tables, stores);
  return Object.entries(tables).map(([name, spec]) => {
    const [primary = '', ...indexes] = spec.split(',').map((s) => s.trim());
    return {
      name,
      keyPath: primary.replace(/^\+\+/, ''),
      autoIncrement: primary.startsWith('++'),
      indexes: indexes.map((src) => {
        const bare = src.replace(/^[*&]/, '');
        const keyPath = bare.startsWith('[') ? bare.slice(1, -1).split('+') : bare;
        return { name: bare, keyPath, multiEntry: src.startsWith('*') };
      }),
    };
  });
}

test('a device of an older version (schema 9) keeps every record and its unsent meeting through the update', async ({
  page,
}) => {
  const [mentorId, menteeId] = await putRecords([
    { type: 'person', fields: { fullName: 'Корнилова Ольга', kind: 'teacher' } },
    { type: 'person', fields: { fullName: 'Лебедев Артём', kind: 'student', classOrSubject: '8Б' } },
  ]);
  const [pairId] = await putRecords([
    { type: 'pair', fields: { mentorId, menteeIds: [menteeId], form: 'учитель–ученик', status: 'active' } },
  ]);
  const enrolled = await api('/api/v1/enrol', {
    code: await inviteCode(mentorId as string, 'mentor'),
    deviceName: 'старый телефон',
  });
  const session = {
    token: enrolled.token,
    personId: mentorId,
    role: 'mentor',
    schoolId: enrolled.schoolId,
    deviceId: enrolled.deviceId,
  };
  const stamp = '~mikxyz12_0000_old';
  const meetings = ['Разобрали план проекта', 'Подготовили доклад', 'Повторили формулы'].map((notes, i) => ({
    id: uuidv7(),
    fields: { pairId, date: `2026-11-0${i + 1}`, kind: 'regular', durationMin: 40, notes },
    stamp,
  }));
  // Typed offline on the old version and not sent yet: its row and its outbox change.
  const unsent = meetings[2] as (typeof meetings)[number];
  const at = '2026-11-03T10:00:00.000Z_0000_old';
  const change = {
    id: unsent.id,
    type: 'meeting',
    fields: unsent.fields,
    stamps: Object.fromEntries(Object.keys(unsent.fields).map((k) => [k, at])),
  };

  await page.goto('/api/v1/health');
  await page.evaluate(
    async ({ stores, meetings, session, change }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('nastavnik', 90);
        open.onupgradeneeded = () => {
          for (const s of stores) {
            const store = open.result.createObjectStore(s.name, {
              keyPath: s.keyPath,
              autoIncrement: s.autoIncrement,
            });
            for (const i of s.indexes) store.createIndex(i.name, i.keyPath, { multiEntry: i.multiEntry });
          }
        };
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['meeting', 'meta', 'outbox'], 'readwrite');
        for (const m of meetings) tx.objectStore('meeting').put(m);
        tx.objectStore('meta').put({ key: 'session', value: session });
        tx.objectStore('outbox').add({ recordId: change.id, change, baseCursor: null });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { stores: schema9(), meetings, session, change },
  );

  // The new version opens it.
  await page.goto(`/pair/${pairId}`);
  for (const m of meetings) await expect(page.getByTestId('meetings')).toContainText(m.fields.notes);

  const atRest = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const open = indexedDB.open('nastavnik');
      open.onsuccess = () => resolve(open.result);
    });
    const read = <T>(store: string, how: (s: IDBObjectStore) => IDBRequest) =>
      new Promise<T>((resolve) => {
        const request = how(db.transaction(store).objectStore(store));
        request.onsuccess = () => resolve(request.result as T);
      });
    const keys = await read<IDBValidKey[]>('meeting', (s) => s.getAllKeys());
    const oldSession = await read<unknown>('meta', (s) => s.get('session'));
    const newSession = await read<unknown>('meta', (s) => s.get('enrolment:11'));
    const rows = await read<{ fields: { pairId: unknown } }[]>('meeting', (s) => s.getAll());
    db.close();
    return {
      version: db.version,
      binaryKeys: keys.filter((k) => k instanceof ArrayBuffer).length,
      textKeys: keys.filter((k) => typeof k === 'string').length,
      hasOldSession: oldSession !== undefined,
      hasNewSession: newSession !== undefined,
      pairIdsAsBytes: rows.filter((r) => r.fields.pairId instanceof Uint8Array).length,
    };
  });
  expect(atRest).toEqual({
    version: 110,
    binaryKeys: 3,
    textKeys: 0,
    hasOldSession: false,
    hasNewSession: true,
    pairIdsAsBytes: 3,
  });

  // The meeting typed on the old version reaches the server.
  await syncNow(page);
  const pulled = await api('/api/v1/sync', { cursor: null, changes: [] }, session.token as string);
  const onServer = (pulled.changes as { id: string; fields: { notes?: string } }[]).find(
    (r) => r.id === unsent.id,
  );
  expect(onServer?.fields.notes).toBe('Повторили формулы');
});
