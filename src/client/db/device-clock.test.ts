import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClockState } from '../../domain/hlc';
import { NastavnikDb } from './database';
import { noteConfirmed } from './device-clock';
import { getMeta } from './meta';

let db: NastavnikDb;
afterEach(() => db?.close());

const confirmedAfter = async (...pages: string[][]) => {
  db = new NastavnikDb(`clock-${Math.random()}`, { indexedDB, IDBKeyRange });
  for (const stamps of pages) await db.transaction('rw', db.meta, () => noteConfirmed(db, stamps));
  return getMeta<ClockState>(db, 'confirmedClock');
};

describe('the clock the server is known to hold', () => {
  it('is the latest stamp of all pulled, by time and then counter', async () => {
    expect(
      await confirmedAfter(
        ['2026-11-20T08:00:00.000Z_0003_phone', '2026-11-25T09:30:00.000Z_0001_pc'],
        ['2026-11-25T09:30:00.000Z_0002_aaa', '2026-11-24T00:00:00.000Z_0009_zzz'],
      ),
    ).toMatchObject({ ms: Date.UTC(2026, 10, 25, 9, 30), counter: 2 });
  });

  it('never goes back, and skips what is not a stamp', async () => {
    expect(
      await confirmedAfter(
        ['2026-11-25T09:30:00.000Z_0001_pc'],
        ['2026-11-20T08:00:00.000Z_0003_phone', 'not a stamp', '2026-13-45T99:00:00.000Z_0001_x'],
      ),
    ).toMatchObject({ ms: Date.UTC(2026, 10, 25, 9, 30), counter: 1 });
    expect(await confirmedAfter(['2026-11-20T08:00:00.000Z_0003_phone', 'zzz'])).toMatchObject({
      ms: Date.UTC(2026, 10, 20, 8),
      counter: 3,
    });
  });
});
