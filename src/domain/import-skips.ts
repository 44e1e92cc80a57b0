// Rows of a class list that are not people: the totals and signatures under the list («Итого», «Всего
// учащихся», «Количество учащихся: 28», «Список верен», «Классный руководитель | Иванова И. И.»), and section rows inside it — one
// value across the row («Девочки», or a class «7 «Б» класс» that sets the class of the rows below).
import { foldClass, foldText } from './fold-text';

/**
 * The words a totals or signature row starts with, folded. Each must end at a word's end, so that a
 * surname such as «Директоров» or «Итогова» is still a person.
 */
const FOOTER_START =
  /^(итого|всего|из них|в том числе|в т\.? ?ч\.?|классный руководитель|кл\.? ?руководитель|кл\.? ?рук\.?|директор|и\.? ?о\.? директора|заместитель директора|зам\.? ?директора|завуч|подпись|исполнитель|составил|составила|ответственный|м\.? ?п\.?|примечание|дата|количество|кол-во|список верен)(?=$|[\s.:,;_()-])/;

/** Whether a row whose name cell reads `name` is a total or a signature under the list. */
export function isFooterText(name: string): boolean {
  return FOOTER_START.test(foldText(name));
}

/** Section titles inside a list: groups of pupils, never a person's name. */
const SECTION_WORDS =
  /^(девочки|мальчики|девушки|юноши|подгруппа|группа|обучающиеся|учащиеся)(?=$|[\s.:,№\d])/;

/**
 * A school class however a list writes it («7 «Б» класс», «7-б», «5А», «10-1»), as the class to keep
 * («7Б», «5А», «10-1»), or null when the text is no class alone.
 */
export function sectionClass(text: string): string | null {
  const folded = foldClass(text.replace(/\s*кл\.?$/i, ''));
  return /^\d{1,2}([а-я]|-\d{1,2})$/.test(folded) ? folded.toLocaleUpperCase('ru') : null;
}

/**
 * Whether a row is a section title: a single value in the whole row that is not a person's name — in a
 * column that holds no names, or a section word or a class in the name column.
 */
export function sectionText(cells: readonly unknown[], nameColumns: readonly number[]): string | null {
  const filled = cells
    .map((cell, index) => ({ index, text: typeof cell === 'string' ? cell.trim() : '' }))
    .filter((c) => c.text !== '');
  const [only] = filled;
  if (filled.length !== 1 || !only || cells.some((c) => typeof c !== 'string')) return null;
  if (!/\p{L}/u.test(only.text)) return null;
  if (!nameColumns.includes(only.index)) return only.text;
  return SECTION_WORDS.test(foldText(only.text)) || sectionClass(only.text) ? only.text : null;
}

/**
 * The row of column numbers official forms put under their header («1 | 2 | 3 | 4»): at least three
 * cells, counting up by one from 1. It is not a person (it was refused as «в ФИО «2» есть цифры»).
 */
export function isColumnNumbering(texts: readonly string[]): boolean {
  return texts.length >= 3 && texts.every((text, i) => text.trim().replace(/\.$/, '') === String(i + 1));
}
