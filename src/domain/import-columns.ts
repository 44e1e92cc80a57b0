// The columns of a class list: which heading names which column, by the words class lists and journal
// exports use, and where the header row stands among the first rows.
import { foldText } from './fold-text';
import { clean, type SheetCell } from './import-table';

export type Column =
  | 'fullName'
  | 'lastName'
  | 'firstName'
  | 'middleName'
  | 'classOrSubject'
  | 'subject'
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
export const headingKey = (s: string) => foldText(s).replace(/[^\p{L}\p{N}]/gu, '');
/** Headings about a parent or legal representative: their name and contacts are the minor's contacts. */
const SOMEONE_ELSE = /родител|представител|матер|мамы|отца|папы/;

/** A heading of names written first name first: «Имя и фамилия», «Имя, фамилия». */
const GIVEN_FIRST = /^(имяи?фамилия|firstandlastname)/;

/** Which column a heading names, by the words class lists and journal exports use. */
function columnOf(key: string): Column | null {
  // Before «наставник» below, which names someone else's column.
  if (/^(обученкакнаставник|прошелобучение|trained)/.test(key)) return 'trained';
  // Someone else's name: «ФИО классного руководителя», «Наставник», «Куратор».
  if (key === '' || /классн.*руковод|наставник|куратор/.test(key)) return null;
  // Short forms too: «Моб. тел.», «Сот. тел. мамы», «Эл. почта», «Адрес эл. почты» (left out, the
  // class's phones and e-mails with them). Not «сот» alone: «Сотрудник» is a name's column.
  if (
    /^(телефон|тел|моб|сотов|соттел|контакт|contact|phone|email|mail|е?мейл|имейл|емэйл|имэйл|почта|элпочт|электроннаяпочта|адресэл)/.test(
      key,
    )
  )
    return 'contact';
  // Their name or the column of them alone («ФИО матери», «Родители (законные представители)»); their
  // birth date, workplace or passport is not a contact, nor kept: with its dates read as a class Excel
  // had garbled, «Дата рождения родителя» refused every row.
  if (SOMEONE_ELSE.test(key))
    return /^(фио|фамилия|имя|родител|законн|представител|мать|матер|мама|мамы|отец|отца|папа|папы)/.test(key)
      ? 'contact'
      : null;
  // «ФИО», «Фамилия, имя», «Фамилия И.О.», and «ФИО» after who they are: «Обучающийся (ФИО)».
  if (/^(фио|фамилияимя|фамилияиимя|фамилияио$|фамилияи?инициалы|fullname|name$)|фио$/.test(key))
    return 'fullName';
  // A form's question «Имя и фамилия»: the name, first name first (GIVEN_FIRST).
  if (GIVEN_FIRST.test(key)) return 'fullName';
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
  // Not «Группа здоровья», «Группа по физкультуре», «Группа риска»: a health group «II» was the class.
  if (/^(класс|кл$|группа(?!здоров|по|физ|мед|риск|инвалид|продл)|учебнаягруппа|class|grade)/.test(key))
    return 'classOrSubject';
  // What a teacher teaches: «Предмет», a journal's staff list's «Преподаваемые предметы».
  if (/^(предмет|преподаваем|дисциплин|subject)/.test(key)) return 'subject';
  // A class in two columns, as some school systems export it: «Параллель» 7 and «Литера» А.
  if (/^(параллель|годобучения)/.test(key)) return 'grade';
  if (/^(литера|литер|буква)/.test(key)) return 'letter';
  if (/^(должность|position)/.test(key)) return 'position';
  // Who they are in the programme: not a family's or a document's type («Тип семьи», «Категория учёта»
  // of a social passport), whose values refused every row as an unknown category.
  if (
    /^(категория|роль|кто|тип|kind|role|category)(участник(а|ов)?|впрограмме|внаставничестве|наставничества)?$/.test(
      key,
    )
  )
    return 'kind';
  if (/^(несовершеннолет|minor)/.test(key)) return 'minor';
  if (/^(вархиве|архив|archived)/.test(key)) return 'archived';
  if (/^(датарожд|др$|birthdate|dateofbirth|birthday)/.test(key)) return 'birthDate';
  return null;
}

/**
 * The columns a header names: `one` the column of each kind (the first, when two have the same kind),
 * `contacts` every contact column, `givenFirst` whether the names are headed as written first name
 * first.
 */
type Columns = {
  one: Partial<Record<Column, number>>;
  contacts: number[];
  headings: string[];
  givenFirst: boolean;
};

export function columnsOf(header: readonly SheetCell[]): Columns {
  const one: Partial<Record<Column, number>> = {};
  const contacts: number[] = [];
  const headings = header.map((cell) => (typeof cell === 'string' ? clean(cell) : ''));
  headings.forEach((heading, index) => {
    const column = columnOf(headingKey(heading));
    if (column === 'contact') contacts.push(index);
    else if (column && one[column] === undefined) one[column] = index;
  });
  const givenFirst = one.fullName !== undefined && GIVEN_FIRST.test(headingKey(headings[one.fullName] ?? ''));
  return { one, contacts, headings, givenFirst };
}

const hasNames = (c: Columns) =>
  c.one.fullName !== undefined || (c.one.lastName !== undefined && c.one.firstName !== undefined);

/** The heading of the column of row numbers, folded: «№», «№ п/п», «Номер», «N». */
const NUMBERING = /^(пп|номер|no|n|)$/;

/** Whether a heading is the column of row numbers'. */
export const isNumberingHeading = (heading: string) => NUMBERING.test(headingKey(heading));

/**
 * A row of headings only: each of its cells a heading the import knows, or empty (no person's name or
 * other value among them).
 */
function isHeading(row: readonly SheetCell[]): boolean {
  const keys = row.map((cell) => (typeof cell === 'string' ? headingKey(cell) : ''));
  return (
    keys.some((key) => key !== '') &&
    keys.every((key) => key === '' || NUMBERING.test(key) || columnOf(key) !== null)
  );
}

/** How many rows from the top may stand above the header (titles, dates, signatures). */
export const HEADER_SEARCH_ROWS = 30;

/**
 * The index of the header row among the first rows (−1 when none names the people): of its lower row
 * when the header has two levels (headingsAt).
 */
export function findHeader(rows: readonly (readonly SheetCell[])[]): number {
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    if (!hasNames(columnsOf(rows[i] ?? []))) continue;
    return isHeading(rows[i + 1] ?? []) ? i + 1 : i;
  }
  return -1;
}

const cellText = (cell: SheetCell | undefined) => (typeof cell === 'string' ? clean(cell) : '');

/**
 * The headings of the header row at `index`, one a column. A header of two levels — a row naming the
 * people above a row of headings only — gives each column its lower heading, else its upper one:
 * «ФИО» merged above «Фамилия», «Имя», «Отчество»; «Класс» merged down both rows. A lower heading under
 * a group about someone else keeps the group's words: «Родители» merged above «ФИО» and «Телефон» is
 * the parents' name and phone, not the pupil's name (the parent was imported as the pupil), and
 * «Контакты» above «Телефон» and «E-mail» reads both (the e-mail was left out, and the row of
 * subheadings refused as a person without a name).
 */
export function headingsAt(rows: readonly (readonly SheetCell[])[], index: number): string[] {
  const lower = (rows[index] ?? []).map(cellText);
  const upperRow = rows[index - 1] ?? [];
  const isTwoLevel = index > 0 && hasNames(columnsOf(upperRow)) && isHeading(rows[index] ?? []);
  if (!isTwoLevel) return lower;
  const upper = upperRow.map(cellText);
  let group = '';
  return Array.from({ length: Math.max(upper.length, lower.length) }, (_, c) => {
    group = upper[c] || (lower[c] ? group : '');
    const below = lower[c] ?? '';
    if (below === '') return upper[c] ?? '';
    return SOMEONE_ELSE.test(headingKey(group)) && group !== below ? `${group} ${below}` : below;
  });
}

/**
 * The columns without a heading right after the «ФИО» column (at most two): where «ФИО» is a title merged
 * over the surname, first name and patronymic columns, with no header row of their own below it.
 */
export function unheadedAfter(headings: readonly string[], nameColumn: number | undefined): number[] {
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
export function withNameTail(name: string, tail: readonly number[], cells: readonly SheetCell[]): string {
  if (tail.length === 0 || !ONE_WORD.test(name)) return name;
  const parts = tail.map((c) => {
    const cell = cells[c];
    return typeof cell === 'string' ? clean(cell) : null;
  });
  const isNameParts = parts.every((p) => p !== null && (p === '' || ONE_WORD.test(p)));
  return isNameParts ? [name, ...parts].filter(Boolean).join(' ') : name;
}

/** Column headings the import understands, for the message when none is found. */
export const NAME_HEADINGS = '«ФИО», «Фамилия, имя, отчество» или «Фамилия» и «Имя»';

/** Headings of a contacts column that name no kind of contact. */
export const GENERIC_CONTACTS = /^(контакты|контакт|контактныеданные|контактнаяинформация|contacts?)$/;

/**
 * A name from a «Фамилия Имя» column with the patronymic of an «Отчество» column beside it; a name that
 * has it already («ФИО» given in full as well) is left as it is.
 */
export function withPatronymic(name: string, patronymic: string): string {
  const has = foldText(name).split(' ').includes(foldText(patronymic));
  return patronymic === '' || has ? name : `${name} ${patronymic}`;
}
