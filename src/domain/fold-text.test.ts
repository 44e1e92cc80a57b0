import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distinctClasses, foldClass, foldedIncludes, foldText, hasClass, tidyName } from './fold-text';

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

  it('keeps a name with the Latin look-alikes of its Cyrillic words as Cyrillic, in their case', () => {
    // «Смирнoва» with a Latin «o», «CМИРНОВ» with a Latin «C», «Пeтpoв» with three Latin letters.
    expect(tidyName('Смирн\u006fва Мария')).toBe('Смирнова Мария');
    expect(tidyName('\u0043МИРНОВ Иван')).toBe('СМИРНОВ Иван');
    expect(tidyName('П\u0065т\u0070\u006fв-Вoдкин Кузьма')).toBe('Петров-Водкин Кузьма');
    expect(foldText('Смирн\u006fва')).toBe(foldText('Смирнова'));
    expect(foldedIncludes('Смирнова Мария', 'Смирн\u006fва')).toBe(true);
  });

  it('keeps a wholly Latin word (a foreign name) as it is; a word with any Cyrillic letter is Cyrillic', () => {
    expect(tidyName('Smith John')).toBe('Smith John');
    expect(tidyName('Иванова Anna')).toBe('Иванова Anna');
    // Five Latin letters and a Cyrillic «в»: «Орехов» typed on two keyboards, found by its spelling.
    expect(tidyName('\u004f\u0070\u0065\u0078\u006fв Иван')).toBe('Орехов Иван');
    expect(foldedIncludes('\u004f\u0070\u0065\u0078\u006fв Иван', 'Орехов')).toBe(true);
    expect(foldedIncludes('M\u0061рия', 'Мария')).toBe(true);
    expect(tidyName('OKCAHA')).toBe('OKCAHA');
    expect(foldText('Smith Mary')).toBe('smith mary');
  });

  it('folds a tidied name as it folds the name typed', () => {
    const letters = [...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАВЕКМНОРСТХУaceopxykmthbABCEHKMOPTXYzQ -–'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...letters), { maxLength: 30 }), (chars) => {
        const typed = chars.join('');
        expect(foldText(tidyName(typed))).toBe(foldText(typed));
      }),
    );
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
