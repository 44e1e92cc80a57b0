import { describe, expect, it } from 'vitest';
import { en } from './en';
import { setLanguage, t } from './i18n';
import { ru } from './ru';

describe('i18n', () => {
  it('picks Russian plural forms', async () => {
    await setLanguage('ru');
    expect([1, 3, 5, 11, 21, 22].map((n) => t('nudge.gap', { n }))).toEqual([
      'Нет встреч уже 1 день',
      'Нет встреч уже 3 дня',
      'Нет встреч уже 5 дней',
      'Нет встреч уже 11 дней',
      'Нет встреч уже 21 день',
      'Нет встреч уже 22 дня',
    ]);
  });

  it('switches to English, with its plural forms', async () => {
    await setLanguage('en');
    expect(t('nudge.gap', { n: 1 })).toBe('No meeting for 1 day');
    expect(t('nudge.gap', { n: 2 })).toBe('No meeting for 2 days');
    await setLanguage('ru');
  });

  it('English names the same placeholders as Russian', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(ru) as (keyof typeof ru)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(ru[key]));
    }
  });
});
