import { describe, expect, it } from 'vitest';
import { distinctClasses, foldClass, foldedIncludes, foldText, hasClass } from './fold-text';

describe('the one normaliser of names', () => {
  it('folds ё, case, spaces and every kind of dash', () => {
    expect(foldText('  Фёдор   ЁЛКИН ')).toBe('федор елкин');
    expect(foldText('Салтыкова – Щедрина')).toBe(foldText('салтыкова-щедрина'));
    // Characters that show as nothing do not make two names differ.
    expect(foldText('Соко\u00adлов\u200b Иван')).toBe('соколов иван');
    expect(foldText('Римский\u2011Корсаков')).toBe('римский-корсаков');
    expect(foldText('7\u00a0А')).toBe('7 а');
  });

  it('reads a decomposed «й» and «ё» (as a Mac writes them) as the letters', () => {
    expect(foldText('Андреи\u0306 Е\u0308лкин')).toBe('андрей елкин');
  });

  it('reads Latin look-alikes inside Cyrillic words, and a class however it was typed', () => {
    expect(foldText('Иванoв Ivan')).toBe('иванов ivan');
    expect(foldClass('7A')).toBe(foldClass('7 а'));
    for (const spelling of ['7-А', '7 «А»', '7 "А" класс', '7а класс'])
      expect(foldClass(spelling)).toBe(foldClass('7А'));
    expect(foldClass('10-1')).not.toBe(foldClass('11-1'));
    expect(foldClass('5А')).not.toBe(foldClass('7А'));
  });

  it('finds a name whatever ё or е either side typed', () => {
    expect(foldedIncludes('Фёдоров Фёдор', 'федор')).toBe(true);
    expect(foldedIncludes('Федорова Алена', 'Алёна')).toBe(true);
    expect(foldedIncludes('Федорова Алена', 'Алина')).toBe(false);
  });

  it('offers each class once to the filters, however it was typed', () => {
    expect(distinctClasses(['7А', '10-1', '7 а', '7A', '5Б', ''])).toEqual(['5Б', '7А', '10-1']);
    expect(hasClass(['7 а'], '7А')).toBe(true);
    expect(hasClass(['7А'], '7Б')).toBe(false);
  });
});
