import { describe, expect, it } from 'vitest';
import { isMinor, isUnderAge } from './minor';

describe('who is a minor', () => {
  it('is under 18 by the birth date, to the day', () => {
    expect(isUnderAge('2009-09-09', '2026-12-01')).toBe(true);
    expect(isUnderAge('2008-12-01', '2026-11-30')).toBe(true);
    expect(isUnderAge('2008-12-01', '2026-12-01')).toBe(false);
    expect(isUnderAge('2008-02-29', '2026-02-28')).toBe(true);
    expect(isUnderAge('2008-02-29', '2026-03-01')).toBe(false);
    expect(isUnderAge(null, '2026-12-01')).toBe(false);
    expect(isUnderAge('09.09.2009', '2026-12-01')).toBe(false);
  });

  it('is a minor when marked so or by the birth date: a mark «no» does not outweigh a birth date', () => {
    expect(isMinor({ minor: false, birthDate: '2009-09-09' }, '2026-12-01')).toBe(true);
    expect(isMinor({ minor: true, birthDate: '1990-01-01' }, '2026-12-01')).toBe(true);
    expect(isMinor({ minor: false, birthDate: '1990-01-01' }, '2026-12-01')).toBe(false);
    expect(isMinor({}, '2026-12-01')).toBe(false);
  });
});
