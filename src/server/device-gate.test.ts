// The turns of one device's requests (device-gate.ts), with answers that close when the test says.
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createDeviceGate } from './device-gate';

/** Something that closes when the test says: an answer, or a connection. */
function closable() {
  const emitter = new EventEmitter() as EventEmitter & { closed: boolean; destroyed: boolean; close(): void };
  emitter.closed = false;
  emitter.destroyed = false;
  emitter.close = () => {
    emitter.closed = true;
    emitter.destroyed = true;
    emitter.emit('close');
  };
  return emitter;
}

/** A request on `connection` (its own by default) and its answer. */
function exchange(connection = closable()) {
  const response = closable();
  const request = { socket: connection, destroyed: false } as unknown as IncomingMessage;
  return { request, response: response as unknown as ServerResponse & { close(): void }, connection };
}

/** `admit` for an exchange. */
const admitting =
  (admit: ReturnType<typeof createDeviceGate>) =>
  (device: string, { request, response }: ReturnType<typeof exchange>) =>
    admit(device, request, response);

/** Whether `promise` has settled once every queued callback has run. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

describe('requests of one device at once', () => {
  it('lets four in, keeps the fifth waiting until one of them is answered; other devices go on', async () => {
    const admit = admitting(createDeviceGate(4));
    const running = Array.from({ length: 4 }, () => exchange());
    for (const r of running) await admit('phone', r);
    const fifth = admit('phone', exchange());
    expect(await isSettled(fifth)).toBe(false);
    expect(await isSettled(admit('other phone', exchange()))).toBe(true);
    running[0]?.response.close();
    expect(await isSettled(fifth)).toBe(true);
  });

  it('gives a place up when a waiting request is cut off, and takes none for one cut off already', async () => {
    const admit = admitting(createDeviceGate(1));
    const first = exchange();
    await admit('phone', first);
    const gone = exchange();
    const waiting = admit('phone', gone);
    gone.response.close();
    // Cut off before its token was checked: its close has come already.
    const cut = exchange();
    cut.response.close();
    expect(await isSettled(admit('phone', cut))).toBe(true);
    first.response.close();
    expect(await isSettled(waiting)).toBe(false);
    // Both gave their place up: the next request goes straight in, and the one after it waits.
    expect(await isSettled(admit('phone', exchange()))).toBe(true);
    expect(await isSettled(admit('phone', exchange()))).toBe(false);
  });

  it('gives back the turns of requests pipelined on a connection that drops, whose answers never close', async () => {
    const admit = admitting(createDeviceGate(4));
    const line = closable();
    // Six requests one after the other on one connection: four in, two waiting; no answer ever closes.
    const pipelined = Array.from({ length: 6 }, () => admit('phone', exchange(line)));
    expect(await Promise.all(pipelined.slice(0, 4).map(isSettled))).toEqual([true, true, true, true]);
    line.close();
    const later = Array.from({ length: 4 }, () => admit('phone', exchange()));
    expect(await Promise.all(later.map(isSettled))).toEqual([true, true, true, true]);
  });
});
