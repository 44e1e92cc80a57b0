import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClockState } from '../../domain/hlc';
import { NastavnikDb } from './database';
import { settleClock } from './device-clock';
import { getMeta } from './meta';

let db: NastavnikDb;
afterEach(() => db?.close());

const NOW = Date.UTC(2026, 10, 25, 12, 0);
const SERVER_TIME = new Date(NOW).toISOString();

/** The device's clock state after each answer in turn (pulled stamps, its own accepted ones). */
async function settledAfter(...answers: { pulled?: string[]; accepted?: string[]; serverTime?: string }[]) {
  db?.close();
  db = new NastavnikDb(`clock-${Math.random()}`, { indexedDB, IDBKeyRange });
  let recovered: ClockState | null = null;
  for (const a of answers)
    recovered = await db.transaction('rw', db.meta, () =>
      settleClock(
        db,
        { pulled: a.pulled ?? [], accepted: a.accepted ?? [], serverTime: a.serverTime ?? SERVER_TIME },
        NOW,
      ),
    );
  return {
    confirmed: await getMeta<ClockState>(db, 'confirmedClock'),
    clock: await getMeta<ClockState>(db, 'clock'),
    offset: await getMeta<number>(db, 'serverOffset'),
    recovered,
  };
}

describe('the clock the server is known to hold', () => {
  it('is the latest stamp of all pulled and accepted, by time and then counter', async () => {
    const { confirmed } = await settledAfter(
      { pulled: ['2026-11-20T08:00:00.000Z_0003_phone', '2026-11-25T09:30:00.000Z_0001_pc'] },
      { pulled: ['2026-11-24T00:00:00.000Z_0009_zzz'], accepted: ['2026-11-25T09:30:00.000Z_0002_aaa'] },
    );
    expect(confirmed).toMatchObject({ ms: Date.UTC(2026, 10, 25, 9, 30), counter: 2 });
  });

  it('never goes back, and skips what is not a stamp', async () => {
    const later = await settledAfter(
      { pulled: ['2026-11-25T09:30:00.000Z_0001_pc'] },
      { pulled: ['2026-11-20T08:00:00.000Z_0003_phone', 'not a stamp', '2026-13-45T99:00:00.000Z_0001_x'] },
    );
    expect(later.confirmed).toMatchObject({ ms: Date.UTC(2026, 10, 25, 9, 30), counter: 1 });
    const { confirmed } = await settledAfter({ pulled: ['2026-11-20T08:00:00.000Z_0003_phone', 'zzz'] });
    expect(confirmed).toMatchObject({ ms: Date.UTC(2026, 10, 20, 8), counter: 3 });
  });
});

describe("the device's clock after an answer", () => {
  it('observes the latest pulled stamp and keeps the offset of the server time', async () => {
    const { clock, offset, recovered } = await settledAfter({
      pulled: ['2026-11-25T12:00:05.000Z_0007_pc'],
      serverTime: new Date(NOW + 2_000).toISOString(),
    });
    expect(clock).toEqual({ ms: NOW + 5_000, counter: 7 });
    expect(offset).toBe(2_000);
    expect(recovered).toBeNull();
  });

  it('comes back to the server time when it ran two days ahead, and says so', async () => {
    const twoDays = 2 * 24 * 60 * 60 * 1000;
    // The device's own stamp, two days ahead, was never accepted: the server holds nothing that late.
    db?.close();
    db = new NastavnikDb(`clock-${Math.random()}`, { indexedDB, IDBKeyRange });
    await db.meta.put({ key: 'clock', value: { ms: NOW + twoDays, counter: 4 } });
    const recovered = await db.transaction('rw', db.meta, () =>
      settleClock(db, { pulled: [], accepted: [], serverTime: SERVER_TIME }, NOW + twoDays),
    );
    expect(recovered?.ms).toBeLessThan(NOW + twoDays);
    expect(await getMeta<ClockState>(db, 'clock')).toEqual(recovered);
  });
});
