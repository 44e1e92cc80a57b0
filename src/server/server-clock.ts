// The server's own hybrid logical clock, for the records it writes itself (the first curator, conflict copies).
import { type ClockState, observe, parseHlc, tick, ZERO_CLOCK } from '../domain/hlc';

export const SERVER_NODE = 'server';

export type ServerClock = { stamp(): string; observe(stamp: string): void; now(): number };

export function createServerClock(now: () => number = Date.now): ServerClock {
  let state: ClockState = ZERO_CLOCK;
  return {
    now,
    stamp() {
      const r = tick(state, now(), SERVER_NODE);
      state = r.state;
      return r.stamp;
    },
    observe(stamp) {
      const parts = parseHlc(stamp);
      if (parts) state = observe(state, parts, now());
    },
  };
}
