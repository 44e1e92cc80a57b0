import { describe, expect, it } from 'vitest';
import { isPhoneNumbers } from './export-cell';

describe('a text that is phone numbers only', () => {
  it('is one or more numbers in the ways people write them', () => {
    for (const text of [
      '+7 912 345-67-89',
      '+7 (912) 345-67-89',
      '+79123456789',
      '+7-912-345-67-89',
      '+7 912 345-67-89, +7 900 000-00-01',
      '+7 912 345-67-89; 8 900 000-00-01',
    ])
      expect(isPhoneNumbers(text), text).toBe(true);
  });

  it('is not anything with a letter or a sign a formula could use, nor a short sum', () => {
    for (const text of [
      '+7 912 345-67-89 (мама)',
      '+HYPERLINK("x")',
      '+1+1',
      '+7*2',
      '=7',
      '-79123456789',
      '@7',
      "+7 912'",
      '+1-1',
      '+7 912 345-67-89,',
      'Телефон: +7 912 345-67-89',
    ])
      expect(isPhoneNumbers(text), text).toBe(false);
  });
});
