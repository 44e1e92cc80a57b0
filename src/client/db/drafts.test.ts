import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStorage } from '../../../tests/support/memory-storage';
import { unsavedKey } from '../state/unsaved-key';
import { NastavnikDb } from './database';
import { keepCopy } from './draft-mirror';
import { createDrafts, dropDraftsOfErased } from './drafts';
import { createRepository } from './repository';

let db: NastavnikDb;
afterEach(() => db?.close());
const fresh = () => {
  db = new NastavnikDb(`drafts-${Math.random()}`, { indexedDB, IDBKeyRange });
  return createDrafts(db);
};

const KEY = 'meeting:m1';
const base = { value: { notes: 'Заметка', durationMin: '45' }, cursor: '5.all' };

describe('drafts of one form open twice (two tabs)', () => {
  it('keep each tab’s changes, whichever typed last, until each is done with its own', async () => {
    const drafts = fresh();
    await drafts.save(
      KEY,
      { notes: 'Заметка, дополненная в первой вкладке', durationMin: '45' },
      { base, writer: 'A' },
    );
    await drafts.save(KEY, { notes: 'Заметка', durationMin: '60' }, { base, writer: 'B' });
    expect((await drafts.get(KEY))?.value).toEqual({
      notes: 'Заметка, дополненная в первой вкладке',
      durationMin: '60',
    });
    // The first tab takes its change back: that is its own to take.
    await drafts.save(KEY, { notes: 'Заметка', durationMin: '45' }, { base, writer: 'A' });
    expect((await drafts.get(KEY))?.value).toEqual({ notes: 'Заметка', durationMin: '60' });
    await drafts.save(KEY, { notes: 'Заметка. Итог', durationMin: '45' }, { base, writer: 'A' });
    // The second tab saves its meeting and is done: the first tab's typing stays in the draft.
    await drafts.drop(KEY, 'B');
    expect((await drafts.get(KEY))?.value).toEqual({ notes: 'Заметка. Итог', durationMin: '45' });
    await drafts.drop(KEY, 'A');
    expect(await drafts.get(KEY)).toBeUndefined();
  });

  it('a form that restores a draft makes its changes its own', async () => {
    const drafts = fresh();
    await drafts.save(KEY, { notes: 'Набрано до сбоя', durationMin: '45' }, { base, writer: 'old tab' });
    await drafts.adopt(KEY, 'new tab');
    await drafts.save(KEY, { notes: 'Заметка', durationMin: '45' }, { base, writer: 'new tab' });
    expect((await drafts.get(KEY))?.value).toEqual({ notes: 'Заметка', durationMin: '45' });
    await drafts.drop(KEY, 'new tab');
    expect(await drafts.get(KEY)).toBeUndefined();
  });
});

describe('a save a reload cuts off', () => {
  it('comes back when the app starts again, as it would have been saved', async () => {
    const storage = memoryStorage();
    db = new NastavnikDb(`drafts-${Math.random()}`, { indexedDB, IDBKeyRange });
    const drafts = createDrafts(db, Date.now, storage);
    await drafts.save(KEY, { notes: 'Заметка', durationMin: '45' }, { base, writer: 'A' });
    expect(storage.length).toBe(0);
    // The next keystroke's transaction never commits: the page went away (here, IndexedDB refuses it).
    const put = db.drafts.put.bind(db.drafts);
    db.drafts.put = () => Promise.reject(new DOMException('gone', 'AbortError')) as never;
    await drafts.save(KEY, { notes: 'Заметка о цели', durationMin: '45' }, { base, writer: 'A' });
    db.drafts.put = put;
    expect((await drafts.get(KEY))?.value.notes).toBe('Заметка');

    await createDrafts(db, Date.now, storage).recoverCutOff();
    expect((await drafts.get(KEY))?.value).toEqual({ notes: 'Заметка о цели', durationMin: '45' });
    expect((await drafts.get(KEY))?.changedBy).toEqual({ notes: 'A' });
    expect(storage.length).toBe(0);
  });

  it('is not brought back once its form is done with the draft', async () => {
    const storage = memoryStorage();
    db = new NastavnikDb(`drafts-${Math.random()}`, { indexedDB, IDBKeyRange });
    const drafts = createDrafts(db, Date.now, storage);
    db.drafts.put = () => Promise.reject(new DOMException('full', 'QuotaExceededError')) as never;
    expect((await drafts.save(KEY, { notes: 'Сохранена другим путём' }, { base, writer: 'A' })).ok).toBe(
      false,
    );
    // Another tab's form of the same record leaves the copy alone; this form's own drop takes it.
    await drafts.drop(KEY, 'B');
    expect(storage.length).toBe(1);
    await drafts.drop(KEY, 'A');
    expect(storage.length).toBe(0);
  });
});

describe('the drafts of a record erased', () => {
  it('go with the copies of their saves a reload cut off; another record’s stay', async () => {
    const storage = memoryStorage();
    db = new NastavnikDb(`drafts-${Math.random()}`, { indexedDB, IDBKeyRange });
    const [erased, other] = [unsavedKey('person', 'p1', 'needs'), unsavedKey('person', 'p10', 'needs')];
    for (const key of [erased, other]) {
      await db.drafts.put({ key, value: { text: 'Нужна помощь…' }, updatedAt: '' });
      keepCopy(storage, { key, value: { text: 'Нужна помощь с …' }, context: null, token: key });
    }
    await db.transaction('rw', db.drafts, () =>
      dropDraftsOfErased(db, [{ type: 'person', id: 'p1' }], storage),
    );
    expect(await db.drafts.get(erased)).toBeUndefined();
    await createDrafts(db, Date.now, storage).recoverCutOff();
    expect(await db.drafts.get(erased)).toBeUndefined();
    expect((await db.drafts.get(other))?.value).toEqual({ text: 'Нужна помощь с …' });
  });
});

describe('a new record’s draft ended by the write that stores it', () => {
  const PERSON = { fullName: 'Дублев Денис', kind: 'student', minor: false, classOrSubject: null };
  const typed = { fullName: 'Дублев Денис', className: '' };

  it('goes with the record: a reload just after finds no draft to add the person twice', async () => {
    db = new NastavnikDb(`drafts-${Math.random()}`, { indexedDB, IDBKeyRange });
    const drafts = createDrafts(db, Date.now, null);
    const repo = createRepository(db);
    // The first write of a tab reads what it writes from; the second plans from what it knows.
    for (const name of ['Дублев Денис', 'Второв Глеб']) {
      const value = { ...typed, fullName: name };
      await drafts.save('person:new', value, { base: null, writer: 'A' });
      const made = await repo.create('person', { ...PERSON, fullName: name }, undefined, {
        endsDraft: drafts.ending('person:new', value),
      });
      expect(made.ok).toBe(true);
      expect(await drafts.get('person:new')).toBeUndefined();
    }
  });

  it('stays when the record is not stored (a full disk), or was typed into meanwhile', async () => {
    db = new NastavnikDb(`drafts-${Math.random()}`, { indexedDB, IDBKeyRange });
    const drafts = createDrafts(db, Date.now, null);
    const repo = createRepository(db);
    await drafts.save('person:new', typed, { base: null, writer: 'A' });
    const table = db.records('person');
    const put = table.put.bind(table);
    table.put = () => Promise.reject(new DOMException('disk full', 'QuotaExceededError')) as never;
    const refused = await repo.create('person', PERSON, undefined, {
      endsDraft: drafts.ending('person:new', typed),
    });
    table.put = put;
    expect(refused.ok).toBe(false);
    expect((await drafts.get('person:new'))?.value).toEqual(typed);

    // The class typed while the person was being added stays in the draft, for the next one.
    await drafts.save('person:new', { ...typed, className: '7Б' }, { base: null, writer: 'A' });
    const made = await repo.create('person', PERSON, undefined, {
      endsDraft: drafts.ending('person:new', typed),
    });
    expect(made.ok).toBe(true);
    expect((await drafts.get('person:new'))?.value).toEqual({ ...typed, className: '7Б' });
  });

  it("goes with several records written at once (a questionnaire's new version), or stays when they are refused", async () => {
    db = new NastavnikDb(`drafts-${Math.random()}`, { indexedDB, IDBKeyRange });
    const drafts = createDrafts(db, Date.now, null);
    const repo = createRepository(db);
    const edited = { title: 'Анкета, версия 2' };
    await drafts.save('template:edit', edited, { base: null, writer: 'A' });
    const refused = await repo.createMany('formTemplate', [{ title: '', questions: [] }], [], {
      endsDraft: drafts.ending('template:edit', edited),
    });
    expect(refused.ok).toBe(false);
    expect((await drafts.get('template:edit'))?.value).toEqual(edited);
    const made = await repo.createMany('formTemplate', [{ title: edited.title, questions: [] }], [], {
      endsDraft: drafts.ending('template:edit', edited),
    });
    expect(made.ok).toBe(true);
    expect(await drafts.get('template:edit')).toBeUndefined();
  });
});
