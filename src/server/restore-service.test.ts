import { describe, expect, it } from 'vitest';
import { checkedRecords, mendText } from './restore-service';

const stamp = '2026-11-01T10:00:00.000Z_0000_old';
const material = (i: number) => ({
  id: `0193a3f0-0000-7000-8000-${String(i).padStart(12, '0')}`,
  type: 'material',
  fields: { title: `Памятка ${i}` },
  stamps: { title: stamp },
});
const now = Date.parse('2026-11-30T12:00:00Z');

describe('the records of a file to restore', () => {
  it('are checked in turns: other requests are answered while a large file is checked', async () => {
    let answeredMeanwhile = false;
    setImmediate(() => {
      answeredMeanwhile = true;
    });
    const result = await checkedRecords(
      Array.from({ length: 2_000 }, (_, i) => material(i)),
      now,
    );
    expect('records' in result && result.records).toHaveLength(2_000);
    expect(answeredMeanwhile).toBe(true);
  });

  it('stop at the first broken record: what follows it is never looked at', async () => {
    const records: unknown[] = [material(0), { ...material(1), id: 'not-an-id' }];
    Object.defineProperty(records, 2, {
      get() {
        throw new Error('a record after the broken one was read');
      },
      enumerable: true,
    });
    records.length = 10_000;
    const result = await checkedRecords(records, now);
    expect(result).toEqual({ problem: expect.stringMatching(/^records\.1\.id: /) });
  });
});

describe('text of a backup made before U+0000 was refused', () => {
  it('is mended in values and keys, as deep as it goes', () => {
    const mended = mendText({ a: ['x\u0000y', { 'k\u0000': 'half \ud800' }], b: 7 });
    expect(mended).toEqual({ a: ['x\uFFFDy', { 'k\uFFFD': 'half \uFFFD' }], b: 7 });
  });

  it('is mended within a bound: a value of millions of entries costs no more than a real record', () => {
    const huge = Array.from({ length: 60_000 }, () => 'x\u0000');
    const mended = mendText({ huge }) as { huge: string[] };
    // Left as it was (the checks refuse it for its size), not walked to its end.
    expect(mended.huge[59_999]).toBe('x\u0000');
  });
});

describe('mending, nested', () => {
  it('stops at the bound however the arrays nest: what it takes on counts, not only what it visits', () => {
    // 10 arrays of 9,999 items, each the last item of the one before: 100,000 values in all.
    let inner: unknown[] = Array.from({ length: 9_999 }, () => 'x\u0000');
    const deepest = inner;
    for (let i = 0; i < 9; i++) inner = [...Array.from({ length: 9_998 }, () => 'y\u0000'), inner];
    mendText({ inner });
    // Left as it was: the walk stopped on taking on too many, before it reached the deepest array (a
    // bound on visits alone went down the chain and mended it, having taken on 90,000 values first).
    expect(deepest[9_998]).toBe('x\u0000');
  });
});
