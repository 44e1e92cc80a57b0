import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc, observe, parseHlc, tick, ZERO_CLOCK } from './hlc';

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
