import { describe, expect, it } from 'vitest';
import { RECORD_TYPE_NAMES, SERVER_MADE_TYPES } from '../../domain/record-type-names';
import { clockOffset, schoolNow } from '../state/school-clock';
import { en } from './en';
import { formatBytes, nowTime, todayIso } from './format';
import { formatAgo } from './format-ago';
import { formatNumber, setLanguage, t } from './i18n';
import { ru } from './ru';

describe('i18n', () => {
  it('names every record type a user writes, for the sync screen’s refused and waiting changes', () => {
    const written = RECORD_TYPE_NAMES.filter((type) => !SERVER_MADE_TYPES.includes(type));
    const unnamed = (pack: Record<string, string>) => written.filter((type) => !pack[`type.${type}`]);
    expect(unnamed(ru)).toEqual([]);
    expect(unnamed(en)).toEqual([]);
  });

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

  it('writes numbers as the language does: a decimal comma in Russian, a point in English', async () => {
    await setLanguage('ru');
    expect(formatNumber(1 / 3)).toBe('0,3');
    expect(formatNumber(2026)).toBe('2026');
    expect(formatBytes(2 * 1024 * 1024)).toBe('2 МБ');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1,5 ГБ');
    await setLanguage('en');
    expect(formatNumber(1 / 3)).toBe('0.3');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GB');
    await setLanguage('ru');
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

  it('counts with the right form of the word in Russian and in English', async () => {
    const cases: [Parameters<typeof t>[0], Record<string, number>, string, string][] = [
      ['order.create', { n: 1 }, 'Издать приказ (1 пара)', 'Issue the order (1 pair)'],
      ['order.create', { n: 3 }, 'Издать приказ (3 пары)', 'Issue the order (3 pairs)'],
      ['order.create', { n: 10 }, 'Издать приказ (10 пар)', 'Issue the order (10 pairs)'],
      [
        'idp.overall',
        { done: 0, total: 1, percent: 0 },
        'Выполнено 0 из 1 задачи (0%)',
        '0 of 1 task done (0%)',
      ],
      [
        'idp.overall',
        { done: 1, total: 4, percent: 25 },
        'Выполнено 1 из 4 задач (25%)',
        '1 of 4 tasks done (25%)',
      ],
      ['pair.idpProgress', { done: 2, total: 21 }, 'выполнено 2 из 21 задачи', '2 of 21 tasks done'],
      [
        'home.gapSummary',
        { n: 2, days: 14 },
        'Пар без встреч больше 14 дней: 2',
        'Pairs with no meeting for over 14 days: 2',
      ],
      ['pairs.score', { n: 1 }, 'совпадение: 1 балл', 'match: 1 point'],
      ['pairs.score', { n: 0 }, 'совпадение: 0 баллов', 'match: 0 points'],
      ['pairs.load', { n: 2 }, 'уже ведёт 2 пары', 'already has 2 pairs'],
      ['order.pairsCount', { n: 5 }, '5 пар', '5 pairs'],
      [
        'monitoring.finalMentee',
        { n: 22 },
        'наставляемые, итоговая анкета: 22 ответа',
        'mentees, final form: 22 answers',
      ],
    ];
    for (const [key, params, russian, english] of cases) {
      await setLanguage('ru');
      expect(t(key, params)).toBe(russian);
      await setLanguage('en');
      expect(t(key, params)).toBe(english);
    }
    await setLanguage('ru');
  });

  it('every count that a noun follows goes through plural forms, in both languages', () => {
    // «{n} пар» is wrong for 1 and 3; a count after a colon or before «из»/«of» needs no form of its own.
    const counts =
      /^(n|total|of|days|sent|assigned|done|held|people|pairs|meetings|skipped|ok|bad|dup|received)$/;
    const unchanged = /^(из|of|мин|min|%|done|answered)$/;
    const bare = (message: string) =>
      [...message.matchAll(/\{(\w+)\} ([\p{L}%]+)/gu)].filter(
        ([, name, word]) => counts.test(name ?? '') && !unchanged.test(word ?? ''),
      );
    for (const dictionary of [ru, en] as Record<string, string>[])
      for (const [key, message] of Object.entries(dictionary)) expect(bare(message), key).toEqual([]);
  });

  it('dates by the school’s clock once a sync has measured how far the device’s is off', async () => {
    await setLanguage('ru');
    const year = 365 * 24 * 60 * 60 * 1000;
    const deviceToday = todayIso(new Date());
    clockOffset.value = -year; // the device is a year ahead
    try {
      expect(Math.abs(schoolNow().getTime() - (Date.now() - year))).toBeLessThan(1_000);
      expect(todayIso()).toBe(todayIso(new Date(Date.now() - year)));
      expect(todayIso()).not.toBe(deviceToday);
      expect(nowTime()).toBe(nowTime(new Date(Date.now() - year)));
      expect(formatAgo(schoolNow().toISOString())).toBe('сейчас');
    } finally {
      clockOffset.value = 0;
    }
    expect(todayIso()).toBe(deviceToday);
  });
});
