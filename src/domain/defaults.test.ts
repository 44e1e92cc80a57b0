import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultStamp, isDefaultStamp, missingDefaults } from './defaults';
import { formatHlc } from './hlc';
import { mergeRecords } from './merge';
import type { Fields, SyncedRecord } from './record';

const ID = '00000000-0000-8000-8000-000000000001';
const DEFAULTS = { schoolName: null, directorName: null, studentsTotal: 0, targetShare: 70 };

/** A device makes the record on first edit: the defaults it lacks, then what its user typed. */
function firstEdit(node: string, typed: Fields, ms: number): SyncedRecord {
  const defaults = missingDefaults(undefined, ID, 'programme', DEFAULTS, typed, node) ?? {
    id: ID,
    type: 'programme',
    fields: {},
    stamps: {},
  };
  const stamp = formatHlc({ ms, counter: 0, node });
  return mergeRecords(defaults, {
    id: ID,
    type: 'programme',
    fields: typed,
    stamps: Object.fromEntries(Object.keys(typed).map((k) => [k, stamp])),
  });
}

describe('defaults are not edits', () => {
  it('stamps defaults before every real stamp, and knows them', () => {
    expect(defaultStamp('d1')).toBe('1970-01-01T00:00:00.000Z_0000_d1');
    expect(isDefaultStamp(defaultStamp('server'))).toBe(true);
    expect(isDefaultStamp(formatHlc({ ms: 1, counter: 0, node: 'd1' }))).toBe(false);
    expect(isDefaultStamp(undefined)).toBe(false);
  });

  it('fills only what the record lacks and what is not being typed', () => {
    const existing: SyncedRecord = {
      id: ID,
      type: 'programme',
      fields: { schoolName: 'Школа № 5' },
      stamps: { schoolName: formatHlc({ ms: Date.UTC(2026, 8, 1), counter: 0, node: 'a' }) },
    };
    const change = missingDefaults(existing, ID, 'programme', DEFAULTS, { studentsTotal: 900 }, 'b');
    expect(change?.fields).toEqual({ directorName: null, targetShare: 70 });
    expect(Object.values(change?.stamps ?? {})).toEqual([defaultStamp('b'), defaultStamp('b')]);
    const full = {
      ...existing,
      fields: { ...DEFAULTS },
      stamps: { schoolName: 'x', directorName: 'x', studentsTotal: 'x', targetShare: 'x' },
    };
    expect(missingDefaults(full, ID, 'programme', DEFAULTS, {}, 'b')).toBeNull();
  });

  it('two devices that make the same record offline keep every value either typed, in any order', () => {
    const field = fc.constantFrom(...Object.keys(DEFAULTS));
    fc.assert(
      fc.property(
        fc.uniqueArray(field, { maxLength: 4 }),
        fc.uniqueArray(field, { maxLength: 4 }),
        fc.integer({ min: 1, max: 1e12 }),
        fc.integer({ min: 1, max: 1e12 }),
        (typedA, typedB, msA, msB) => {
          // Each device types its own fields (a field typed on both is an ordinary concurrent edit).
          const onlyB = typedB.filter((f) => !typedA.includes(f));
          const a = firstEdit('device-a', Object.fromEntries(typedA.map((f) => [f, `A:${f}`])), msA);
          const b = firstEdit('device-b', Object.fromEntries(onlyB.map((f) => [f, `B:${f}`])), msB);
          for (const merged of [mergeRecords(a, b), mergeRecords(b, a)]) {
            for (const f of typedA) expect(merged.fields[f]).toBe(`A:${f}`);
            for (const f of onlyB) expect(merged.fields[f]).toBe(`B:${f}`);
            expect(Object.keys(merged.fields).sort()).toEqual(Object.keys(DEFAULTS).sort());
          }
          expect(mergeRecords(a, b)).toEqual(mergeRecords(b, a));
        },
      ),
    );
  });
});
