import { describe, expect, it } from 'vitest';
import { birthDateOf, parseDay } from './import-dates';

const TODAY = '2026-09-01';

describe('a birth date in a class list', () => {
  it('reads every shape a school’s file gives it to the same day', () => {
    for (const text of [
      '03.05.2012',
      '3.5.2012',
      '2012-05-03',
      '41032',
      '03.05.2012 г.',
      '03.05.2012г',
      '3 мая 2012',
      '03 мая 2012 г.',
      // 1C and Excel's CSV of a date-time column; a journal's ISO export.
      '03.05.2012 0:00:00',
      '03.05.2012 0:00',
      '2012-05-03 00:00:00',
      '2012-05-03T00:00:00',
      '2012-05-03T00:00:00.000Z',
    ])
      expect(parseDay(text, TODAY), text).toBe('2012-05-03');
  });

  it('reads no day out of a time other than midnight, nor a month that is not one', () => {
    // A browser's midnight in Moscow written in UTC is the day before: not guessed.
    for (const text of ['2012-05-02T21:00:00Z', '03.05.2012 13:45', '3 мартобря 2012', '31 февраля 2012'])
      expect(parseDay(text, TODAY), text).toBeNull();
  });

  it('is a date cell, a text or nothing; anything else is an error naming the column and the value', () => {
    expect(birthDateOf({ kind: 'date', iso: '2012-05-03' }, 'Д.р.', TODAY)).toEqual({
      ok: true,
      day: '2012-05-03',
    });
    expect(birthDateOf(' 03.05.2012 ', 'Д.р.', TODAY)).toEqual({ ok: true, day: '2012-05-03' });
    expect(birthDateOf('', 'Д.р.', TODAY)).toEqual({ ok: true, day: null });
    expect(birthDateOf('скоро', 'Д.р.', TODAY)).toEqual({
      ok: false,
      error: { code: 'badBirthDate', params: { column: 'Д.р.', value: 'скоро' } },
    });
    expect(birthDateOf({ kind: 'error', shown: '#N/A' }, 'Д.р.', TODAY)).toEqual({
      ok: false,
      error: { code: 'cellError', params: { column: 'Д.р.', value: '#N/A' } },
    });
    // More than 120 years ago is no one's: Excel's zero in either date system, a year typed wrong.
    for (const [cell, value] of [
      [{ kind: 'date', iso: '1899-12-30' }, '30.12.1899'],
      [{ kind: 'date', iso: '1904-01-01' }, '01.01.1904'],
      ['01.03.1906', '01.03.1906'],
    ] as const)
      expect(birthDateOf(cell, 'Д.р.', TODAY)).toEqual({
        ok: false,
        error: { code: 'ancientBirthDate', params: { column: 'Д.р.', value } },
      });
    expect(birthDateOf('02.09.1906', 'Д.р.', TODAY)).toEqual({ ok: true, day: '1906-09-02' });
    expect(birthDateOf({ kind: 'date', iso: '2030-01-01' }, 'Д.р.', TODAY)).toEqual({
      ok: false,
      error: { code: 'futureBirthDate', params: { column: 'Д.р.', value: '01.01.2030' } },
    });
  });
});
