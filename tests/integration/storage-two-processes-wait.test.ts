// Two server processes on one SQLite file: a transaction that finds the other writing waits for it
// without holding up its own process — SQLite's own wait blocked the thread (health, every request) and
// gave up after 5 s with a 500. (Found by an attack round.) PostgreSQL waits on its locks by itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { databaseConfig, openStorage } from '../../src/server/config';
import { TEST_ENGINE } from '../support/test-storage';

it.runIf(TEST_ENGINE === 'sqlite')(
  'a write waiting for the other process’s leaves this process free, and goes through once it ends',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nastavnik-busy-'));
    const first = await openStorage(databaseConfig(undefined, dir));
    const second = await openStorage(databaseConfig(undefined, dir));
    try {
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let isHolding = false;
      const long = first.transaction(async (tx) => {
        await tx.lockSchool('s1').catch(() => undefined);
        await tx.addEnrolFailure('hold', 1, 0);
        isHolding = true;
        await held;
      });
      await expect.poll(() => isHolding).toBe(true);
      let isDone = false;
      const waiting = second
        .transaction(async (tx) => tx.addEnrolFailure('after', 2, 0))
        .then(() => {
          isDone = true;
        });
      // The second process goes on: its timers run while its write waits.
      let ticks = 0;
      const timer = setInterval(() => {
        ticks += 1;
      }, 5);
      await expect.poll(() => ticks, { timeout: 5_000 }).toBeGreaterThan(10);
      clearInterval(timer);
      expect(isDone).toBe(false);
      release();
      await long;
      await waiting;
      const noted = await second.transaction((tx) => tx.enrolFailures('after', 0, 10));
      expect(noted.count).toBe(1);
    } finally {
      await first.close();
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
