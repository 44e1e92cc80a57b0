import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactRecord, expandRecord, stampsOfCompact, unstampedFields } from './compact-record';
import { formatHlc } from './hlc';
import { mergeRecords } from './merge';
import type { SyncedRecord } from './record';

const ID = '0193a3f0-0000-7000-8000-000000000001';
const stampArb = fc
  .record({ ms: fc.integer({ min: 0, max: 5 }), node: fc.constantFrom('a', 'b') })
  .map((p) => formatHlc({ ms: Date.UTC(2026, 0, 1) + p.ms, counter: 0, node: p.node }));
const recordArb: fc.Arbitrary<SyncedRecord> = fc
  .record({
    entries: fc.dictionary(
      fc.constantFrom('notes', 'date', 'kind', 'topics', 'stamp'),
      fc.tuple(fc.oneof(fc.string({ maxLength: 3 }), fc.constant(null), fc.nat(3)), stampArb),
    ),
    deleted: fc.option(stampArb, { nil: undefined }),
  })
  .map(({ entries, deleted }) => {
    const r: SyncedRecord = { id: ID, type: 'meeting', fields: {}, stamps: {} };
    for (const [k, [value, stamp]] of Object.entries(entries)) {
      r.fields[k] = value;
      r.stamps[k] = stamp;
    }
    if (deleted !== undefined) r.deleted = deleted;
    return r;
  });

describe('compact records', () => {
  it('expand what they compact, with or without the type', () => {
    fc.assert(
      fc.property(recordArb, (r) => {
        expect(expandRecord(compactRecord(r))).toEqual(r);
        expect(expandRecord(compactRecord(r, false), 'meeting')).toEqual(r);
        expect(unstampedFields(compactRecord(r))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('take a full record as it is, so a device may hold both forms', () => {
    fc.assert(
      fc.property(recordArb, recordArb, (a, b) => {
        expect(expandRecord(a)).toEqual(a);
        expect(mergeRecords(expandRecord(compactRecord(a)), expandRecord(b))).toEqual(mergeRecords(a, b));
      }),
      { numRuns: 300 },
    );
  });

  it('name a stamp that every field of one write shares once', () => {
    const stamp = '2026-11-25T10:15:30.123Z_0003_d7f3a9c1';
    const older = '2026-11-20T08:00:00.000Z_0000_d7f3a9c1';
    const compact = compactRecord({
      id: ID,
      type: 'meeting',
      fields: { pairId: 'p', date: '2026-11-25', notes: 'x' },
      stamps: { pairId: older, date: stamp, notes: stamp },
    });
    expect(compact).toEqual({
      id: ID,
      type: 'meeting',
      fields: { pairId: 'p', date: '2026-11-25', notes: 'x' },
      stamp,
      stamps: { pairId: older },
    });
    expect(stampsOfCompact({ ...compact, deleted: stamp })).toEqual([stamp, older, stamp]);
  });

  it('leave out a field no stamp covers, and say which', () => {
    const compact = { id: ID, type: 'meeting', fields: { notes: 'x', date: 'y' }, stamps: { notes: 's' } };
    expect(unstampedFields(compact)).toEqual(['date']);
    expect(expandRecord(compact).fields).toEqual({ notes: 'x' });
  });
});
