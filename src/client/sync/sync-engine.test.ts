import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { NastavnikDb } from '../db/database';
import { getMeta, getSyncStatus, SESSION_KEY, setMeta } from '../db/meta';
import { createRepository } from '../db/repository';
import { BACKOFF_CAP_MS, backoffDelay } from './backoff';
import { createSyncScheduler } from './scheduler';
import { createSyncEngine, webLockRunner } from './sync-engine';
import type { Transport, TransportResult } from './transport';

async function deviceWithOneChange() {
  const db = new NastavnikDb(`engine-${Math.random()}`, { indexedDB, IDBKeyRange });
  await setMeta(db, SESSION_KEY, { token: 't', personId: 'p', role: 'mentor', schoolId: 's', deviceId: 'd' });
  await createRepository(db).create('person', { fullName: 'Анна', kind: 'teacher' });
  return db;
}

/** A server answer with nothing to pull. */
const nothingNew = (): TransportResult => ({
  ok: true,
  body: {
    cursor: '1.all',
    changes: [],
    hasMore: false,
    rejected: [],
    purge: [],
    serverTime: new Date().toISOString(),
  },
});

/** A server that answers only once released, so that syncs overlap; it counts the calls. */
function heldServer() {
  let calls = 0;
  let release: (value?: unknown) => void = () => undefined;
  const released = new Promise((resolve) => (release = resolve));
  const transport: Transport = async () => {
    calls += 1;
    await released;
    return nothingNew();
  };
  return { transport, calls: () => calls, release: () => release() };
}

describe('sync engine failures', () => {
  it('a server that needs a newer app answers 426: the outbox is kept and the status says so', async () => {
    const db = await deviceWithOneChange();
    const transport: Transport = async () => ({ ok: false, status: 426, reason: 'update' });
    expect(await createSyncEngine({ db, transport }).syncOnce()).toBe('upgrade-required');
    expect(await db.outbox.count()).toBe(1);
    expect(await getMeta(db, 'sendingUpTo')).toBe(0);
    expect((await getSyncStatus(db)).error).toBe('upgrade-required');
  });

  it('a failure of the device’s own database is the device’s, not the server’s, and keeps the outbox', async () => {
    const db = await deviceWithOneChange();
    // The answer arrives, and the connection under the page is gone by the time it is written.
    const transport: Transport = async () => {
      db.close({ disableAutoOpen: true });
      return nothingNew();
    };
    expect(await createSyncEngine({ db, transport }).syncOnce()).toBe('storage');
    await db.open();
    expect(await db.outbox.count()).toBe(1);
  });

  it('offline: nothing is lost and the change goes out on the next try', async () => {
    const db = await deviceWithOneChange();
    let isOnline = false;
    const sent: unknown[] = [];
    const transport: Transport = async (request) => {
      if (!isOnline) return { ok: false, status: 0, reason: 'offline' };
      sent.push(...request.changes);
      return nothingNew();
    };
    const engine = createSyncEngine({ db, transport });
    expect(await engine.syncOnce()).toBe('offline');
    expect(await db.outbox.count()).toBe(1);
    isOnline = true;
    expect(await engine.syncOnce()).toBe('ok');
    expect(sent).toHaveLength(1);
    expect(await db.outbox.count()).toBe(0);
    const status = await getSyncStatus(db);
    expect(status.error).toBeNull();
    expect(status.lastSuccessAt).toEqual(expect.any(String));
  });

  it('only one sync runs at a time', async () => {
    const db = await deviceWithOneChange();
    const { transport, calls, release } = heldServer();
    const engine = createSyncEngine({ db, transport });
    const first = engine.syncOnce();
    expect(await engine.syncOnce()).toBe('busy');
    release();
    expect(await first).toBe('ok');
    expect(calls()).toBe(1);
  });

  it('a sync the user asks for while another runs waits its turn and then syncs', async () => {
    const db = await deviceWithOneChange();
    const { transport, calls, release } = heldServer();
    // Two engines on one lock: the tabs of one device.
    const lock = webLockRunner(`tabs-${Math.random()}`);
    const background = createSyncEngine({ db, transport, lock });
    const scheduler = createSyncScheduler({ engine: background });
    const otherTab = createSyncEngine({ db, transport, lock }).syncOnce();
    expect(await background.syncOnce()).toBe('busy');
    const asked = scheduler.syncNow();
    release();
    expect(await asked).toBe('ok');
    expect(await otherTab).toBe('ok');
    expect(calls()).toBe(2);
  });
});

describe('backoff', () => {
  it('grows exponentially, is jittered, and is capped', () => {
    expect(backoffDelay(1, () => 1)).toBe(2_000);
    expect(backoffDelay(3, () => 1)).toBe(8_000);
    expect(backoffDelay(30, () => 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(5, () => 0)).toBe(1_000);
    const spread = new Set(Array.from({ length: 20 }, () => backoffDelay(6)));
    expect(spread.size).toBeGreaterThan(10);
  });
});
