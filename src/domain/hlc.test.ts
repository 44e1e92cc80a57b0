import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc, laterClock, observe, parseHlc, recoverClock, tick, ZERO_CLOCK } from './hlc';

const T0 = Date.UTC(2026, 10, 25, 10, 15, 30, 123);

describe('HLC stamps', () => {
  it('formats exactly as the contract shows', () => {
    expect(formatHlc({ ms: T0, counter: 3, node: 'd7f3a9c1' })).toBe(
      '2026-11-25T10:15:30.123Z_0003_d7f3a9c1',
    );
  });

  it('parses only well-formed stamps', () => {
    expect(parseHlc('2026-11-25T10:15:30.123Z_0003_d7f3a9c1')).toEqual({
      ms: T0,
      counter: 3,
      node: 'd7f3a9c1',
    });
    for (const bad of [
      '2026-11-25T10:15:30Z_0003_d',
      '2026-11-25T10:15:30.123Z_3_d',
      '2026-11-25T10:15:30.123Z_0003_',
      '2026-11-25T10:15:30.123Z_0003_a_b',
      '2026-13-25T10:15:30.123Z_0003_d',
      `2026-11-25T10:15:30.123Z_0003_${'x'.repeat(65)}`,
    ]) {
      expect(parseHlc(bad), bad).toBeNull();
    }
  });

  it('orders successive local writes even when the wall clock stands still or goes back', () => {
    let state = ZERO_CLOCK;
    const stamps: string[] = [];
    for (const now of [T0, T0, T0 - 5000, T0 + 1, T0 + 1, T0 - 60_000]) {
      const r = tick(state, now, 'a');
      state = r.state;
      stamps.push(r.stamp);
    }
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it('carries into the next millisecond after 9999 writes in one', () => {
    const r = tick({ ms: T0, counter: 9999 }, T0, 'a');
    expect(r.stamp).toBe(formatHlc({ ms: T0 + 1, counter: 0, node: 'a' }));
  });

  it('a device with a slow clock still writes after what it has seen', () => {
    const remote = { ms: T0 + 3_600_000, counter: 7 };
    const seen = observe(ZERO_CLOCK, remote, T0);
    const { stamp } = tick(seen, T0, 'slow');
    expect(stamp > formatHlc({ ...remote, node: 'zzzz' })).toBe(true);
  });

  it('string order equals (time, counter, node) order', () => {
    const part = fc.record({
      ms: fc.integer({ min: 0, max: Date.UTC(9999, 0, 1) }),
      counter: fc.integer({ min: 0, max: 9999 }),
      node: fc.stringMatching(/^[A-Za-z0-9-]{1,8}$/),
    });
    fc.assert(
      fc.property(part, part, (a, b) => {
        const sa = formatHlc(a);
        const sb = formatHlc(b);
        const byParts =
          a.ms - b.ms || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
        const byString = sa < sb ? -1 : sa > sb ? 1 : 0;
        expect(Math.sign(byString)).toBe(Math.sign(byParts));
      }),
    );
  });

  it('every stamp a clock issues is greater than all it issued or observed before', () => {
    const event = fc.oneof(
      fc.record({ kind: fc.constant('tick' as const), now: fc.integer({ min: 0, max: 2e12 }) }),
      fc.record({
        kind: fc.constant('observe' as const),
        now: fc.integer({ min: 0, max: 2e12 }),
        remote: fc.record({
          ms: fc.integer({ min: 0, max: 2e12 }),
          counter: fc.integer({ min: 0, max: 9999 }),
        }),
      }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 50 }), (events) => {
        let state = ZERO_CLOCK;
        let highest = '';
        for (const e of events) {
          if (e.kind === 'tick') {
            const r = tick(state, e.now, 'n');
            expect(r.stamp > highest).toBe(true);
            highest = r.stamp;
            state = r.state;
          } else {
            state = observe(state, e.remote, e.now);
            const seen = formatHlc({ ...e.remote, node: 'n' });
            if (seen > highest) highest = seen;
          }
        }
      }),
    );
  });
});

describe('a clock that was wrong', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const server = T0;

  it('comes back to the server’s time after a sync when it ran beyond what the server accepts', () => {
    const ahead = tick(ZERO_CLOCK, server + 2 * DAY, 'phone').state;
    expect(recoverClock(ahead, server, ZERO_CLOCK, DAY)).toEqual({ ms: server, counter: 0 });
    // Its next write, with the date put right, is stamped at the real time again.
    const back = recoverClock(ahead, server, ZERO_CLOCK, DAY) ?? ahead;
    expect(parseHlc(tick(back, server + 1000, 'phone').stamp)?.ms).toBe(server + 1000);
  });

  it('never goes back before a stamp the server accepted', () => {
    const ahead = { ms: server + 3 * DAY, counter: 0 };
    const accepted = { ms: server + 20 * 60 * 60 * 1000, counter: 4 };
    const back = recoverClock(ahead, server, accepted, DAY);
    expect(back).toEqual(accepted);
    const next = tick(back ?? ahead, server, 'phone').stamp;
    expect(next > formatHlc({ ...accepted, node: 'phone' })).toBe(true);
  });

  it('is left alone while within what the contract allows', () => {
    expect(recoverClock({ ms: server + DAY, counter: 9 }, server, ZERO_CLOCK, DAY)).toBeNull();
    expect(recoverClock({ ms: server - DAY, counter: 0 }, server, ZERO_CLOCK, DAY)).toBeNull();
  });

  it('orders clock states', () => {
    expect(laterClock({ ms: 5, counter: 1 }, { ms: 5, counter: 2 })).toEqual({ ms: 5, counter: 2 });
    expect(laterClock({ ms: 6, counter: 0 }, { ms: 5, counter: 9 })).toEqual({ ms: 6, counter: 0 });
  });
});
