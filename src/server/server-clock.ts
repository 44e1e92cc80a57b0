// The server's own hybrid logical clock, for the records it writes itself (the first curator, conflict copies).
import { type ClockState, latestOf, observe, parseHlc, tick, ZERO_CLOCK } from '../domain/hlc';

export const SERVER_NODE = 'server';

export type ServerClock = {
  stamp(): string;
  /**
   * A stamp later than every stamp of `record` (the stored version the server is about to change): the
   * clock lives in one process's memory, so after a restart, or in a second process, it may be behind
   * stamps it gave before (it had followed a device's clock ahead) — and a device would keep the older
   * value for good.
   */
  stampPast(record: { stamps: Readonly<Record<string, string>>; deleted?: string } | undefined): string;
  observe(stamp: string): void;
  now(): number;
};

export function createServerClock(now: () => number = Date.now): ServerClock {
  let state: ClockState = ZERO_CLOCK;
  const stamp = () => {
    const r = tick(state, now(), SERVER_NODE);
    state = r.state;
    return r.stamp;
  };
  const observeStamp = (s: string) => {
    const parts = parseHlc(s);
    if (parts) state = observe(state, parts, now());
  };
  return {
    now,
    stamp,
    stampPast(record) {
      if (record) observeStamp(latestOf([...Object.values(record.stamps), record.deleted ?? '']));
      return stamp();
    },
    observe: observeStamp,
  };
}
