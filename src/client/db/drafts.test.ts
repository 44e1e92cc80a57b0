import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { NastavnikDb } from './database';
import { createDrafts } from './drafts';

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
  /** localStorage as the browser keeps it, for a test in Node. */
  const memoryStorage = () => {
    const items = new Map<string, string>();
    return {
      get length() {
        return items.size;
      },
      key: (i: number) => [...items.keys()][i] ?? null,
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
    };
  };

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
