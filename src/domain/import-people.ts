// A class list from CSV or XLSX, as people: the header row (found among the first rows) names the
// columns, each row is checked, namesakes are told apart by their class or birth date, and the plan
// names every row that cannot be imported, and why, as a code the UI words.

import { foldText, tidyName } from './fold-text';
import {
  type Column,
  columnsOf,
  findHeader,
  GENERIC_CONTACTS,
  HEADER_SEARCH_ROWS,
  headingKey,
  headingsAt,
  isNumberingHeading,
  NAME_HEADINGS,
  unheadedAfter,
  withNameTail,
  withPatronymic,
} from './import-columns';
import { birthDateOf, DATE_LIKE, dottedDay } from './import-dates';
import { type Evidence, evidenceOf, isMovedUp, lookupKey, sameness } from './import-namesakes';
import { isColumnNumbering, isFooterText, sectionClass, sectionText } from './import-skips';
import { clean, isShortenedNumber, type SheetCell, type TableSheet } from './import-table';
import { KIND_WORDS, kindOf, NO, YES } from './import-words';
import { isUnderAge } from './minor';
import { surnameFirst } from './name-order';
import type { PersonKind } from './record-types';

export type PersonDraft = {
  fullName: string;
  kind: PersonKind;
  classOrSubject: string | null;
  minor: boolean;
  /** YYYY-MM-DD, when the file has a birth date column. */
  birthDate: string | null;
  /** Phones, e-mail and the legal representative from the file's contact columns, each under its heading. */
  contacts: string | null;
  /** «В архиве» and «Обучен как наставник», as the app's own export writes them. */
  archived: boolean;
  trained: boolean;
};

type ImportErrorCode =
  | 'noHeader'
  | 'noName'
  | 'nameTooLong'
  | 'nameHasDigits'
  | 'nameHasSigns'
  | 'badKind'
  | 'badMinor'
  | 'badYesNo'
  | 'badBirthDate'
  | 'futureBirthDate'
  | 'ancientBirthDate'
  | 'birthYearOnly'
  | 'tooLong'
  | 'cellError'
  | 'cellDate'
  | 'cellNoValue'
  | 'looksLikeDate'
  | 'shortenedNumber'
  | 'repeated'
  | 'repeatedBirthDate';
/** A row that is not imported: `row` is the row number the spreadsheet shows (1-based). */
export type RowError = {
  row: number;
  /** The sheet's name when rows come from more than one sheet of a workbook. */
  sheet?: string;
  code: ImportErrorCode;
  params: Record<string, string | number>;
};
type PlannedPerson = { row: number; sheet?: string; person: PersonDraft };
/**
 * A row read and left out because it is not a person, and why: a total or signature under the list
 * (`footer`), a section title such as «Девочки» or «7 «Б» класс» (`section`), a row hidden in Excel
 * (`hidden`). The preview lists them so that the curator sees nothing was lost.
 */
type SkippedRow = {
  row: number;
  sheet?: string;
  code: 'footer' | 'section' | 'hidden' | 'numbering';
  params: Record<string, string | number>;
};
/** Someone already in the base: a row matched by evidence (name and class, or name and birth date). */
export type ExistingPerson = {
  id: string;
  fullName: string;
  classOrSubject: string | null;
  birthDate: string | null;
};
/** A row that may be someone already known, without the evidence to say so: the curator decides. */
type LikelyDuplicate = PlannedPerson & {
  of:
    | { row: number; sheet?: string; fullName: string; classOrSubject: string | null }
    /** `isMovedUp`: the same name one class up from the base's («7Б» → «8Б»), as in September. */
    | { person: ExistingPerson; isMovedUp?: boolean };
};
export type ImportPlan = {
  /** The header's row number (of the first sheet read), 0 when none was found. */
  headerRow: number;
  /** The names of the sheets read: every sheet with a header row naming the people. */
  sheets: string[];
  /** New people, imported as they are. */
  people: PlannedPerson[];
  /** Imported only when the curator says they are other people. */
  likely: LikelyDuplicate[];
  /** Already in the base (`base`, matched by evidence): not imported again. */
  existing: (PlannedPerson & { id: string; base: ExistingPerson })[];
  errors: RowError[];
  skipped: SkippedRow[];
  /**
   * The headings of the file's columns the import does not read («Пол», «СНИЛС», a second «Класс»),
   * each once, in order: the preview names them, so that no column is left out without a word.
   */
  unread: string[];
};

type Read = { ok: true; text: string } | { ok: false; error: Pick<RowError, 'code' | 'params'> };

/** What the rows of every sheet are compared against: the base and the rows planned before. */
type Context = {
  plan: ImportPlan;
  base: Map<string, { evidence: Evidence; person: ExistingPerson }[]>;
  earlier: Map<string, { evidence: Evidence; row: number; sheet?: string; person: PersonDraft }[]>;
  today: string;
};

/** «Список 7 «Б» класса», «7Б», «7 Б класс»: the class a sheet's title row or its name gives. */
function classOfSheet(sheet: TableSheet, headerIndex: number): string | null {
  for (const row of sheet.rows.slice(0, headerIndex))
    for (const cell of row) {
      if (typeof cell !== 'string') continue;
      const found = /(?:^|[\s(])(\d{1,2}\s*-?\s*[«"“]?[А-ЯЁа-яё][»"”]?)\s*(?:класс|кл\.)/u.exec(cell);
      const cls = found?.[1] ? sectionClass(found[1]) : null;
      if (cls) return cls;
    }
  return sectionClass(sheet.name);
}

/**
 * Plans an import from the rows of a sheet (every row of the file, from its first, so that row numbers
 * are the spreadsheet's). `existing` is the base; `today` (YYYY-MM-DD) decides who is a minor when the
 * file gives birth dates. Without a birth date or a «несовершеннолетний» column, students are minors.
 */
export function planImport(
  table: readonly (readonly SheetCell[])[],
  existing: readonly ExistingPerson[] = [],
  today = '',
): ImportPlan {
  return planSheets([{ name: '', rows: table }], existing, today);
}

/**
 * Plans an import from every sheet of a workbook that has a header row naming the people (one sheet per
 * class is how many schools keep their lists); namesakes are compared across sheets too. A sheet without
 * a class column takes its class from its title row or its name. With more than one sheet read, every
 * row the plan names says its sheet.
 */
export function planSheets(
  sheets: readonly TableSheet[],
  existing: readonly ExistingPerson[] = [],
  today = '',
): ImportPlan {
  const plan: ImportPlan = {
    headerRow: 0,
    sheets: [],
    people: [],
    likely: [],
    existing: [],
    errors: [],
    skipped: [],
    unread: [],
  };
  const read = sheets
    .map((sheet) => ({ sheet, headerIndex: findHeader(sheet.rows) }))
    .filter((s) => s.headerIndex !== -1);
  if (read.length === 0) {
    plan.errors.push({
      row: 1,
      code: 'noHeader',
      params: { rows: HEADER_SEARCH_ROWS, columns: NAME_HEADINGS },
    });
    return plan;
  }
  plan.headerRow = (read[0]?.headerIndex ?? 0) + 1;
  plan.sheets = read.map((s) => s.sheet.name);
  const base: Context['base'] = new Map();
  for (const person of existing) {
    const evidence = evidenceOf(person.fullName, person.classOrSubject, person.birthDate);
    const k = lookupKey(evidence);
    const namesakes = base.get(k) ?? [];
    namesakes.push({ evidence, person });
    base.set(k, namesakes);
  }
  const context: Context = { plan, base, earlier: new Map(), today };
  for (const { sheet, headerIndex } of read) planSheet(sheet, headerIndex, read.length > 1, context);
  return plan;
}

function planSheet(sheet: TableSheet, headerIndex: number, isOneOfMany: boolean, context: Context): void {
  const { plan, base, earlier, today } = context;
  const table = sheet.rows;
  const cols = columnsOf(headingsAt(table, headerIndex));
  const hasClassColumn =
    cols.one.classOrSubject !== undefined ||
    cols.one.grade !== undefined ||
    cols.one.position !== undefined ||
    cols.one.subject !== undefined;
  /** A list of the school's staff: a subject or position column and no class column. */
  const isStaffList =
    (cols.one.subject !== undefined || cols.one.position !== undefined) &&
    cols.one.classOrSubject === undefined &&
    cols.one.grade === undefined;
  const onSheet = isOneOfMany ? { sheet: sheet.name } : {};
  const nameTail = unheadedAfter(cols.headings, cols.one.fullName);
  const nameColumns = [
    cols.one.fullName,
    cols.one.lastName,
    cols.one.firstName,
    cols.one.middleName,
    ...nameTail,
  ].filter((c) => c !== undefined);
  const isRead = new Set([...Object.values(cols.one), ...cols.contacts, ...nameTail]);
  cols.headings.forEach((heading, index) => {
    if (
      heading !== '' &&
      !isRead.has(index) &&
      !isNumberingHeading(heading) &&
      !plan.unread.includes(heading)
    )
      plan.unread.push(heading);
  });
  /** The class a section row («7 «Б» класс») gives the rows below it that have none. */
  let classOfSection: string | null = hasClassColumn ? null : classOfSheet(sheet, headerIndex);

  for (let i = headerIndex + 1; i < table.length; i++) {
    const cells = table[i] ?? [];
    const row = i + 1;
    if (cells.every((c) => typeof c === 'string' && clean(c) === '')) continue;
    // A row a numbered form left blank («27» under «№», nothing else: a form numbered to 30 for 27
    // pupils) is no one, passed over as an empty row.
    const isBlankNumbered = cells.every(
      (c, index) =>
        typeof c === 'string' &&
        (clean(c) === '' ||
          (/^\d+\.?$/.test(clean(c)) &&
            !nameColumns.includes(index) &&
            isNumberingHeading(cols.headings[index] ?? ''))),
    );
    if (isBlankNumbered) continue;
    const skip = (code: SkippedRow['code'], text: string) =>
      plan.skipped.push({ row, ...onSheet, code, params: { text: clean(text) } });
    const texts = cells.filter((c): c is string => typeof c === 'string' && clean(c) !== '');
    if (sheet.hiddenRows?.has(row)) {
      skip('hidden', texts.join(' | '));
      continue;
    }
    if (isColumnNumbering(texts)) {
      skip('numbering', texts.join(' | '));
      continue;
    }
    const first = texts[0];
    // A number alone in the name column is the count of the names above it.
    const isCount =
      texts.length === 1 &&
      cells.every((c) => typeof c === 'string') &&
      /^\d+$/.test(clean(first ?? '')) &&
      nameColumns.some((c) => cells[c] === first);
    if ((first !== undefined && isFooterText(first)) || isCount) {
      skip('footer', texts.join(' | '));
      continue;
    }
    const section = sectionText(cells, nameColumns);
    if (section !== null) {
      classOfSection = sectionClass(section) ?? classOfSection;
      skip('section', section);
      continue;
    }
    const problem = (code: ImportErrorCode, params: RowError['params'] = {}) => ({
      ok: false as const,
      error: { code, params },
    });
    /** A text column: a date, an error or a formula without a value is never read as text. */
    const text = (index: number | undefined): Read => {
      if (index === undefined) return { ok: true, text: '' };
      const cell = cells[index] ?? '';
      const column = cols.headings[index] ?? '';
      if (typeof cell === 'string') {
        const value = clean(cell);
        if (DATE_LIKE.test(value)) return problem('looksLikeDate', { column, value });
        if (isShortenedNumber(value)) return problem('shortenedNumber', { column, value });
        return { ok: true, text: value };
      }
      if (cell.kind === 'date') return problem('cellDate', { column, date: dottedDay(cell.iso) });
      if (cell.kind === 'error') return problem('cellError', { column, value: cell.shown });
      return problem('cellNoValue', { column });
    };
    const reads: Partial<Record<Column, Read>> = {};
    for (const column of Object.keys(cols.one) as Column[])
      if (column !== 'birthDate') reads[column] = text(cols.one[column]);
    const contactReads = cols.contacts.map((index) => ({
      heading: cols.headings[index] ?? '',
      read: text(index),
    }));
    const failed = [...Object.values(reads), ...contactReads.map((c) => c.read)].find((r) => !r.ok);
    if (failed && !failed.ok) {
      plan.errors.push({ row, ...onSheet, ...failed.error });
      continue;
    }
    const at = (column: Column) => {
      const read = reads[column];
      return read?.ok ? read.text : '';
    };

    // An en dash in a double surname, a soft hyphen or a zero-width space from a web journal: tidied
    // before the name is checked, so that a valid name is not refused.
    const typedName = tidyName(
      cols.one.fullName !== undefined
        ? withPatronymic(withNameTail(at('fullName'), nameTail, cells), at('middleName'))
        : [at('lastName'), at('firstName'), at('middleName')].filter(Boolean).join(' '),
    );
    // Under «Имя и фамилия», «Анна Смирнова» is kept surname first, as the library tells the words apart.
    const fullName = cols.givenFirst ? surnameFirst(typedName) : typedName;
    const fail = (code: ImportErrorCode, params: RowError['params'] = {}) =>
      plan.errors.push({ row, ...onSheet, code, params });
    // The header repeated on every printed page is not a person.
    const nameColumn = cols.one.fullName ?? cols.one.lastName ?? 0;
    if (foldText(fullName.split(' ')[0] ?? '') === foldText(cols.headings[nameColumn] ?? '')) continue;
    if (!fullName) {
      fail('noName');
      continue;
    }
    if (fullName.length > 200) {
      fail('nameTooLong', { max: 200 });
      continue;
    }
    if (/\d/.test(fullName)) {
      fail('nameHasDigits', { name: fullName });
      continue;
    }
    // Letters, spaces, hyphens, apostrophes, dots of initials, a maiden name in brackets: anything else is
    // a signature line or a note under the table («Классный руководитель: ______»), not a person.
    if (!/^[\p{L}\p{M} .'’ʼ()-]+$/u.test(fullName)) {
      fail('nameHasSigns', { name: fullName });
      continue;
    }
    // A school class the one way schools write it: «7 а», «7-А», «7 «А»», «7A» (Latin) are each «7А»,
    // so that one class is not three in the people's list and the bases (names are tidied the same way).
    // «10-1», a subject or a class with a note («5А (профиль)») is kept as typed.
    const typedClass = at('classOrSubject') || (at('grade') && `${at('grade')}${at('letter')}`);
    const classOrSubject =
      (typedClass && (sectionClass(typedClass) ?? typedClass)) ||
      at('subject') ||
      at('position') ||
      classOfSection;
    if (classOrSubject && classOrSubject.length > 100) {
      const from = typedClass
        ? (cols.one.classOrSubject ?? cols.one.grade)
        : at('subject')
          ? cols.one.subject
          : cols.one.position;
      fail('tooLong', { column: cols.headings[from ?? 0] ?? '', max: 100 });
      continue;
    }
    // Without a category: a position says who they are; a subject and no class, or a row of a staff
    // list, is a teacher's (a staff list «ФИО | Предмет» was imported as pupils, each a minor).
    const kindText = at('kind');
    const kind: PersonKind | null = kindText
      ? kindOf(kindText, classOrSubject)
      : cols.one.position !== undefined && at('position')
        ? (kindOf(at('position'), null) ?? 'teacher')
        : !typedClass && (at('subject') !== '' || isStaffList)
          ? 'teacher'
          : 'student';
    if (!kind) {
      fail('badKind', { value: kindText, words: KIND_WORDS });
      continue;
    }

    let birthDate: string | null = null;
    if (cols.one.birthDate !== undefined) {
      const read = birthDateOf(
        cells[cols.one.birthDate] ?? '',
        cols.headings[cols.one.birthDate] ?? '',
        today,
      );
      if (!read.ok) {
        fail(read.error.code, read.error.params);
        continue;
      }
      birthDate = read.day;
    }

    const minorText = headingKey(at('minor'));
    if (cols.one.minor !== undefined && !YES.has(minorText) && !NO.has(minorText)) {
      fail('badMinor', { value: at('minor') });
      continue;
    }
    // A birth date under 18 makes a minor whatever the column says (domain/minor.ts); with neither a mark
    // nor a birth date to go by, students are minors.
    const marked = cols.one.minor !== undefined && minorText !== '' ? YES.has(minorText) : null;
    const isDated = birthDate !== null && today !== '';
    const minor = (isDated && isUnderAge(birthDate, today)) || (marked ?? (!isDated && kind === 'student'));

    const flags = { archived: false, trained: false };
    const badFlag = (['archived', 'trained'] as const).find((column) => {
      const key = headingKey(at(column));
      flags[column] = YES.has(key);
      return cols.one[column] !== undefined && !YES.has(key) && !NO.has(key);
    });
    if (badFlag) {
      fail('badYesNo', { column: cols.headings[cols.one[badFlag] ?? 0] ?? '', value: at(badFlag) });
      continue;
    }

    // A column headed only «Контакты» says nothing its value does not: no «Контакты:» before it (which
    // grew by one on each export and import back).
    const contactParts = contactReads
      .filter(({ read }) => read.ok && read.text)
      .map(({ heading, read }) => {
        const value = read.ok ? read.text : '';
        return GENERIC_CONTACTS.test(headingKey(heading)) ? value : `${heading}: ${value}`;
      });
    const contacts = contactParts.length > 0 ? contactParts.join('; ') : null;
    if (contacts && contacts.length > 500) {
      fail('tooLong', { column: contactReads.map((c) => c.heading).join(', '), max: 500 });
      continue;
    }

    const person: PersonDraft = { fullName, kind, classOrSubject, minor, birthDate, contacts, ...flags };
    const evidence = evidenceOf(fullName, classOrSubject, birthDate);
    const k = lookupKey(evidence);
    const inFile = earlier.get(k) ?? [];
    const repeated = inFile.find((e) => sameness(evidence, e.evidence) === 'same');
    if (repeated) {
      // Found by birth date when both rows have one (sameness), else by class: the message says which.
      fail(evidence.birth && repeated.evidence.birth ? 'repeatedBirthDate' : 'repeated', {
        name: fullName,
        row: repeated.row,
        ...(repeated.sheet === undefined ? {} : { sheet: repeated.sheet }),
      });
      continue;
    }
    const likelyInFile = inFile.find((e) => sameness(evidence, e.evidence) === 'likely');
    inFile.push({ evidence, row, ...onSheet, person });
    earlier.set(k, inFile);
    const known = base.get(k) ?? [];
    const same = known.find((e) => sameness(evidence, e.evidence) === 'same');
    if (same) {
      plan.existing.push({ row, ...onSheet, person, id: same.person.id, base: same.person });
      continue;
    }
    const likelyInBase = known.find((e) => sameness(evidence, e.evidence) === 'likely');
    const movedUp = likelyInBase ? undefined : known.find((e) => isMovedUp(evidence, e.evidence));
    if (likelyInBase) plan.likely.push({ row, ...onSheet, person, of: { person: likelyInBase.person } });
    else if (movedUp)
      plan.likely.push({ row, ...onSheet, person, of: { person: movedUp.person, isMovedUp: true } });
    else if (likelyInFile)
      plan.likely.push({
        row,
        ...onSheet,
        person,
        of: {
          row: likelyInFile.row,
          ...(likelyInFile.sheet === undefined ? {} : { sheet: likelyInFile.sheet }),
          fullName: likelyInFile.person.fullName,
          classOrSubject: likelyInFile.person.classOrSubject,
        },
      });
    else plan.people.push({ row, ...onSheet, person });
  }
}
