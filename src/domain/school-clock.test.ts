import { describe, expect, it } from 'vitest';
import { dateCorrection, instantCorrection } from './school-clock';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;
const school = Date.parse('2026-12-01T09:00:00Z');

describe('the correction a device clock takes for dates people see', () => {
  it('is whole days for a date a day or more off, keeping the time of day on the device', () => {
    // A phone a year and 3 hours fast, just after a sync.
    const device = school + YEAR + 3 * HOUR;
    expect(dateCorrection(school - device, school, device + 60_000)).toBe(-YEAR);
    expect(dateCorrection(YEAR, null, school - YEAR)).toBe(YEAR);
  });

  it('is none for hours off: a wrong time zone with the clock set by hand to the wall', () => {
    expect(dateCorrection(-7 * HOUR, school, school + 7 * HOUR)).toBe(0);
    expect(dateCorrection(23 * HOUR, school, school - 23 * HOUR)).toBe(0);
  });

  it('is none once the device clock was set right after the sync, ahead or behind', () => {
    // A year fast at the sync, set right a week later.
    expect(dateCorrection(-YEAR, school, school + 7 * DAY)).toBe(0);
    // A year slow at the sync, set right.
    expect(dateCorrection(YEAR, school, school + DAY)).toBe(0);
    // Not set right: still corrected a month later.
    expect(dateCorrection(-YEAR, school, school + YEAR + 30 * DAY)).toBe(-YEAR);
    expect(dateCorrection(YEAR, school, school - YEAR + 30 * DAY)).toBe(YEAR);
  });

  it('is none for a measurement that is not a number', () => {
    expect(dateCorrection(Number.NaN, school, school)).toBe(0);
  });
});

describe('the correction for instants compared with the server’s', () => {
  it('is the measured offset, to the millisecond, hours too; none once the clock was set right', () => {
    expect(instantCorrection(-7 * HOUR, school, school + 7 * HOUR)).toBe(-7 * HOUR);
    expect(instantCorrection(-YEAR - 5, school, school + YEAR)).toBe(-YEAR - 5);
    expect(instantCorrection(-YEAR, school, school + DAY)).toBe(0);
  });
});
