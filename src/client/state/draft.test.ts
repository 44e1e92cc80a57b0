// @vitest-environment happy-dom
// A form's draft in a DOM: typing that comes before the draft has been read (a field shows, and takes
// typing, a moment before its draft is read — longer on a busy disk) is kept, over what is read.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStorage } from '../../../tests/support/memory-storage';
import { NastavnikDb } from '../db/database';
import { createDrafts, type Drafts } from '../db/drafts';
import { type Draft, useDraft } from './draft';

type Task = { title: string; note: string };
const KEY = 'task:new';

let db: NastavnikDb;
afterEach(() => {
  document.body.innerHTML = '';
  db?.close();
});

/** Real drafts on an IndexedDB whose reads of a draft answer only when the test lets them. */
function heldDrafts() {
  db = new NastavnikDb(`draft-hook-${Math.random()}`, { indexedDB, IDBKeyRange });
  const drafts = createDrafts(db, Date.now, memoryStorage());
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const slow: Drafts = {
    ...drafts,
    // (Dexie's promise type is more than the form uses: a plain one stands in.)
    get: (async (key: string) => {
      await held;
      return drafts.get(key);
    }) as unknown as Drafts['get'],
  };
  return { drafts, slow, release: () => act(async () => release()) };
}

/** Mounts a form over `drafts`; answers the draft as the form has it now. */
function mountForm(drafts: Drafts) {
  const seen: { draft: Draft<Task> | null } = { draft: null };
  function Form() {
    seen.draft = useDraft<Task>(drafts, KEY, () => ({ title: '', note: '' }));
    return null;
  }
  const root = document.createElement('div');
  document.body.append(root);
  void act(() => render(h(Form, {}), root));
  return () => seen.draft as Draft<Task>;
}

/** Answers what `read` gives once `isDone` holds for it, or at last whatever it gives (reads land, and
 * the form renders, in their own time). */
async function until<T>(read: () => T | Promise<T>, isDone: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await read();
    if (isDone(value)) return value;
    await act(async () => new Promise((r) => setTimeout(r, 5)));
  }
  return read();
}

const same = (a: unknown) => (b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The draft stored under KEY once it holds `expected`, or at last whatever it holds. */
const storedDraft = (drafts: Drafts, expected: Task) =>
  until(async () => (await drafts.get(KEY))?.value, same(expected));

describe('typing before the draft has been read', () => {
  it('is shown and stored once the form starts from its initial value', async () => {
    const { slow, drafts, release } = heldDrafts();
    const draft = mountForm(slow);
    void act(() => draft().change((v) => ({ ...v, title: 'Прочитать книгу' })));
    expect(draft().value).toBeNull();
    await release();
    const shown = { title: 'Прочитать книгу', note: '' };
    expect(await until(() => draft().value, same(shown))).toEqual(shown);
    expect(await storedDraft(drafts, { title: 'Прочитать книгу', note: '' })).toEqual({
      title: 'Прочитать книгу',
      note: '',
    });
  });

  it('goes over a draft left earlier, which keeps what the typing did not change', async () => {
    const { slow, drafts, release } = heldDrafts();
    await drafts.save(KEY, { title: 'Старое', note: 'Заметка с прошлого раза' });
    const draft = mountForm(slow);
    void act(() => draft().change((v) => ({ ...v, title: 'Новое' })));
    await release();
    const shown = { title: 'Новое', note: 'Заметка с прошлого раза' };
    expect(await until(() => draft().value, same(shown))).toEqual(shown);
    expect(draft().isRestored).toBe(true);
    expect(await storedDraft(drafts, { title: 'Новое', note: 'Заметка с прошлого раза' })).toEqual({
      title: 'Новое',
      note: 'Заметка с прошлого раза',
    });
  });
});

describe('typing while what was saved leaves its draft', () => {
  it('stays in the form, over the next beginning, and is the draft', async () => {
    db = new NastavnikDb(`draft-hook-${Math.random()}`, { indexedDB, IDBKeyRange });
    const drafts = createDrafts(db, Date.now, memoryStorage());
    let letDrop: () => void = () => undefined;
    const dropHeld = new Promise<void>((resolve) => {
      letDrop = resolve;
    });
    let dropStarted: () => void = () => undefined;
    const dropping = new Promise<void>((resolve) => {
      dropStarted = resolve;
    });
    const slow: Drafts = {
      ...drafts,
      drop: (async (key: string, writer?: string) => {
        dropStarted();
        await dropHeld;
        return drafts.drop(key, writer);
      }) as unknown as Drafts['drop'],
    };
    const draft = mountForm(slow);
    await until(
      () => draft().value,
      (v) => v !== null,
    );
    void act(() => draft().change((v) => ({ ...v, title: 'Прочитать книгу' })));
    const submitted = draft().value as Task;
    let typedStays: boolean | null = null;
    const saving = draft()
      .saved(submitted)
      .then((answer) => {
        typedStays = answer;
      });
    // The record is stored; its draft is being dropped, slowly (a busy disk), and the user types on.
    await dropping;
    void act(() => draft().change((v) => ({ ...v, note: 'Следующая задача' })));
    letDrop();
    await act(async () => saving);
    expect(typedStays).toBe(true);
    const next = { title: '', note: 'Следующая задача' };
    expect(draft().value).toEqual(next);
    expect(await storedDraft(drafts, next)).toEqual(next);
  });
});
