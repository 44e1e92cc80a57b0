import { describe, expect, it } from 'vitest';
import { loadAllStrings, setLanguage } from '../i18n/i18n';
import { isTooLong, lengthNote, longestLine } from './text-limit';

describe('a text field’s limit', () => {
  it('is silent well under it, counts near it and says over it by how much, in the user’s words', async () => {
    await loadAllStrings();
    await setLanguage('ru');
    expect(lengthNote('а'.repeat(449), 500)).toBeNull();
    expect(lengthNote('а'.repeat(450), 500)).toEqual({ text: '450 из 500 знаков', isOver: false });
    expect(lengthNote('а'.repeat(500), 500)?.isOver).toBe(false);
    const over = lengthNote('а'.repeat(600), 500);
    expect(over?.isOver).toBe(true);
    expect(over?.text).toContain('600 знаков');
    expect(over?.text).toContain('не больше 500');
    expect(lengthNote('а'.repeat(600), undefined)).toBeNull();
    await setLanguage('en');
    expect(lengthNote('a'.repeat(95), 100)?.text).toBe('95 of 100 characters');
    await setLanguage('ru');
  });

  it('refuses only a text over its limit', () => {
    expect(isTooLong('а'.repeat(500), 500)).toBe(false);
    expect(isTooLong('а'.repeat(501), 500)).toBe(true);
    expect(isTooLong('а'.repeat(10_000), undefined)).toBe(false);
  });
});

describe('a list typed one item a line', () => {
  it('counts its longest line against the limit of one item', () => {
    expect(longestLine('короткая\n  длиннее строка  \n')).toBe('длиннее строка'.length);
    expect(isTooLong(`a\n${'б'.repeat(101)}`, 100, longestLine)).toBe(true);
    expect(isTooLong(`${'б'.repeat(100)}\n${'в'.repeat(100)}`, 100, longestLine)).toBe(false);
    expect(lengthNote(`${'б'.repeat(95)}\nв`, 100, longestLine)?.isOver).toBe(false);
  });
});
