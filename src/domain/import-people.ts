// A class list from CSV or XLSX, as people: the header row (found among the first rows) names the
// columns, each row is checked, namesakes are told apart by their class or birth date, and the plan
// names every row that cannot be imported, and why, as a code the UI words.

import { foldClass, foldText, tidyName, withoutInvisible } from './fold-text';
import { birthDateOf, DATE_LIKE, dottedDay } from './import-dates';
import { isFooterText, sectionClass, sectionText } from './import-skips';
import { isUnderAge } from './minor';
import type { PersonKind } from './record-types';

/**
 * One cell as a person sees it. A file reader returns text or a typed problem — never an object that
 * could become «[object Object]» — and the plan decides per column whether the problem matters.
 * `date`: a date cell (`iso` YYYY-MM-DD); `error`: an Excel error such as «#N/A»; `noValue`: a formula
 * the file holds no computed result for.
 */
export type SheetCell =
  | string
  | { kind: 'date'; iso: string }
  | { kind: 'error'; shown: string }
  | { kind: 'noValue' };

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
  | 'birthYearOnly'
  | 'tooLong'
  | 'cellError'
  | 'cellDate'
  | 'cellNoValue'
  | 'looksLikeDate'
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
  code: 'footer' | 'section' | 'hidden';
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
};

type Column =
  | 'fullName'
  | 'lastName'
  | 'firstName'
  | 'middleName'
  | 'classOrSubject'
  | 'position'
  | 'grade'
  | 'letter'
  | 'kind'
  | 'minor'
  | 'archived'
  | 'trained'
  | 'birthDate'
  | 'contact';

/** A heading as letters and digits only, folded: «Ф.И.О. ученика» → «фиоученика», «E-mail» → «email». */
const headingKey = (s: string) => foldText(s).replace(/[^\p{L}\p{N}]/gu, '');
/** Headings about a parent or legal representative: their name and contacts are the minor's contacts. */
const SOMEONE_ELSE = /родител|представител|матер|мамы|отца|папы/;

/** Which column a heading names, by the words class lists and journal exports use. */
function columnOf(key: string): Column | null {
  // Before «наставник» below, which names someone else's column.
  if (/^(обученкакнаставник|прошелобучение|trained)/.test(key)) return 'trained';
  // Someone else's name: «ФИО классного руководителя», «Наставник», «Куратор».
  if (key === '' || /классн.*руковод|наставник|куратор/.test(key)) return null;
  if (
    /^(телефон|тел|мобильн|сотов|контакт|contact|phone|email|емейл|имейл|почта|электроннаяпочта|адресэлектрон)/.test(
      key,
    )
  )
    return 'contact';
  if (SOMEONE_ELSE.test(key)) return 'contact';
  // «ФИО», «Фамилия, имя», «Фамилия И.О.», and «ФИО» after who they are: «Обучающийся (ФИО)».
  if (/^(фио|фамилияимя|фамилияиимя|фамилияио$|фамилияинициалы|fullname|name$)|фио$/.test(key))
    return 'fullName';
  // Who they are, in one or many: «Ученик», «Обучающиеся», «Учащиеся».
  if (
    /^(учени(к|ца|ки|цы)|уча(щийся|щаяся|щиеся)|обуча(ющийся|ющаяся|ющиеся)|участник(и)?|сотрудник(и)?|педагог(и)?|учител(ь|я)|школьник(и)?)$/.test(
      key,
    )
  )
    return 'fullName';
  if (/^(фамилия|lastname|surname)/.test(key)) return 'lastName';
  if (/^(имя|firstname)/.test(key)) return 'firstName';
  if (/^(отчество|middlename|patronymic)/.test(key)) return 'middleName';
  if (/^(класс|кл$|группа|учебнаягруппа|предмет|преподаваемыйпредмет|class|subject|grade)/.test(key))
    return 'classOrSubject';
  // A class in two columns, as some school systems export it: «Параллель» 7 and «Литера» А.
  if (/^(параллель|годобучения)/.test(key)) return 'grade';
  if (/^(литера|литер|буква)/.test(key)) return 'letter';
  if (/^(должность|position)/.test(key)) return 'position';
  if (/^(категория|роль|кто|тип|kind|role|category)/.test(key)) return 'kind';
  if (/^(несовершеннолет|minor)/.test(key)) return 'minor';
  if (/^(вархиве|архив|archived)/.test(key)) return 'archived';
  if (/^(датарожд|др$|birthdate|dateofbirth|birthday)/.test(key)) return 'birthDate';
  return null;
}

type Columns = { one: Partial<Record<Column, number>>; contacts: number[]; headings: string[] };

function columnsOf(header: readonly SheetCell[]): Columns {
  const one: Partial<Record<Column, number>> = {};
  const contacts: number[] = [];
  const headings = header.map((cell) => (typeof cell === 'string' ? clean(cell) : ''));
  headings.forEach((heading, index) => {
    const column = columnOf(headingKey(heading));
    if (column === 'contact') contacts.push(index);
    else if (column && one[column] === undefined) one[column] = index;
  });
  return { one, contacts, headings };
}

const hasNames = (c: Columns) =>
  c.one.fullName !== undefined || (c.one.lastName !== undefined && c.one.firstName !== undefined);

/** A row of headings only (no person's name among them) that names the people's columns. */
function isHeading(row: readonly SheetCell[]): boolean {
  const keys = row.map((cell) => (typeof cell === 'string' ? headingKey(cell) : ''));
  return (
    hasNames(columnsOf(row)) &&
    keys.every((key) => key === '' || /^(пп|номер|no|n)$/.test(key) || columnOf(key) !== null)
  );
}

/** How many rows from the top may stand above the header (titles, dates, signatures). */
const HEADER_SEARCH_ROWS = 30;

/** The index of the header row among the first rows (−1 when none names the people), and its columns. */
export function findHeader(rows: readonly (readonly SheetCell[])[]): number {
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    if (!hasNames(columnsOf(rows[i] ?? []))) continue;
    // A two-level header: «ФИО» merged above «Фамилия», «Имя», «Отчество» — the lower row is the header.
    return isHeading(rows[i + 1] ?? []) ? i + 1 : i;
  }
  return -1;
}

/**
 * The columns without a heading right after the «ФИО» column (at most two): where «ФИО» is a title merged
 * over the surname, first name and patronymic columns, with no header row of their own below it.
 */
function unheadedAfter(headings: readonly string[], nameColumn: number | undefined): number[] {
  const tail: number[] = [];
  if (nameColumn === undefined) return tail;
  for (let c = nameColumn + 1; c <= nameColumn + 2 && headings[c] === ''; c++) tail.push(c);
  return tail;
}

const ONE_WORD = /^[\p{L}'’ʼ-]+$/u;

/**
 * A «ФИО» cell with the name's other parts from the unheaded columns after it: only when it holds one
 * word, a surname, and each of them one word or nothing (no patronymic). A full name in the «ФИО» cell,
 * or a note beside it, is left as it is.
 */
function withNameTail(name: string, tail: readonly number[], cells: readonly SheetCell[]): string {
  if (tail.length === 0 || !ONE_WORD.test(name)) return name;
  const parts = tail.map((c) => {
    const cell = cells[c];
    return typeof cell === 'string' ? clean(cell) : null;
  });
  const isNameParts = parts.every((p) => p !== null && (p === '' || ONE_WORD.test(p)));
  return isNameParts ? [name, ...parts].filter(Boolean).join(' ') : name;
}

/** Column headings the import understands, for the message when none is found. */
const NAME_HEADINGS = '«ФИО», «Фамилия, имя, отчество» или «Фамилия» и «Имя»';

/**
 * Words for the category of a person, folded, by their stems (any case and number: «ученики»,
 * «учащаяся», «педагогов»). «Наставник» and «наставляемый» are roles, not categories: the class says
 * which (a school class such as «10А» is a student's).
 */
const KIND_STEMS: [RegExp, PersonKind | 'role'][] = [
  [/^(уча|обучаю)щ/, 'student'],
  [/^учени[кц]/, 'student'],
  [/^школьни/, 'student'],
  [/^студент/, 'student'],
  [/^воспитанни/, 'student'],
  [/^(student|pupil)/, 'student'],
  [/^(педагог|учител|преподавател|воспитател|классныйруководител|teacher)/, 'teacher'],
  // The categories of the teacher–teacher form of mentoring, and the school's specialists.
  [/^(молод(ой|ые)(специалист|педагог)|методист|тьютор|психолог|логопед|дефектолог)/, 'teacher'],
  [/^(наставни|наставляем|mentor|mentee)/, 'role'],
  [/^(друг|ино|проч|работодател|партнер|родител|сотрудник|other)/, 'other'],
];
/** The words named when a category is not understood. */
const KIND_WORDS =
  'учащийся, обучающийся, ученик, ученица, школьник, студент; педагог, учитель, преподаватель, воспитатель, молодой специалист; наставник, наставляемый; другое';

const looksLikeSchoolClass = (cls: string | null) => cls !== null && /^\d{1,2}(\D|$)/.test(cls.trim());

function kindOf(text: string, classOrSubject: string | null): PersonKind | null {
  const key = headingKey(text);
  const found = KIND_STEMS.find(([stem]) => stem.test(key))?.[1];
  if (found !== 'role') return found ?? null;
  // A mentor from a school class is a senior student; a mentee with a subject instead is a young teacher.
  if (looksLikeSchoolClass(classOrSubject)) return 'student';
  return /^(наставляем|mentee)/.test(key) && classOrSubject === null ? 'student' : 'teacher';
}

/** Headings of a contacts column that name no kind of contact. */
const GENERIC_CONTACTS = /^(контакты|контакт|контактныеданные|контактнаяинформация|contacts?)$/;

const YES = new Set(['да', 'д', 'yes', 'y', 'true', 'истина', '1', '+']);
const NO = new Set(['нет', 'н', 'no', 'n', 'false', 'ложь', '0', '-', '']);

const clean = (s: string) => withoutInvisible(s).replace(/\s+/g, ' ').trim();

/**
 * The evidence two rows are compared by: the folded name (and its words, split once: a school's list
 * compares each row with every namesake), the folded class and the birth date.
 */
type Evidence = { name: string; words: string[]; cls: string; birth: string | null };
const evidenceOf = (fullName: string, cls: string | null, birth: string | null): Evidence => {
  const name = foldText(fullName);
  return { name, words: wordsOf(name), cls: foldClass(cls ?? ''), birth };
};

/**
 * Whether two people are the same, by evidence: the same full name and the same birth date (when both
 * have one), else the same full name and the same full class («5А» ≠ «7А», «10-1» ≠ «11-1»). The same
 * name with a class or birth date missing on one side, or a name that is the other's without its
 * patronymic, is only likely the same: the curator decides.
 */
function sameness(a: Evidence, b: Evidence): 'same' | 'likely' | 'different' {
  const contradicts = (a.birth && b.birth && a.birth !== b.birth) || (a.cls && b.cls && a.cls !== b.cls);
  if (a.name === b.name) {
    if (a.birth && b.birth) return a.birth === b.birth ? 'same' : 'different';
    // Two classes apart are two pupils («5А» and «7А»); two subjects apart may be one teacher who took
    // another subject: the curator decides.
    if (a.cls && b.cls)
      return a.cls === b.cls ? 'same' : isSubject(a.cls) && isSubject(b.cls) ? 'likely' : 'different';
    return 'likely';
  }
  const [shorter, longer] = a.name.length < b.name.length ? [a.name, b.name] : [b.name, a.name];
  if (!contradicts && shorter.includes(' ') && longer.startsWith(`${shorter} `)) return 'likely';
  if (!contradicts && (initialsMatch(a.words, b.words) || initialsMatch(b.words, a.words))) return 'likely';
  return 'different';
}

/** Whether a folded class-or-subject is a subject («химия»), not a class («7б», «10-1»). */
export const isSubject = (folded: string): boolean => !/^\d/.test(folded);

/** «7б» → «8б», «10-1» → «11-1»: a folded class and the one a year later, with the same letter. */
function isClassUp(from: string, to: string): boolean {
  const a = /^(\d{1,2})(.*)$/.exec(from);
  const b = /^(\d{1,2})(.*)$/.exec(to);
  return !!a && !!b && Number(b[1]) === Number(a[1]) + 1 && a[2] === b[2];
}

/**
 * Whether a row of the file (`row`) may be someone of the base (`known`) who moved up a class since the
 * base was made: the same full name, one class up, and no birth dates to tell them apart. Only against
 * the base: two namesakes in «10-1» and «11-1» of one file are two pupils.
 */
const isMovedUp = (row: Evidence, known: Evidence) =>
  row.name === known.name && !(row.birth && known.birth) && isClassUp(known.cls, row.cls);

/** A name's words, initials apart: «соколов и.а.» → соколов, и, а. */
const wordsOf = (name: string) => name.split(/[\s.]+/).filter(Boolean);

/**
 * Whether `short` is `full` written with initials, as a class teacher's list often has it («Соколов
 * И. А.», «Соколов И.А.» for «Соколов Иван Андреевич»): the same surname, and each initial the first
 * letter of the name in its place.
 */
function initialsMatch(short: readonly string[], full: readonly string[]): boolean {
  const [surname, ...initials] = short;
  const [fullSurname, ...names] = full;
  return (
    surname === fullSurname &&
    initials.length > 0 &&
    initials.every((initial, i) => initial.length === 1 && (names[i]?.startsWith(initial) ?? false))
  );
}

/** Surname and the first letter of the first name: the key under which namesakes are looked for. */
const lookupKey = (e: Evidence) => {
  const [surname = '', first = ''] = e.words;
  return `${surname} ${first.slice(0, 1)}`;
};

type Read = { ok: true; text: string } | { ok: false; error: Pick<RowError, 'code' | 'params'> };

/** One sheet of a workbook (a CSV is one): its rows from the first, and its name. */
export type TableSheet = {
  name: string;
  rows: readonly (readonly SheetCell[])[];
  /** Row numbers (1-based) hidden in Excel, by hand or by a filter: left out, and the preview says so. */
  hiddenRows?: ReadonlySet<number>;
};

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
  const cols = columnsOf(table[headerIndex] ?? []);
  const hasClassColumn =
    cols.one.classOrSubject !== undefined || cols.one.grade !== undefined || cols.one.position !== undefined;
  const onSheet = isOneOfMany ? { sheet: sheet.name } : {};
  const nameTail = unheadedAfter(cols.headings, cols.one.fullName);
  const nameColumns = [
    cols.one.fullName,
    cols.one.lastName,
    cols.one.firstName,
    cols.one.middleName,
    ...nameTail,
  ].filter((c) => c !== undefined);
  /** The class a section row («7 «Б» класс») gives the rows below it that have none. */
  let classOfSection: string | null = hasClassColumn ? null : classOfSheet(sheet, headerIndex);

  for (let i = headerIndex + 1; i < table.length; i++) {
    const cells = table[i] ?? [];
    const row = i + 1;
    if (cells.every((c) => typeof c === 'string' && clean(c) === '')) continue;
    const skip = (code: SkippedRow['code'], text: string) =>
      plan.skipped.push({ row, ...onSheet, code, params: { text: clean(text) } });
    const texts = cells.filter((c): c is string => typeof c === 'string' && clean(c) !== '');
    if (sheet.hiddenRows?.has(row)) {
      skip('hidden', texts.join(' | '));
      continue;
    }
    const first = texts[0];
    if (first !== undefined && isFooterText(first)) {
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
        return DATE_LIKE.test(value)
          ? problem('looksLikeDate', { column, value })
          : { ok: true, text: value };
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
    const fullName = tidyName(
      cols.one.fullName !== undefined
        ? withNameTail(at('fullName'), nameTail, cells)
        : [at('lastName'), at('firstName'), at('middleName')].filter(Boolean).join(' '),
    );
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
      (typedClass && (sectionClass(typedClass) ?? typedClass)) || at('position') || classOfSection;
    if (classOrSubject && classOrSubject.length > 100) {
      fail('tooLong', {
        column: cols.headings[cols.one.classOrSubject ?? cols.one.position ?? 0] ?? '',
        max: 100,
      });
      continue;
    }
    const kindText = at('kind');
    const kind: PersonKind | null = kindText
      ? kindOf(kindText, classOrSubject)
      : cols.one.position !== undefined && at('position')
        ? (kindOf(at('position'), null) ?? 'teacher')
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
