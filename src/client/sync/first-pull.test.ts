// A first pull at the device's floor must lose nothing: records are written without a merge only where
// nothing can be on the device yet; what the user writes meanwhile, a record sent twice, and a record
// sent as changed fields only that the device does not hold are all handled as a merge would.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../../../tests/support/memory-storage';
import { compactRecord as compact } from '../../domain/compact-record';
import type { SyncedRecord } from '../../domain/record';
import { NastavnikDb } from '../db/database';
import { keepCopy } from '../db/draft-mirror';
import { createDrafts } from '../db/drafts';
import { getCursor, getSyncStatus, SESSION_KEY, type SyncStatus, setMeta } from '../db/meta';
import { createRepository } from '../db/repository';
import { createSyncEngine } from './sync-engine';
import type { SyncAnswer, SyncCall, Transport } from './transport';

const PAIR = '0193a3f0-0000-7000-8000-000000000001';
const stamp = (s: number) => `2026-11-25T10:00:${String(s).padStart(2, '0')}.000Z_0000_server`;
const meeting = (n: number, notes: string, at: number): SyncedRecord => {
  const fields = { pairId: PAIR, date: '2026-11-25', kind: 'regular', durationMin: 30, notes };
  const id = `0193a3f0-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`;
  return {
    id,
    type: 'meeting',
    fields,
    stamps: Object.fromEntries(Object.keys(fields).map((k) => [k, stamp(at)])),
  };
};

/** A record as v2 sends it. */
const compactRecord = (r: SyncedRecord) => ({ ...compact(r), type: r.type });

async function device() {
  const db = new NastavnikDb(`first-pull-${Math.random()}`, { indexedDB, IDBKeyRange });
  await setMeta(db, SESSION_KEY, {
    token: 't',
    personId: 'p',
    role: 'curator',
    schoolId: 's',
    deviceId: 'd',
  });
  return db;
}

/** A server that answers the given pages in turn (v2 form), calling `before(i)` before answering page i. */
function pages(answers: Partial<SyncAnswer>[], before?: (i: number, call: SyncCall) => Promise<void>) {
  const calls: SyncCall[] = [];
  const transport: Transport = async (call) => {
    const i = calls.length;
    calls.push(call);
    await before?.(i, call);
    const body = answers[Math.min(i, answers.length - 1)] as Partial<SyncAnswer>;
    return {
      ok: true,
      body: {
        cursor: `${i + 1}.all.${i + 1}`,
        changes: [],
        hasMore: i < answers.length - 1,
        rejected: [],
        purge: [],
        serverTime: new Date().toISOString(),
        pass: 'changes',
        ...body,
      },
    };
  };
  return { transport, calls };
}

describe('a first pull', () => {
  it('keeps what the user typed while it ran, and merges a record the server sent twice', async () => {
    const db = await device();
    const repo = createRepository(db);
    const a = meeting(1, 'с сервера', 1);
    const b = meeting(2, 'первая версия', 1);
    const { transport } = pages(
      [
        { changes: [compactRecord(a), compactRecord(b)], pending: 4, pass: 'current' },
        // b again, changed on the server meanwhile; a again, older than what the user typed.
        { changes: [compactRecord(meeting(2, 'вторая версия', 3)), compactRecord(a)] },
      ],
      async (i) => {
        if (i === 1) await repo.update('meeting', a.id, { notes: 'набрано на устройстве' });
      },
    );
    expect(await createSyncEngine({ db, transport }).syncOnce()).toBe('ok');
    expect((await db.records('meeting').get(a.id))?.fields.notes).toBe('набрано на устройстве');
    expect((await db.records('meeting').get(b.id))?.fields.notes).toBe('вторая версия');
    expect(await db.outbox.count()).toBe(0);
  });

  it('reads back only the records the device held: its own person from the enrolment is merged, the school written', async () => {
    const db = await device();
    const own = '0193a3f0-0000-7000-8000-0000000000a1';
    const person = (id: string, fullName: string, at: number): SyncedRecord => ({
      id,
      type: 'person',
      fields: { fullName, kind: 'teacher' },
      stamps: { fullName: stamp(at), kind: stamp(at) },
    });
    // As after the enrolment: the user's own record, its name corrected on the device since.
    await db.records('person').put(person(own, 'Анна Петровна (исправлено)', 5) as SyncedRecord<'person'>);
    const others = Array.from({ length: 30 }, (_, i) =>
      person(`0193a3f0-0000-7000-8000-0000000002${String(i).padStart(2, '0')}`, `Учитель ${i}`, 1),
    );
    const asked: string[] = [];
    const table = db.records('person');
    const bulkGet = table.bulkGet.bind(table);
    table.bulkGet = ((ids: string[]) => {
      asked.push(...ids);
      return bulkGet(ids);
    }) as typeof table.bulkGet;
    const { transport } = pages([
      { changes: [person(own, 'Анна Петровна', 1), ...others].map(compactRecord) },
    ]);
    expect(await createSyncEngine({ db, transport }).syncOnce()).toBe('ok');
    expect(asked).toEqual([own]);
    expect((await db.records('person').get(own))?.fields.fullName).toBe('Анна Петровна (исправлено)');
    expect(await db.records('person').count()).toBe(31);
  });

  it('asks for the next page while it writes this one, and says how many of how many arrived', async () => {
    const db = await device();
    const seen: NonNullable<SyncStatus['progress']>[] = [];
    const { transport, calls } = pages(
      [
        { changes: [compactRecord(meeting(1, 'x', 1))], pending: 3, pass: 'current' },
        { changes: [compactRecord(meeting(2, 'y', 1))], pass: 'history' },
        { changes: [compactRecord(meeting(3, 'z', 1))], pass: 'changes' },
        { changes: [], pass: 'changes' },
      ],
      async () => {
        const progress = (await getSyncStatus(db)).progress;
        if (progress) seen.push({ ...progress });
      },
    );
    expect(await createSyncEngine({ db, transport }).syncOnce()).toBe('ok');
    // Each page is asked for as soon as the one before arrives: when page 4 is asked for, page 2 (the
    // first of the history) is written and page 3 is not yet.
    expect(calls.map((c) => c.cursor)).toEqual([null, '1.all.1', '2.all.2', '3.all.3']);
    expect(calls[0]?.progress).toBe(true);
    expect(seen.at(-1)).toMatchObject({ received: 2, total: 3, isCurrentIn: true });
    expect(await db.records('meeting').count()).toBe(3);
    expect((await getSyncStatus(db)).progress).toBeNull();
  });

  it('after the first pull, asks how many wait only with a second page (one page needs no count)', async () => {
    const db = await device();
    await setMeta(db, 'cursor', '9.all.9');
    const one = pages([{ changes: [compactRecord(meeting(1, 'x', 1))] }]);
    expect(await createSyncEngine({ db, transport: one.transport }).syncOnce()).toBe('ok');
    expect(one.calls.map((c) => c.progress ?? false)).toEqual([false]);

    const seen: NonNullable<SyncStatus['progress']>[] = [];
    const several = pages(
      [
        { changes: [compactRecord(meeting(2, 'y', 1)), compactRecord(meeting(3, 'z', 1))] },
        { changes: [compactRecord(meeting(4, 'w', 1))], pending: 3 },
        { changes: [compactRecord(meeting(5, 'v', 1))] },
        { changes: [compactRecord(meeting(6, 'u', 1))] },
      ],
      async () => {
        const progress = (await getSyncStatus(db)).progress;
        if (progress) seen.push({ ...progress });
      },
    );
    expect(await createSyncEngine({ db, transport: several.transport }).syncOnce()).toBe('ok');
    expect(several.calls.map((c) => c.progress ?? false)).toEqual([false, true, false, false]);
    // The count came with the second page: the two records before it are added to it.
    expect(seen.at(-1)).toMatchObject({ received: 3, total: 5 });
  });

  it('pulls everything again when it is sent changed fields of a record it does not hold', async () => {
    const db = await device();
    const missing = meeting(4, 'целиком', 1);
    const { transport, calls } = pages([
      {
        changes: [
          {
            ...compactRecord({ ...missing, fields: { notes: 'только поле' }, stamps: { notes: stamp(2) } }),
            partial: true,
          },
        ],
      },
      { changes: [compactRecord(missing)] },
    ]);
    expect(await createSyncEngine({ db, transport }).syncOnce()).toBe('ok');
    // The next page asked for meanwhile is dropped: the pull starts again from the start.
    expect(calls.map((c) => c.cursor)).toEqual([null, '1.all.1', null]);
    expect((await db.records('meeting').get(missing.id))?.fields).toEqual(missing.fields);
    expect(await getCursor(db)).toBe('3.all.3');
  });
});

describe('a record that comes deleted', () => {
  it('takes along the texts a field could not save into it (an erased pupil leaves nothing on the device)', async () => {
    const db = await device();
    const kept = meeting(3, 'заметки', 1);
    await db.drafts.put({
      key: `unsaved:meeting:${kept.id}:notes`,
      value: { text: 'ДИАГНОЗ…' },
      updatedAt: '',
    });
    await db.drafts.put({ key: 'unsaved:meeting:other:notes', value: { text: 'чужое' }, updatedAt: '' });
    const gone = { id: kept.id, type: 'meeting', fields: {}, stamps: {}, deleted: stamp(5) };
    const { transport } = pages([{ changes: [gone as never] }]);
    expect(await createSyncEngine({ db, transport }).syncOnce()).toBe('ok');
    expect(await db.drafts.get(`unsaved:meeting:${kept.id}:notes`)).toBeUndefined();
    expect(await db.drafts.get('unsaved:meeting:other:notes')).toBeDefined();
  });

  it('takes along such a text whose save a reload cut off: the next start does not put it back', async () => {
    vi.stubGlobal('localStorage', memoryStorage());
    try {
      const db = await device();
      const kept = meeting(3, 'заметки', 1);
      // Typed into a field that could not save it, the tab closed before IndexedDB had the text.
      const cutOff = (key: string) =>
        keepCopy(localStorage, { key, value: { text: 'ДИАГНОЗ…' }, context: null, token: key });
      cutOff(`unsaved:meeting:${kept.id}:notes`);
      cutOff('unsaved:meeting:other:notes');
      const gone = { id: kept.id, type: 'meeting', fields: {}, stamps: {}, deleted: stamp(5) };
      const { transport } = pages([{ changes: [gone as never] }]);
      expect(await createSyncEngine({ db, transport }).syncOnce()).toBe('ok');
      await createDrafts(db).recoverCutOff();
      expect(await db.drafts.get(`unsaved:meeting:${kept.id}:notes`)).toBeUndefined();
      expect(await db.drafts.get('unsaved:meeting:other:notes')).toBeDefined();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
