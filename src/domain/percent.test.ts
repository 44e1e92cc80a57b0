import { describe, expect, it } from 'vitest';
import { percentOf } from './percent';

describe('a share in per cent', () => {
  it('rounds to the nearest whole per cent', () => {
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(2, 3)).toBe(67);
    expect(percentOf(1, 2)).toBe(50);
  });
  it('reads 0 % only when none is, and 100 % only when all are', () => {
    expect(percentOf(2, 640)).toBe(1);
    expect(percentOf(0, 640)).toBe(0);
    expect(percentOf(199, 200)).toBe(99);
    expect(percentOf(200, 200)).toBe(100);
  });
  it('is no share of nothing', () => {
    expect(percentOf(0, 0)).toBeNull();
  });
});
