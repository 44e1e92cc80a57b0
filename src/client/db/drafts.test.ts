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
