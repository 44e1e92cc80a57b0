// A scripted device for server tests: its own HLC and helpers to build contract changes.
import { uuidv7 } from 'uuidv7';
import { type ClockState, observe, parseHlc, tick, ZERO_CLOCK } from '../../src/domain/hlc';
import type { Change, Fields } from '../../src/domain/record';

export function createStamper(node: string, now: () => number = Date.now) {
  let state: ClockState = ZERO_CLOCK;
  return {
    stamp(): string {
      const r = tick(state, now(), node);
      state = r.state;
      return r.stamp;
    },
    observe(stamp: string) {
      const p = parseHlc(stamp);
      if (p) state = observe(state, p, now());
    },
  };
}

export type Stamper = ReturnType<typeof createStamper>;

export function change(stamper: Stamper, type: string, fields: Fields, id: string = uuidv7()): Change {
  const stamp = stamper.stamp();
  return { id, type, fields, stamps: Object.fromEntries(Object.keys(fields).map((k) => [k, stamp])) };
}

export function deletion(stamper: Stamper, type: string, id: string): Change {
  return { id, type, fields: {}, stamps: {}, deleted: stamper.stamp() };
}
