import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../domain/hlc';
import { packStamp, toStored, unpackStamp } from './record-codec';

describe('records at rest', () => {
  it('keep a stamp shorter, and give the very same stamp back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Date.UTC(9999, 11, 31) }),
        fc.integer({ min: 0, max: 9999 }),
        fc.stringMatching(/^[A-Za-z0-9-]{1,64}$/),
        (ms, counter, node) => {
          const stamp = formatHlc({ ms, counter, node });
          expect(packStamp(stamp).length).toBeLessThan(stamp.length);
          expect(unpackStamp(packStamp(stamp))).toBe(stamp);
        },
      ),
      { numRuns: 500 },
    );
    expect(unpackStamp(packStamp('not a stamp'))).toBe('not a stamp');
  });

  it('put a meeting in the index of recent meetings only when it was recent when written', () => {
    const now = Date.UTC(2026, 10, 29);
    const meeting = (date: string) => ({
      id: 'm',
      type: 'meeting',
      fields: { date },
      stamps: { date: '2026-11-29T10:00:00.000Z_0000_a' },
    });
    expect(toStored(meeting('2026-11-20'), 'meeting', now).recentDay).toBe('2026-11-20');
    expect(toStored(meeting('2027-01-20'), 'meeting', now).recentDay).toBe('2027-01-20');
    expect(toStored(meeting('2026-09-01'), 'meeting', now).recentDay).toBeUndefined();
    expect(toStored(meeting('2026-11-20'), 'task', now).recentDay).toBeUndefined();
  });
});
