import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { NastavnikDb } from './database';
import { createRepository } from './repository';
import { search } from './search';
import { noteForSearch, noteTableForSearch } from './search-index';
import { indexNextBatch } from './search-indexer';

const PAIR = '0193a3f0-0000-7000-8000-000000000001';
const PLAN = '0193a3f0-0000-7000-8000-000000000002';

describe('offline search', () => {
  it('finds meetings, tasks and goals by the beginnings of their words, all words at once', async () => {
    const db = new NastavnikDb(`search-${Math.random()}`, { indexedDB, IDBKeyRange });
    const repo = createRepository(db);
    const meeting = (notes: string, date: string) =>
      repo.create('meeting', { pairId: PAIR, date, kind: 'regular', durationMin: 30, notes });
    await meeting('Разобрали пробный вариант ОГЭ', '2026-11-20');
    await meeting('Обсудили проект по биологии', '2026-11-21');
    await meeting('Ещё один вариант, ЁЛКИ', '2026-11-22');
    await repo.create('task', { planId: PLAN, title: 'Решить вариант № 5', status: 'todo', due: null });
    const found = await search(db, 'вариан');
    expect(found.meetings.map((m) => m.fields.notes)).toEqual([
      'Ещё один вариант, ЁЛКИ',
      'Разобрали пробный вариант ОГЭ',
    ]);
    expect(found.tasks.map((t) => t.fields.title)).toEqual(['Решить вариант № 5']);
    expect((await search(db, 'вариант огэ')).meetings).toHaveLength(1);
    expect((await search(db, 'елки')).meetings).toHaveLength(1);
    expect((await search(db, 'химия')).meetings).toHaveLength(0);
  });

  it('forgets a deleted meeting and re-indexes an edited one', async () => {
    const db = new NastavnikDb(`search-${Math.random()}`, { indexedDB, IDBKeyRange });
    const repo = createRepository(db);
    const { id } = (await repo.create('meeting', {
      pairId: PAIR,
      date: '2026-11-20',
      kind: 'regular',
      durationMin: 30,
      notes: 'черновик',
    })) as { id: string };
    await repo.update('meeting', id, { notes: 'чистовик' });
    expect((await search(db, 'черновик')).meetings).toHaveLength(0);
    expect((await search(db, 'чистовик')).meetings).toHaveLength(1);
    await repo.remove('meeting', id);
    expect((await search(db, 'чистовик')).meetings).toHaveLength(0);
  });

  it('keeps no word of a deleted or dropped record on the device', async () => {
    const db = new NastavnikDb(`search-${Math.random()}`, { indexedDB, IDBKeyRange });
    const repo = createRepository(db);
    const meeting = async (notes: string) =>
      (
        (await repo.create('meeting', {
          pairId: PAIR,
          date: '2026-11-20',
          kind: 'regular',
          durationMin: 30,
          notes,
        })) as { id: string }
      ).id;
    const shy = await meeting('Стесняется, говорит тихо');
    const other = await meeting('Разобрали дроби');
    const dropped = await meeting('Мама просила держать в курсе');
    // Noted for the index as the server's acknowledgement notes a device's own writes (outbox.ts).
    const note = (ids: string[]) =>
      db.transaction('rw', db.searchQueue, () => noteForSearch(db, 'meeting', ids, true));
    await note([shy, other, dropped]);
    while (await indexNextBatch(db));
    const words = async () => (await db.searchIndex.toArray()).flatMap((s) => s.terms);
    expect(await words()).toEqual(expect.arrayContaining(['стесняется', 'мама', 'дроби']));
    await repo.remove('meeting', shy);
    // A sentence taken out of the notes leaves the index too.
    await repo.update('meeting', other, { notes: 'Разобрали задачи' });
    await note([shy, other]);
    // Dropped from the device as a pull's purge drops a record that left the user's scope.
    await db.transaction('rw', [db.records('meeting'), db.searchQueue], async () => {
      await noteForSearch(db, 'meeting', [dropped], false);
      await db.records('meeting').delete(dropped);
    });
    while (await indexNextBatch(db));
    expect(await words()).not.toContain('стесняется');
    expect(await words()).not.toContain('мама');
    expect(await words()).not.toContain('дроби');
    expect((await search(db, 'задачи')).meetings.map((m) => m.id)).toEqual([other]);
  });

  it("finds the pairs of a person named, as mentor or mentee, by the beginnings of the name's words", async () => {
    const db = new NastavnikDb(`search-${Math.random()}`, { indexedDB, IDBKeyRange });
    const repo = createRepository(db);
    const person = async (fullName: string) =>
      ((await repo.create('person', { fullName, kind: 'student' })) as { id: string }).id;
    const mentor = await person('Лебедева Ольга Ивановна');
    const masha = await person('Сидорова Маша');
    const kolya = await person('Петров Коля');
    const pair = async (menteeIds: string[]) =>
      (
        (await repo.create('pair', {
          mentorId: mentor,
          menteeIds,
          form: 'учитель–ученик',
          status: 'active',
        })) as {
          id: string;
        }
      ).id;
    const first = await pair([masha]);
    const second = await pair([kolya]);
    const ids = async (q: string) => (await search(db, q)).pairs.map((p) => p.id).sort();
    expect(await ids('сидоров')).toEqual([first]);
    expect(await ids('Маша Сидорова')).toEqual([first]);
    expect(await ids('петров коля')).toEqual([second]);
    expect(await ids('лебедева')).toEqual([first, second].sort());
    expect(await ids('Сидорова Коля')).toEqual([]);
    expect(await ids('Лебедева Маша')).toEqual([first]);
    // A name with a word of the notes: that pair's meetings and plan with the word.
    const meeting = (pairId: string, notes: string) =>
      repo.create('meeting', { pairId, date: '2026-11-25', kind: 'regular', durationMin: 30, notes });
    await meeting(first, 'Обсудили олимпиаду');
    await meeting(second, 'Обсудили олимпиаду и кружок');
    await meeting(first, 'Разобрали контрольную');
    const { id: planId } = (await repo.create('plan', { pairId: first, menteeId: masha, title: 'План' })) as {
      id: string;
    };
    await repo.create('task', { planId, title: 'Прочитать про олимпиаду', status: 'todo', due: null });
    const notes = async (q: string) => (await search(db, q)).meetings.map((m) => m.fields.notes).sort();
    for (const pass of ['before indexing', 'after']) {
      expect(await notes('сидорова олимпиад'), pass).toEqual(['Обсудили олимпиаду']);
      expect(await notes('олимп петров'), pass).toEqual(['Обсудили олимпиаду и кружок']);
      expect(await notes('маша'), pass).toEqual(['Обсудили олимпиаду', 'Разобрали контрольную']);
      expect(
        (await search(db, 'сидорова олимп')).tasks.map((t) => t.fields.title),
        pass,
      ).toEqual(['Прочитать про олимпиаду']);
      expect((await search(db, 'петров олимп')).tasks, pass).toEqual([]);
      while (await indexNextBatch(db));
    }
    await repo.remove('pair', first);
    expect(await ids('сидоров')).toEqual([]);
  });
});

describe('the words index', () => {
  it('answers the same before and after it is built, and an edit or a delete after it is not misread', async () => {
    const db = new NastavnikDb(`search-${Math.random()}`, { indexedDB, IDBKeyRange });
    const repo = createRepository(db);
    // Written together (as an import would): noted for the index at once.
    const written = await repo.createMany(
      'meeting',
      ['Разобрали пробный вариант ОГЭ', 'Обсудили проект по биологии'].map((notes, i) => ({
        pairId: PAIR,
        date: `2026-11-2${i}`,
        kind: 'regular',
        durationMin: 30,
        notes,
      })),
    );
    const ids = written.ok ? written.ids : [];
    const found = async (q: string) => (await search(db, q)).meetings.map((m) => m.fields.notes);
    expect(await found('вариант огэ')).toEqual(['Разобрали пробный вариант ОГЭ']);
    while (await indexNextBatch(db));
    expect(await db.searchIndex.count()).toBeGreaterThan(0);
    expect(await found('вариант огэ')).toEqual(['Разобрали пробный вариант ОГЭ']);
    expect(await found('биол')).toEqual(['Обсудили проект по биологии']);
    await repo.update('meeting', ids[0] as string, { notes: 'Теперь про химию' });
    expect(await found('вариант')).toEqual([]);
    expect(await found('хим')).toEqual(['Теперь про химию']);
    while (await indexNextBatch(db));
    expect(await found('вариант')).toEqual([]);
    expect(await found('хим')).toEqual(['Теперь про химию']);
    await repo.remove('meeting', ids[1] as string);
    expect(await found('биол')).toEqual([]);
  });

  it("indexes a first pull's records without writing them again", async () => {
    const db = new NastavnikDb(`search-${Math.random()}`, { indexedDB, IDBKeyRange });
    const stamp = '2026-11-25T10:00:00.000Z_0000_server';
    const pulled = ['Разобрали олимпиадные задачи', 'Подготовили доклад'].map((notes, i) => {
      const fields = { pairId: PAIR, date: `2026-11-2${i}`, kind: 'regular', durationMin: 30, notes };
      return {
        id: `0193a3f0-0000-7000-8000-00000000030${i}`,
        type: 'meeting' as const,
        fields,
        stamps: Object.fromEntries(Object.keys(fields).map((k) => [k, stamp])),
      };
    });
    // As a first pull leaves a table: written whole, noted for a pass over it.
    await db.transaction('rw', [db.records('meeting'), db.searchQueue], async () => {
      await db.records('meeting').bulkPut(pulled as never);
      await noteTableForSearch(db, 'meeting');
    });
    let writes = 0;
    const count = () => {
      writes += 1;
    };
    db.records('meeting').hook('creating', count);
    db.records('meeting').hook('updating', count);
    while (await indexNextBatch(db));
    expect(writes).toBe(0);
    expect((await search(db, 'олимп')).meetings.map((m) => m.id)).toEqual([pulled[0]?.id]);
  });
});
