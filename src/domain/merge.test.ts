import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc } from './hlc';
import { diffRecords, mergeRecords, sameRecord } from './merge';
import type { SyncedRecord } from './record';

const ID = '0193a3f0-0000-7000-8000-000000000001';

const stampArb = fc
  .record({
    ms: fc.integer({ min: 0, max: 20 }),
    counter: fc.integer({ min: 0, max: 2 }),
    node: fc.constantFrom('a', 'b', 'c'),
  })
  .map((p) => formatHlc({ ...p, ms: Date.UTC(2026, 0, 1) + p.ms }));

const valueArb = fc.oneof(
  fc.string({ maxLength: 3 }),
  fc.integer({ min: 0, max: 3 }),
  fc.constant(null),
  fc.array(fc.nat(3), { maxLength: 2 }),
);

// Small field names and stamps so that collisions, ties and equal stamps are common.
const recordArb: fc.Arbitrary<SyncedRecord> = fc
  .record({
    entries: fc.dictionary(fc.constantFrom('notes', 'date', 'kind'), fc.tuple(valueArb, stampArb)),
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

const same = (a: SyncedRecord, b: SyncedRecord): void => {
  expect(sameRecord(a, b)).toBe(true);
};

describe('field merge', () => {
  it('is commutative', () => {
    fc.assert(
      fc.property(recordArb, recordArb, (a, b) => same(mergeRecords(a, b), mergeRecords(b, a))),
      { numRuns: 500 },
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(recordArb, recordArb, recordArb, (a, b, c) =>
        same(mergeRecords(mergeRecords(a, b), c), mergeRecords(a, mergeRecords(b, c))),
      ),
      { numRuns: 500 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(recordArb, recordArb, (a, b) => {
        same(mergeRecords(a, a), a);
        const ab = mergeRecords(a, b);
        same(mergeRecords(ab, b), ab);
      }),
      { numRuns: 500 },
    );
  });

  it('takes each field from the later stamp', () => {
    const older = formatHlc({ ms: 1000, counter: 0, node: 'a' });
    const newer = formatHlc({ ms: 2000, counter: 0, node: 'b' });
    const mentor: SyncedRecord = {
      id: ID,
      type: 'task',
      fields: { title: 'Reworded', status: 'todo' },
      stamps: { title: newer, status: older },
    };
    const mentee: SyncedRecord = {
      id: ID,
      type: 'task',
      fields: { title: 'Old', status: 'done' },
      stamps: { title: older, status: newer },
    };
    expect(mergeRecords(mentor, mentee).fields).toEqual({ title: 'Reworded', status: 'done' });
  });

  it('keeps a delete whatever arrives later with older stamps', () => {
    const t = (ms: number) => formatHlc({ ms, counter: 0, node: 'a' });
    const deleted: SyncedRecord = { id: ID, type: 'meeting', fields: {}, stamps: {}, deleted: t(5) };
    const oldEdit: SyncedRecord = {
      id: ID,
      type: 'meeting',
      fields: { notes: 'x' },
      stamps: { notes: t(3) },
    };
    expect(mergeRecords(oldEdit, deleted).deleted).toBe(t(5));
  });

  it('diff gives back exactly what merging needs', () => {
    fc.assert(
      fc.property(recordArb, recordArb, (a, b) => {
        const merged = mergeRecords(a, b);
        const change = diffRecords(a, merged);
        if (change === null) same(a, merged);
        else same(mergeRecords(a, change), merged);
      }),
    );
  });
});
