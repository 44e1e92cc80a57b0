// The turns of one device's requests (device-gate.ts), with answers that close when the test says.
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createDeviceGate } from './device-gate';

/** An answer that closes (sent, failed or cut off) when `close()` is called. */
function answer() {
  const emitter = new EventEmitter() as EventEmitter & { closed: boolean; close(): void };
  emitter.closed = false;
  emitter.close = () => {
    emitter.closed = true;
    emitter.emit('close');
  };
  return emitter as unknown as ServerResponse & { close(): void };
}

/** Whether `promise` has settled once every queued callback has run. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

describe('requests of one device at once', () => {
  it('lets four in, keeps the fifth waiting until one of them is answered; other devices go on', async () => {
    const admit = createDeviceGate(4);
    const running = Array.from({ length: 4 }, answer);
    for (const r of running) await admit('phone', r);
    const fifth = admit('phone', answer());
    expect(await isSettled(fifth)).toBe(false);
    expect(await isSettled(admit('other phone', answer()))).toBe(true);
    running[0]?.close();
    expect(await isSettled(fifth)).toBe(true);
  });

  it('gives a place up when a waiting request is cut off, and takes none for one cut off already', async () => {
    const admit = createDeviceGate(1);
    const first = answer();
    await admit('phone', first);
    const gone = answer();
    const waiting = admit('phone', gone);
    gone.close();
    // Cut off before its token was checked: its close has come already.
    const cut = answer();
    cut.close();
    expect(await isSettled(admit('phone', cut))).toBe(true);
    first.close();
    expect(await isSettled(waiting)).toBe(false);
    // Both gave their place up: the next request goes straight in, and the one after it waits.
    const next = answer();
    expect(await isSettled(admit('phone', next))).toBe(true);
    expect(await isSettled(admit('phone', answer()))).toBe(false);
  });
});
