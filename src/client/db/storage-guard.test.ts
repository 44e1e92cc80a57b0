import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { NastavnikDb, SCHEMA_VERSIONS } from './database';
import { createDrafts } from './drafts';
import { openDatabase } from './lifecycle';
import { createRepository } from './repository';
import { createStorageGuard, guardDrafts, guardRepository } from './storage-guard';
import type { StorageState } from './storage-state';

const PERSON = { fullName: 'Анна', kind: 'teacher' };

async function tab(name = `guard-${Math.random()}`) {
  const db = new NastavnikDb(name, { indexedDB, IDBKeyRange });
  const states: StorageState[] = [];
  const guard = createStorageGuard(db, (s) => states.push(s));
  await openDatabase(db, { onVersionChange: () => guard.versionChanged(), onBlocked: () => undefined });
  return {
    name,
    db,
    guard,
    states,
    repo: guardRepository(createRepository(db), guard),
    drafts: guardDrafts(createDrafts(db), guard),
  };
}

/** Another tab running a newer app version: it adds a table in the next schema version. */
async function newerVersionOpens(name: string): Promise<Dexie> {
  const newer = new Dexie(name, { indexedDB, IDBKeyRange });
  const latest = Math.max(...Object.keys(SCHEMA_VERSIONS).map(Number));
  for (const [v, stores] of Object.entries(SCHEMA_VERSIONS)) newer.version(Number(v)).stores(stores);
  newer.version(latest + 1).stores({ newTable: 'id' });
  await newer.open();
  return newer;
}

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
};

describe('the storage guard', () => {
  it('reopens a connection closed under the page and writes again', async () => {
    const t = await tab();
    // What Dexie does when the browser drops the connection and it cannot reopen by itself.
    t.db.close({ disableAutoOpen: true });
    const written = await t.repo.create('person', PERSON);
    const saved = await t.drafts.save('meeting:new:x', { notes: 'текст' });
    expect(written.ok && saved.ok).toBe(true);
    expect(await t.db.records('person').count()).toBe(1);
    expect((await t.db.drafts.get('meeting:new:x'))?.value).toEqual({ notes: 'текст' });
    expect(t.states).toEqual(['reopening', 'open']);
    t.db.close();
  });

  it('survives the native connection vanishing (iOS Safari after the background)', async () => {
    const t = await tab();
    t.db.backendDB().close();
    expect((await t.drafts.save('k', { notes: 'после фона' })).ok).toBe(true);
    expect((await t.db.drafts.get('k'))?.value).toEqual({ notes: 'после фона' });
    t.db.close();
  });

  it('gives way to a newer version in another tab, saves every keystroke, and only then says so', async () => {
    const t = await tab();
    const typed: Promise<unknown>[] = [];
    let text = '';
    for (const letter of 'Заметки о встрече') {
      text += letter;
      typed.push(t.drafts.save('meeting:new:p', { notes: text }));
    }
    const newer = newerVersionOpens(t.name);
    // Keystrokes typed once this tab has closed its connection for the other tab's upgrade.
    await until(() => t.guard.state() !== 'open');
    expect(t.db.isOpen()).toBe(false);
    for (const letter of ' и дальше') {
      text += letter;
      typed.push(t.drafts.save('meeting:new:p', { notes: text }));
    }
    await Promise.all(typed);
    const other = await newer;
    await until(() => t.guard.state() === 'upgraded');
    expect(t.states).toContain('upgrading');
    expect((await other.table('drafts').get('meeting:new:p'))?.value).toEqual({ notes: text });
    other.close();
    t.db.close();
  });

  it('says a write is NOT saved when the database cannot be reopened, and writes it on retry', async () => {
    const t = await tab();
    t.db.close({ disableAutoOpen: true });
    const open = t.db.open.bind(t.db);
    t.db.open = () => Promise.reject(new Dexie.OpenFailedError('the disk is gone')) as never;
    const lost = await t.repo.update('person', '0193a3f0-0000-7000-8000-000000000001', PERSON);
    expect(lost).toMatchObject({ ok: false, code: 'closed' });
    expect(t.guard.state()).toBe('lost');
    t.db.open = open;
    expect(await t.guard.retry()).toBe(true);
    expect(t.guard.state()).toBe('open');
    expect(await t.db.records('person').count()).toBe(1);
    t.db.close();
  });

  it('stops on a full disk until the failed autosave is written again', async () => {
    const db = new NastavnikDb(`guard-${Math.random()}`, { indexedDB, IDBKeyRange });
    const states: StorageState[] = [];
    const guard = createStorageGuard(db, (s) => states.push(s));
    let isFull = true;
    const save = () =>
      Promise.resolve(isFull ? { ok: false as const, code: 'quota', reason: 'full' } : { ok: true as const });
    expect((await guard.run('draft:x', save)).ok).toBe(false);
    expect(guard.state()).toBe('full');
    // A button's write reports to its caller and is not written again behind its back.
    await guard.run(null, save);
    isFull = false;
    expect(await guard.retry()).toBe(true);
    expect(states).toEqual(['full', 'open']);
  });
});
