// A class list from CSV or XLSX, as people: the header row names the columns, each row is checked, and
// the report names every row that cannot be imported and why.
export type PersonDraft = {
  fullName: string;
  kind: 'student' | 'teacher' | 'other';
  classOrSubject: string | null;
  minor: boolean;
};
export type RowError = { row: number; reason: string };
export type ImportPlan = { people: PersonDraft[]; errors: RowError[]; duplicates: number };

const norm = (s: unknown) =>
  String(s ?? '')
    .trim()
    .replace(/\s+/g, ' ');
const key = (s: string) =>
  s
    .toLocaleLowerCase('ru')
    .replace(/ё/g, 'е')
    .replace(/[^a-zа-я]/g, '');

const COLUMNS: Record<string, string[]> = {
  fullName: ['фио', 'фамилияимяотчество', 'ученик', 'участник', 'fullname', 'name'],
  lastName: ['фамилия', 'lastname', 'surname'],
  firstName: ['имя', 'firstname'],
  middleName: ['отчество', 'middlename', 'patronymic'],
  classOrSubject: ['класс', 'классилипредмет', 'предмет', 'class', 'subject'],
  kind: ['категория', 'роль', 'кто', 'kind', 'role'],
  minor: ['несовершеннолетний', 'minor'],
};

const KINDS: Record<string, PersonDraft['kind']> = {
  ученик: 'student',
  ученица: 'student',
  обучающийся: 'student',
  обучающаяся: 'student',
  студент: 'student',
  student: 'student',
  учитель: 'teacher',
  педагог: 'teacher',
  teacher: 'teacher',
  другое: 'other',
  other: 'other',
};

function columnsOf(header: unknown[]): Partial<Record<keyof typeof COLUMNS, number>> {
  const found: Partial<Record<keyof typeof COLUMNS, number>> = {};
  header.forEach((cell, index) => {
    const k = key(norm(cell));
    for (const [column, names] of Object.entries(COLUMNS))
      if (names.includes(k) && found[column] === undefined) found[column] = index;
  });
  return found;
}

const YES = new Set(['да', 'yes', 'true', '1', '+']);
const NO = new Set(['нет', 'no', 'false', '0', '-', '']);

/** `existing` are «name|class» keys already in the base: such rows are counted, not imported twice. */
export function planImport(table: unknown[][], existing: ReadonlySet<string> = new Set()): ImportPlan {
  const [header = [], ...rows] = table;
  const cols = columnsOf(header);
  if (cols.fullName === undefined && (cols.lastName === undefined || cols.firstName === undefined)) {
    return {
      people: [],
      errors: [{ row: 1, reason: 'нет столбца «ФИО» (или «Фамилия» и «Имя») в первой строке' }],
      duplicates: 0,
    };
  }
  const people: PersonDraft[] = [];
  const errors: RowError[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const [i, cells] of rows.entries()) {
    const row = i + 2;
    const at = (c: keyof typeof COLUMNS) => (cols[c] === undefined ? '' : norm(cells[cols[c] as number]));
    if (cells.every((c) => norm(c) === '')) continue;
    const fullName =
      cols.fullName !== undefined
        ? at('fullName')
        : [at('lastName'), at('firstName'), at('middleName')].filter(Boolean).join(' ');
    if (!fullName) {
      errors.push({ row, reason: 'не указано ФИО' });
      continue;
    }
    if (fullName.length > 200) {
      errors.push({ row, reason: 'ФИО длиннее 200 знаков' });
      continue;
    }
    if (/\d/.test(fullName)) {
      errors.push({ row, reason: `в ФИО «${fullName}» есть цифры` });
      continue;
    }
    const kindText = key(at('kind'));
    const kind = kindText ? KINDS[kindText] : 'student';
    if (!kind) {
      errors.push({ row, reason: `непонятная категория «${at('kind')}»: ученик, педагог или другое` });
      continue;
    }
    const classOrSubject = at('classOrSubject') || null;
    const minorText = key(at('minor'));
    if (cols.minor !== undefined && !YES.has(minorText) && !NO.has(minorText)) {
      errors.push({
        row,
        reason: `«несовершеннолетний» должно быть «да» или «нет», а не «${at('minor')}»`,
      });
      continue;
    }
    const minor = cols.minor !== undefined && minorText !== '' ? YES.has(minorText) : kind === 'student';
    const id = `${key(fullName)}|${key(classOrSubject ?? '')}`;
    if (seen.has(id)) {
      errors.push({ row, reason: `«${fullName}» уже есть выше в этом файле` });
      continue;
    }
    seen.add(id);
    if (existing.has(id)) {
      duplicates += 1;
      continue;
    }
    people.push({ fullName, kind, classOrSubject, minor });
  }
  return { people, errors, duplicates };
}

export function personKey(fullName: string, classOrSubject: string | null): string {
  return `${key(fullName)}|${key(classOrSubject ?? '')}`;
}
