import { describe, expect, it } from 'vitest';
import { type ExistingPerson, type ImportPlan, planImport } from './import-people';
import type { SheetCell } from './import-table';

const TODAY = '2026-09-01';
/** The plan as rows: `row: name | class | kind | minor` for imports, the code and row for errors. */
function rows(plan: ImportPlan) {
  return {
    people: plan.people.map(
      ({ row, person: p }) => `${row}: ${p.fullName} | ${p.classOrSubject ?? '—'} | ${p.kind} | ${p.minor}`,
    ),
    likely: plan.likely.map(({ row, of }) => `${row} ~ ${'person' in of ? of.person.id : `row ${of.row}`}`),
    existing: plan.existing.map(({ row, id }) => `${row} = ${id}`),
    errors: plan.errors.map(({ row, code, params }) => `${row}: ${code} ${JSON.stringify(params)}`),
  };
}
const base = (id: string, fullName: string, classOrSubject: string | null, birthDate: string | null = null) =>
  ({ id, fullName, classOrSubject, birthDate }) satisfies ExistingPerson;

describe('importing a class list', () => {
  it('reads names, classes and categories, and names every bad row', () => {
    const plan = planImport([
      ['ФИО', 'Класс', 'Категория'],
      ['Иванов Иван Иванович', '7Б', 'ученик'],
      ['  Петрова   Анна ', '7Б', ''],
      ['', '7Б', 'ученик'],
      ['Сидоров 2 Пётр', '7Б', 'ученик'],
      ['Козлова Мария', 'Математика', 'педагог'],
      ['Орлов Олег', '7Б', 'директор'],
      ['Иванов Иван Иванович', '7Б', 'ученик'],
      ['', '', ''],
    ]);
    expect(rows(plan).people).toEqual([
      '2: Иванов Иван Иванович | 7Б | student | true',
      '3: Петрова Анна | 7Б | student | true',
      '6: Козлова Мария | Математика | teacher | false',
    ]);
    expect(rows(plan).errors).toEqual([
      '4: noName {}',
      '5: nameHasDigits {"name":"Сидоров 2 Пётр"}',
      `7: badKind ${JSON.stringify({ value: 'директор', words: plan.errors[2]?.params.words })}`,
      '8: repeated {"name":"Иванов Иван Иванович","row":2}',
    ]);
  });

  it('accepts the words schools use for a category, in any case and number, and lists them when it cannot', () => {
    const words = [
      ['учащийся', 'student'],
      ['Обучающаяся', 'student'],
      ['ОБУЧАЮЩИЙСЯ', 'student'],
      ['ученица', 'student'],
      ['школьник', 'student'],
      ['студент', 'student'],
      ['Педагог', 'teacher'],
      ['учитель', 'teacher'],
      ['учительница', 'teacher'],
      ['преподаватель', 'teacher'],
      ['педагог-психолог', 'teacher'],
      ['классный руководитель', 'teacher'],
      ['другое', 'other'],
      ['работодатель', 'other'],
    ];
    const plan = planImport([
      ['ФИО', 'Категория участника'],
      ...words.map(([word], i) => [`Человек${String.fromCharCode(1072 + i)} Тестов`, word ?? '']),
    ]);
    expect(plan.errors).toEqual([]);
    expect(plan.people.map((p) => p.person.kind)).toEqual(words.map(([, kind]) => kind));
    const refused = planImport([
      ['ФИО', 'Роль'],
      ['Орлов Олег', 'директор'],
    ]).errors[0];
    expect(refused?.code).toBe('badKind');
    for (const word of ['учащийся', 'обучающийся', 'ученик', 'педагог', 'учитель', 'преподаватель'])
      expect(String(refused?.params.words)).toContain(word);
  });

  it('reads «наставник» and «наставляемый» as a student or a teacher by the class', () => {
    const plan = planImport([
      ['ФИО', 'Класс', 'Категория'],
      ['Старшая Анна', '10А', 'наставник'],
      ['Опытная Ольга', 'История', 'наставник'],
      ['Младший Иван', '5Б', 'наставляемый'],
      ['Молодой Пётр', 'Физика', 'наставляемый'],
    ]);
    expect(plan.people.map((p) => p.person.kind)).toEqual(['student', 'teacher', 'student', 'teacher']);
  });

  it('keeps namesakes in different classes — «5А» and «7А», «10-1» and «11-1» — in the file and against the base', () => {
    const plan = planImport(
      [
        ['ФИО', 'Класс'],
        ['Смирнов Алексей', '5А'],
        ['Смирнов Алексей', '7А'],
        ['Кузнецова Мария', '10-1'],
        ['Кузнецова Мария', '11-1'],
        ['Попов Иван', '10-1'],
        ['Попов Иван', '7 а'],
      ],
      [base('p1', 'Попов Иван', '11-1'), base('p2', 'ПОПОВ  ИВАН', '7А')],
    );
    expect(rows(plan)).toEqual({
      people: [
        '2: Смирнов Алексей | 5А | student | true',
        '3: Смирнов Алексей | 7А | student | true',
        '4: Кузнецова Мария | 10-1 | student | true',
        '5: Кузнецова Мария | 11-1 | student | true',
        '6: Попов Иван | 10-1 | student | true',
      ],
      likely: [],
      existing: ['7 = p2'],
      errors: [],
    });
  });

  it('offers pupils one class up from the base («7Б» → «8Б», «10-1» → «11-1») as likely the same, in September', () => {
    const plan = planImport(
      [
        ['ФИО', 'Класс', 'Дата рождения'],
        ['Ёлкина Алёна Сергеевна', '8 «Б»', ''],
        ['Соколов Иван', '11-1', ''],
        ['Петров Пётр', '9Б', ''],
        ['Орлов Олег', '8А', ''],
        ['Гусев Денис', '8Б', '02.02.2013'],
      ],
      [
        base('a', 'Ёлкина Алёна Сергеевна', '7Б'),
        base('b', 'Соколов Иван', '10-1'),
        base('c', 'Петров Пётр', '7Б'),
        base('d', 'Орлов Олег', '7Б'),
        base('e', 'Гусев Денис', '7Б', '01.01.2013'),
      ],
      TODAY,
    );
    expect(rows(plan)).toEqual({
      // Two classes up, another letter, or another birth date: someone else.
      people: [
        '4: Петров Пётр | 9Б | student | true',
        '5: Орлов Олег | 8А | student | true',
        '6: Гусев Денис | 8Б | student | true',
      ],
      likely: ['2 ~ a', '3 ~ b'],
      existing: [],
      errors: [],
    });
    expect(plan.likely.every((l) => 'person' in l.of && l.of.isMovedUp)).toBe(true);
  });

  it('tells namesakes apart by birth date when the file has one, and decides minors by it', () => {
    const plan = planImport(
      [
        ['Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Класс'],
        ['Волков', 'Артём', 'Игоревич', '12.03.2012', '8А'],
        ['Волков', 'Артём', 'Игоревич', '2012-05-30', '8А'],
        ['Волкова', 'Анна', '', '01.09.2008', '11А'],
        ['Волкова', 'Вера', '', '31.02.2010', '9А'],
        ['Ёлкин', 'Фёдор', '', '2011-01-15', '9Б'],
      ],
      [base('e1', 'Елкин Федор', null, '2011-01-15')],
      TODAY,
    );
    expect(rows(plan)).toEqual({
      people: [
        '2: Волков Артём Игоревич | 8А | student | true',
        '3: Волков Артём Игоревич | 8А | student | true',
        '4: Волкова Анна | 11А | student | false',
      ],
      likely: [],
      existing: ['6 = e1'],
      errors: ['5: badBirthDate {"column":"Дата рождения","value":"31.02.2010"}'],
    });
    expect(plan.people.map((p) => p.person.birthDate)).toEqual(['2012-03-12', '2012-05-30', '2008-09-01']);
  });

  it('says a birth date that is a year alone is one, and how to re-save a file whose dates read as years', () => {
    const plan = planImport([
      ['ФИО', 'Класс', 'Дата рождения'],
      ['Волков Артём', '8А', '2012'],
      ['Зайцев Илья', '8А', '2012-13-01'],
    ]);
    expect(rows(plan).errors).toEqual([
      '2: birthYearOnly {"column":"Дата рождения","value":"2012"}',
      '3: badBirthDate {"column":"Дата рождения","value":"2012-13-01"}',
    ]);
  });

  it('reads birth dates as schools write them: two-digit years, year first with dots, Excel day numbers', () => {
    // Each was refused whole, the pupil left out (a walk-through with a real class list).
    const plan = planImport(
      [
        ['ФИО', 'Класс', 'Дата рождения'],
        ['Волков Артём', '8А', '05.11.12'],
        ['Зайцев Илья', '8А', '2013.08.20'],
        ['Орлов Пётр', '8А', '39800'],
        ['Сомов Глеб', '8А', '1/9/2013'],
        ['Титова Ирина', 'Математика', '12.03.75'],
        ['Быков Лев', '8А', '01.01.2030'],
      ],
      [],
      TODAY,
    );
    expect(plan.people.map((p) => [p.person.fullName, p.person.birthDate])).toEqual([
      ['Волков Артём', '2012-11-05'],
      ['Зайцев Илья', '2013-08-20'],
      ['Орлов Пётр', '2008-12-18'],
      ['Сомов Глеб', '2013-09-01'],
      ['Титова Ирина', '1975-03-12'],
    ]);
    expect(rows(plan).errors).toEqual(['7: futureBirthDate {"column":"Дата рождения","value":"01.01.2030"}']);
  });

  it('reads the name’s parts from the columns under a «ФИО» merged over them', () => {
    // «ФИО» merged over three columns, with no header row of its own below: only the surname was read,
    // and «Иванов» went in as a whole person.
    const plan = planImport([
      ['№', 'ФИО', '', '', 'Класс'],
      ['1', 'Иванов', 'Иван', 'Иванович', '7А'],
      ['2', 'Петрова', 'Анна', '', '7А'],
      ['3', 'Салтыкова-Щедрина', 'Мария', 'Петровна', '7А'],
    ]);
    expect(plan.people.map((p) => p.person.fullName)).toEqual([
      'Иванов Иван Иванович',
      'Петрова Анна',
      'Салтыкова-Щедрина Мария Петровна',
    ]);
    expect(plan.errors).toEqual([]);
  });

  it('leaves a full name as it is when an unheaded column beside it holds a note', () => {
    const plan = planImport([
      ['ФИО', '', 'Класс'],
      ['Иванов Иван', 'отличник', '7А'],
      ['Петров', 'выбыл 01.10', '7А'],
    ]);
    expect(plan.people.map((p) => p.person.fullName)).toEqual(['Иванов Иван', 'Петров']);
  });

  it('reads a class headed «Кл.», and one given in two columns, «Параллель» and «Литера»', () => {
    // Both were left out without a word: every pupil came in without a class.
    const short = planImport([
      ['ФИО', 'Кл.'],
      ['Белова Ксения', '7а'],
    ]);
    expect(short.people.map((p) => p.person.classOrSubject)).toEqual(['7А']);
    const split = planImport([
      ['ФИО', 'Параллель', 'Литера'],
      ['Белова Ксения', '7', 'а'],
      ['Гусев Денис', '10', 'Б'],
      ['Зуев Илья', '11', ''],
    ]);
    expect(split.people.map((p) => p.person.classOrSubject)).toEqual(['7А', '10Б', '11']);
  });

  it('refuses a phone that Excel shortened to «7,91235E+10» in a CSV, naming the column', () => {
    // It went in as the contact «Телефон: 7,91235E+10», its digits lost without a word.
    const plan = planImport([
      ['ФИО', 'Телефон'],
      ['Белова Ксения', '7,91235E+10'],
      ['Гусев Денис', '79123456789'],
    ]);
    expect(rows(plan).errors).toEqual(['2: shortenedNumber {"column":"Телефон","value":"7,91235E+10"}']);
    expect(plan.people.map((p) => p.person.contacts)).toEqual(['Телефон: 79123456789']);
  });

  it('takes the contacts under the short headings forms use: «Моб. тел.», «Эл. почта», «Сот. тел. мамы»', () => {
    // Each column was no column: the phones and e-mails of a whole class were left out without a word.
    const plan = planImport([
      ['ФИО', 'Класс', 'Моб. тел.', 'Эл. почта', 'Сот. тел. мамы', 'Адрес эл. почты', 'Сотрудник школы'],
      ['Иванов Иван', '7А', '89120000000', 'iv@mail.ru', '89121111111', 'iv2@mail.ru', ''],
    ]);
    expect(plan.people.map((p) => p.person.contacts)).toEqual([
      'Моб. тел.: 89120000000; Эл. почта: iv@mail.ru; Сот. тел. мамы: 89121111111; Адрес эл. почты: iv2@mail.ru',
    ]);
  });

  it('names the columns it does not read, each once, and not the row numbers’ or the name’s own', () => {
    const plan = planImport([
      ['№ п/п', 'ФИО', '', 'Класс', 'Пол', 'СНИЛС', 'Класс', 'Пол', 'E-mail'],
      ['1', 'Иванов', 'Иван', '7А', 'м', '000-000-000 00', '7А', 'м', 'iv@mail.ru'],
    ]);
    expect(rows(plan).people).toEqual(['2: Иванов Иван | 7А | student | true']);
    expect(plan.unread).toEqual(['Пол', 'СНИЛС', 'Класс']);
    expect(
      planImport([
        ['ФИО', 'Класс'],
        ['Иванов Иван', '7А'],
      ]).unread,
    ).toEqual([]);
  });

  it('reads a form’s «Имя и фамилия» surname first, as the library tells the words apart, and «Фамилия и инициалы»', () => {
    // Such a header was no header: the whole list was refused («нет столбца ФИО»).
    const plan = planImport([
      ['Отметка времени', 'Имя и фамилия', 'Класс', 'Адрес электронной почты'],
      ['01.09.2026 10:00:00', 'Анна Смирнова', '7А', 'anna@example.org'],
      ['01.09.2026 10:05:00', 'Петров Иван', '7А', ''],
      ['01.09.2026 10:07:00', 'Лев Толстой', '7А', ''],
      ['01.09.2026 10:09:00', 'Алёна Ёлкина', '7А', ''],
    ]);
    expect(rows(plan).people).toEqual([
      '2: Смирнова Анна | 7А | student | true',
      '3: Петров Иван | 7А | student | true',
      // «Лев» is a surname too: as typed.
      '4: Лев Толстой | 7А | student | true',
      '5: Ёлкина Алёна | 7А | student | true',
    ]);
    expect(plan.unread).toEqual(['Отметка времени']);
    const initials = planImport([
      ['Фамилия и инициалы', 'Класс'],
      ['Соколов И. А.', '7А'],
    ]);
    expect(rows(initials).people).toEqual(['2: Соколов И. А. | 7А | student | true']);
  });

  it('takes the class from «Класс», not from a health group before it', () => {
    // «Группа здоровья» before «Класс» was the class: pupils of 7А were imported in classes «II» and «I».
    const plan = planImport([
      ['ФИО', 'Группа здоровья', 'Группа по физкультуре', 'Класс'],
      ['Иванов Иван', 'II', 'основная', '7А'],
      ['Петров Пётр', 'I', 'подготовительная', '7А'],
    ]);
    expect(rows(plan).people).toEqual([
      '2: Иванов Иван | 7А | student | true',
      '3: Петров Пётр | 7А | student | true',
    ]);
    expect(plan.unread).toEqual(['Группа здоровья', 'Группа по физкультуре']);
    expect(
      rows(
        planImport([
          ['ФИО', 'Группа'],
          ['Иванов Иван', 'ИС-21'],
        ]),
      ).people,
    ).toEqual(['2: Иванов Иван | ИС-21 | student | true']);
  });

  it('reads no category out of a social passport’s «Тип семьи», «Категория семьи», «Тип документа»', () => {
    // Their values («полная», «многодетная») refused every pupil as of an unknown category.
    const plan = planImport([
      ['ФИО', 'Класс', 'Тип семьи', 'Категория семьи', 'Тип документа', 'Категория учёта'],
      ['Иванов Иван', '7А', 'полная', 'многодетная', 'свидетельство о рождении', 'ВШУ'],
    ]);
    expect(rows(plan).people).toEqual(['2: Иванов Иван | 7А | student | true']);
    expect(plan.unread).toEqual(['Тип семьи', 'Категория семьи', 'Тип документа', 'Категория учёта']);
  });

  it('takes a parent’s name and phone for contacts, not their birth date, workplace or passport', () => {
    // «Дата рождения родителя» was a contacts column, and its dates refused every row as a garbled class.
    const plan = planImport([
      [
        'ФИО',
        'ФИО матери',
        'Дата рождения матери',
        'Место работы матери',
        'Паспорт родителя',
        'Телефон матери',
      ],
      ['Белова Ксения', 'Белова Ольга', '05.06.1985', 'ООО «Ромашка»', '5700 123456', '+7 900 000-00-00'],
    ]);
    expect(plan.errors).toEqual([]);
    expect(plan.people.map((p) => p.person.contacts)).toEqual([
      'ФИО матери: Белова Ольга; Телефон матери: +7 900 000-00-00',
    ]);
  });

  it('adds the patronymic of an «Отчество» column to a «Фамилия Имя» column', () => {
    // The patronymic was dropped without a word.
    const plan = planImport([
      ['Фамилия Имя', 'Отчество', 'Класс'],
      ['Иванов Иван', 'Иванович', '7А'],
      ['Петрова Анна', '', '7А'],
      ['Сидоров Олег Петрович', 'Петрович', '7А'],
    ]);
    expect(plan.people.map((p) => p.person.fullName)).toEqual([
      'Иванов Иван Иванович',
      'Петрова Анна',
      'Сидоров Олег Петрович',
    ]);
  });

  it('reads a two-level header whose groups are about the parents or the contacts', () => {
    // «Родители» over «ФИО» and «Телефон»: the parent was imported as the pupil, without class or birth date.
    const parents = planImport(
      [
        ['№', 'ФИО', 'Класс', 'Родители', '', 'Дата рождения'],
        ['', '', '', 'ФИО', 'Телефон', ''],
        ['1', 'Иванов Иван', '7А', 'Иванова Мария', '+7 900 000-00-00', '01.02.2013'],
      ],
      [],
      TODAY,
    );
    expect(parents.people.map((p) => p.person)).toMatchObject([
      {
        fullName: 'Иванов Иван',
        classOrSubject: '7А',
        birthDate: '2013-02-01',
        contacts: 'Родители ФИО: Иванова Мария; Родители Телефон: +7 900 000-00-00',
      },
    ]);
    // «Контакты» over «Телефон» and «E-mail»: the e-mail was left out, and the row of subheadings refused
    // as a person without a name.
    const contacts = planImport([
      ['ФИО', 'Контакты', ''],
      ['', 'Телефон', 'E-mail'],
      ['Иванов Иван', '+7 900 000-00-00', 'ivanov@example.org'],
    ]);
    expect(contacts.errors).toEqual([]);
    expect(contacts.people.map((p) => p.person.contacts)).toEqual([
      'Телефон: +7 900 000-00-00; E-mail: ivanov@example.org',
    ]);
  });

  it('skips the row of column numbers an official form puts under its header, and says so', () => {
    // It was refused as a person: «в ФИО «2» есть цифры».
    const plan = planImport([
      ['№', 'ФИО', 'Класс', 'Дата рождения'],
      ['1', '2', '3', '4'],
      ['1', 'Белова Ксения', '7А', ''],
    ]);
    expect(plan.errors).toEqual([]);
    expect(plan.skipped).toEqual([{ row: 2, code: 'numbering', params: { text: '1 | 2 | 3 | 4' } }]);
    expect(plan.people.map((p) => p.person.fullName)).toEqual(['Белова Ксения']);
  });

  it('keeps a school class the one way schools write it, however the list typed it', () => {
    const plan = planImport([
      ['ФИО', 'Класс'],
      ['Белова Ксения', '7 а'],
      ['Гусев Денис', '7-А'],
      ['Зуев Илья', '7 «А» класс'],
      ['Лосев Олег', '7A'],
      ['Мухина Вера', ' 10-1 '],
      ['Носов Юрий', '5А (профиль)'],
      ['Орлова Ирина', 'Математика'],
    ]);
    expect(plan.people.map((p) => p.person.classOrSubject)).toEqual([
      '7А',
      '7А',
      '7А',
      '7А',
      '10-1',
      '5А (профиль)',
      'Математика',
    ]);
  });

  it('takes a young specialist for a teacher, as the teacher–teacher form of mentoring has them', () => {
    const plan = planImport([
      ['ФИО', 'Категория'],
      ['Новикова Дарья Сергеевна', 'молодой специалист'],
      ['Гусева Анна', 'Педагог-психолог'],
    ]);
    expect(rows(plan).people).toEqual([
      '2: Новикова Дарья Сергеевна | — | teacher | false',
      '3: Гусева Анна | — | teacher | false',
    ]);
  });

  it('says a repeated row was found by its birth date when it was, not by its class', () => {
    const plan = planImport([
      ['ФИО', 'Класс', 'Дата рождения'],
      ['Волков Артём', '8А', '12.03.2012'],
      ['Волков Артём', '8Б', '12.03.2012'],
      ['Зайцев Илья', '8А', ''],
      ['Зайцев Илья', '8а', ''],
    ]);
    expect(rows(plan).errors).toEqual([
      '3: repeatedBirthDate {"name":"Волков Артём","row":2}',
      '5: repeated {"name":"Зайцев Илья","row":4}',
    ]);
  });

  it('shows a likely duplicate to the curator instead of dropping it or importing it unasked', () => {
    const plan = planImport(
      [
        ['ФИО', 'Класс'],
        ['Морозова Дарья', ''],
        ['Морозова Дарья', '6В'],
        ['Лебедев Павел', '9А'],
        ['Никитин Олег', '8Б'],
      ],
      [base('l1', 'Лебедев Павел Сергеевич', '9А'), base('n1', 'Никитин Олег', null)],
    );
    expect(rows(plan)).toEqual({
      people: ['2: Морозова Дарья | — | student | true'],
      likely: ['3 ~ row 2', '4 ~ l1', '5 ~ n1'],
      existing: [],
      errors: [],
    });
  });

  it('shows a pupil written with initials as likely one of the base or of the file', () => {
    const plan = planImport(
      [
        ['ФИО', 'Класс'],
        ['Соколов И. А.', '5Г'],
        ['Соколов И.А.', '5Г'],
        ['Соколов Илья', '5Г'],
        ['Смирнова М. П.', '7А'],
      ],
      [base('s1', 'Соколов Иван Андреевич', '5Г'), base('m1', 'Смирнова Мария Павловна', '6Б')],
    );
    expect(rows(plan)).toEqual({
      // «Илья» is another boy; the Smirnova of 7А is not the one of 6Б.
      people: ['4: Соколов Илья | 5Г | student | true', '5: Смирнова М. П. | 7А | student | true'],
      likely: ['2 ~ s1', '3 ~ s1'],
      existing: [],
      errors: [],
    });
  });

  it('finds the header below title rows, with the usual column names', () => {
    const plan = planImport([
      ['Список обучающихся 7А класса на 01.09.2026', 'Список обучающихся 7А класса на 01.09.2026'],
      [''],
      ['№ п/п', 'Ф.И.О. обучающегося', 'ФИО классного руководителя', 'Телефон родителя', 'Класс'],
      ['1', 'Белова Ксения', 'Учителева Нина', '+7 900 000-00-01', '7А'],
      ['', '', '', '', ''],
      ['2', 'Гусев Денис', 'Учителева Нина', '', '7А'],
    ]);
    expect(plan.headerRow).toBe(3);
    expect(rows(plan).people).toEqual([
      '4: Белова Ксения | 7А | student | true',
      '6: Гусев Денис | 7А | student | true',
    ]);
    expect(plan.people.map((p) => p.person.contacts)).toEqual(['Телефон родителя: +7 900 000-00-01', null]);
  });

  it('accepts valid names as web journals and Word write them: an en dash, a soft hyphen, a zero-width space', () => {
    const plan = planImport([
      ['ФИО', 'Класс'],
      ['Салтыкова–Щедрина Мария Ивановна', '7Б'],
      ['Римская — Корсакова Анна', '7Б'],
      ['Соко\u00adлов Иван Андреевич', '7Б\u200b'],
      ['Петров\u200b Пётр Петрович', '7Б'],
      ['\ufeffСидорова Анна', '7Б'],
    ]);
    expect(rows(plan)).toEqual({
      people: [
        '2: Салтыкова-Щедрина Мария Ивановна | 7Б | student | true',
        '3: Римская-Корсакова Анна | 7Б | student | true',
        '4: Соколов Иван Андреевич | 7Б | student | true',
        '5: Петров Пётр Петрович | 7Б | student | true',
        '6: Сидорова Анна | 7Б | student | true',
      ],
      likely: [],
      existing: [],
      errors: [],
    });
  });

  it('imports a name with a Latin look-alike as Cyrillic, so the row typed right below it is the same pupil', () => {
    const plan = planImport([
      ['ФИО', 'Класс'],
      // «Смирнoва» with a Latin «o», then the same pupil spelled right; a foreign name stays Latin.
      ['Смирн\u006fва Мария Павловна', '7Б'],
      ['Смирнова Мария Павловна', '7Б'],
      ['Smith John', '7Б'],
    ]);
    expect(rows(plan)).toEqual({
      people: ['2: Смирнова Мария Павловна | 7Б | student | true', '4: Smith John | 7Б | student | true'],
      likely: [],
      existing: [],
      errors: ['3: repeated {"name":"Смирнова Мария Павловна","row":2}'],
    });
    expect(plan.people[0]?.person.fullName).toMatch(/^[а-яё ]+$/iu);
  });

  it('finds a pupil of the base whose name was typed with a Latin look-alike in the file', () => {
    const plan = planImport(
      [
        ['ФИО', 'Класс'],
        ['Смирн\u006fва Мария', '7Б'],
      ],
      [base('m1', 'Смирнова Мария', '7Б')],
    );
    expect(rows(plan)).toMatchObject({ people: [], existing: ['2 = m1'] });
  });

  it('reads the name headings journals and class teachers write', () => {
    for (const heading of [
      'Обучающийся (ФИО)',
      'Ученик (ФИО)',
      'Обучающиеся',
      'Учащиеся',
      'Фамилия И.О.',
      'Ученики',
    ]) {
      const plan = planImport([
        ['№', heading, 'Класс'],
        ['1', 'Ёлкина А.С.', '7Б'],
      ]);
      expect({ heading, people: rows(plan).people }).toEqual({
        heading,
        people: ['2: Ёлкина А.С. | 7Б | student | true'],
      });
    }
    // Someone else's name is not the pupil's.
    const teacher = planImport([
      ['ФИО классного руководителя', 'ФИО ученика', 'Класс'],
      ['Иванова И. И.', 'Ёлкина Алёна', '7Б'],
    ]);
    expect(rows(teacher).people).toEqual(['2: Ёлкина Алёна | 7Б | student | true']);
  });

  it('refuses a file whose first rows name no people, saying which columns it needs', () => {
    expect(rows(planImport([['Класс'], ['7Б']])).errors).toEqual([
      '1: noHeader {"rows":30,"columns":"«ФИО», «Фамилия, имя, отчество» или «Фамилия» и «Имя»"}',
    ]);
  });

  it('refuses cells that are not text — dates, errors, formulas without a value — only in the columns it reads', () => {
    const date = (iso: string): SheetCell => ({ kind: 'date', iso });
    const plan = planImport([
      ['ФИО', 'Класс', 'Средний балл'],
      ['Зайцев Илья', date('2026-10-01'), '4,5'],
      [{ kind: 'error', shown: '#N/A' }, '8А', ''],
      [{ kind: 'noValue' }, '8А', ''],
      ['Рыбакова Ольга', '01.окт', ''],
      ['Соколов Пётр', '8А', { kind: 'error', shown: '#DIV/0!' }],
      [date('2026-01-01'), '8А', ''],
    ]);
    expect(rows(plan)).toEqual({
      people: ['6: Соколов Пётр | 8А | student | true'],
      likely: [],
      existing: [],
      errors: [
        '2: cellDate {"column":"Класс","date":"01.10.2026"}',
        '3: cellError {"column":"ФИО","value":"#N/A"}',
        '4: cellNoValue {"column":"ФИО"}',
        '5: looksLikeDate {"column":"Класс","value":"01.окт"}',
        '7: cellDate {"column":"ФИО","date":"01.01.2026"}',
      ],
    });
  });

  it('reads the minor column as yes or no, Excel’s booleans included', () => {
    const plan = planImport([
      ['Фамилия', 'Имя', 'Отчество', 'Класс', 'Несовершеннолетний'],
      ['Лебедев', 'Артём', 'Игоревич', '11А', 'нет'],
      ['Лебедева', 'Анна', '', '11А', 'ИСТИНА'],
      ['Лебедева', 'Алла', '', '11А', 'может быть'],
    ]);
    expect(rows(plan).people).toEqual([
      '2: Лебедев Артём Игоревич | 11А | student | false',
      '3: Лебедева Анна | 11А | student | true',
    ]);
    expect(plan.errors[0]).toMatchObject({ row: 4, code: 'badMinor' });
  });

  it('takes a birth date under 18 for a minor, whatever the minor column says', () => {
    // A class list said «нет» for a pupil of 17, who then needed no parental consent (a walk-through).
    const plan = planImport(
      [
        ['ФИО', 'Класс', 'Дата рождения', 'Несовершеннолетний'],
        ['Павлов Илья Андреевич', '10Б', '09.09.2009', 'нет'],
        ['Павлова Ольга Андреевна', '11Б', '09.09.2008', 'нет'],
      ],
      [],
      '2026-12-01',
    );
    expect(rows(plan).people).toEqual([
      '2: Павлов Илья Андреевич | 10Б | student | true',
      '3: Павлова Ольга Андреевна | 11Б | student | false',
    ]);
  });

  it('reads a staff list: a position makes a teacher and is kept as the subject', () => {
    const plan = planImport([
      ['ФИО', 'Должность', 'E-mail'],
      ['Орлова Ирина Павловна', 'Учитель математики', 'orlova@school.ru'],
      ['Егоров Сергей', 'Заместитель директора', ''],
    ]);
    expect(rows(plan).people).toEqual([
      '2: Орлова Ирина Павловна | Учитель математики | teacher | false',
      '3: Егоров Сергей | Заместитель директора | teacher | false',
    ]);
    expect(plan.people[0]?.person.contacts).toBe('E-mail: orlova@school.ru');
  });

  it('reads a staff list by subject: a subject makes a teacher, not a pupil under age', () => {
    // «ФИО | Предмет» and a journal's «Преподаваемые предметы»: each teacher was imported as a pupil and
    // a minor, or without the subject at all.
    const bySubject = planImport([
      ['ФИО', 'Предмет', 'Телефон'],
      ['Орлова Ирина Павловна', 'Математика', '89120000000'],
      ['Соколов Андрей Петрович', 'Физика', ''],
    ]);
    expect(rows(bySubject).people).toEqual([
      '2: Орлова Ирина Павловна | Математика | teacher | false',
      '3: Соколов Андрей Петрович | Физика | teacher | false',
    ]);
    const journal = planImport([
      ['Фамилия', 'Имя', 'Отчество', 'Преподаваемые предметы', 'Педагогический стаж'],
      ['Орлова', 'Ирина', 'Павловна', 'Математика, информатика', '12'],
      ['Зуева', 'Вера', 'Ильинична', '', '1'],
    ]);
    expect(rows(journal).people).toEqual([
      '2: Орлова Ирина Павловна | Математика, информатика | teacher | false',
      '3: Зуева Вера Ильинична | — | teacher | false',
    ]);
    // A class beside the subject, or a category, still says who is who.
    const mixed = planImport([
      ['ФИО', 'Класс', 'Предмет', 'Категория'],
      ['Орлова Ирина Павловна', '', 'Математика', ''],
      ['Петров Пётр', '10А', '', ''],
      ['Смирнова Ольга', '11А', 'Математика', 'наставник'],
    ]);
    expect(rows(mixed).people).toEqual([
      '2: Орлова Ирина Павловна | Математика | teacher | false',
      '3: Петров Пётр | 10А | student | true',
      '4: Смирнова Ольга | 11А | student | true',
    ]);
  });

  it('reads a staff list’s «Категория» of qualification («высшая», «первая», «б/к», «СЗД») as a teacher’s', () => {
    // Every teacher was refused: «категория «высшая» — не учащийся, педагог…».
    const plan = planImport([
      ['ФИО', 'Должность', 'Категория', 'Стаж'],
      ['Орлова Ирина Павловна', 'учитель математики', 'высшая', '25'],
      ['Зуева Вера Ильинична', 'учитель начальных классов', 'первая', '10'],
      ['Козлова Анна', 'учитель', 'б/к', '1'],
      ['Соколов Андрей', 'учитель физики', 'СЗД', '5'],
      ['Новикова Ольга', 'педагог-психолог', 'без категории', '2'],
      ['Белов Олег', '', 'соответствие занимаемой должности', '3'],
    ]);
    expect(plan.errors).toEqual([]);
    expect(rows(plan).people.map((p) => p.replace(/ \| [^|]+ \| /, ' | … | '))).toEqual([
      '2: Орлова Ирина Павловна | … | teacher | false',
      '3: Зуева Вера Ильинична | … | teacher | false',
      '4: Козлова Анна | … | teacher | false',
      '5: Соколов Андрей | … | teacher | false',
      '6: Новикова Ольга | … | teacher | false',
      '7: Белов Олег | … | teacher | false',
    ]);
  });

  it('loses no namesake in a generated school of 400 pupils, in the file or against the base', () => {
    const surnames = ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев'];
    const names = ['Алексей', 'Иван', 'Дмитрий', 'Артём'];
    const classes = Array.from({ length: 11 }, (_, g) =>
      ['А', 'Б', 'В', '-1', '-2'].map((l) => `${g + 1}${l}`),
    ).flat();
    // 400 distinct (name, class) pairs from 20 names: every name appears in 20 classes.
    const pupils = Array.from({ length: 400 }, (_, i) => [
      `${surnames[i % 5]} ${names[Math.floor(i / 5) % 4]}`,
      classes[Math.floor(i / 20) + (i % 20 < 10 ? 0 : 20)] ?? '',
    ]);
    expect(new Set(pupils.map((p) => p.join('|'))).size).toBe(400);
    const all = planImport([['ФИО', 'Класс'], ...pupils]);
    expect({ people: all.people.length, likely: all.likely.length, errors: all.errors.length }).toEqual({
      people: 400,
      likely: 0,
      errors: 0,
    });
    const half = pupils.slice(0, 200).map(([fullName, cls], i) => base(`b${i}`, fullName ?? '', cls ?? null));
    const again = planImport([['ФИО', 'Класс'], ...pupils], half);
    // The same name one class up from a pupil of the base may be them a year later: offered, not lost.
    const down = (cls: string) => cls.replace(/^\d+/, (g) => String(Number(g) - 1));
    const movedUp = pupils
      .slice(200)
      .filter(([name, cls]) => half.some((b) => b.fullName === name && b.classOrSubject === down(cls ?? '')));
    expect(movedUp.length).toBeGreaterThan(0);
    expect({
      people: again.people.length,
      existing: again.existing.length,
      likely: again.likely.map((l) => `${l.person.fullName}|${l.person.classOrSubject}`),
    }).toEqual({
      people: 200 - movedUp.length,
      existing: 200,
      likely: movedUp.map((p) => p.join('|')),
    });
  });

  it('reads a two-level header, skips the header repeated on each page, and refuses a signature line', () => {
    const plan = planImport([
      ['№', 'ФИО', 'ФИО', 'ФИО', 'Класс'],
      ['№', 'Фамилия', 'Имя', 'Отчество', 'Класс'],
      ['1', 'Белова', 'Ксения', 'Андреевна', '7 «А»'],
      ['№', 'Фамилия', 'Имя', 'Отчество', 'Класс'],
      ['2', 'Гусев', 'Денис', '', '7-А'],
      ['', 'Классный руководитель: ______', '', '', ''],
    ]);
    expect(plan.headerRow).toBe(2);
    expect(rows(plan)).toEqual({
      people: ['3: Белова Ксения Андреевна | 7А | student | true', '5: Гусев Денис | 7А | student | true'],
      likely: [],
      existing: [],
      errors: [],
    });
    expect(plan.skipped).toEqual([
      { row: 6, code: 'footer', params: { text: 'Классный руководитель: ______' } },
    ]);
  });

  it('skips totals and signatures under the list, saying why, and keeps surnames that start alike', () => {
    const plan = planImport([
      ['№', 'ФИО', 'Класс'],
      ['1', 'Ёлкина Алёна Сергеевна', '7Б'],
      ['2', 'Директоров Иван', '7Б'],
      ['3', 'Итогова Вера', '7Б'],
      ['', 'Итого', '2'],
      ['', 'Всего учащихся', '2'],
      ['', 'Из них девочек', '1'],
      ['', 'Классный руководитель', 'Иванова И. И.'],
      ['', 'Директор', 'Петров П. П.'],
      ['Всего: 3', '', ''],
    ]);
    expect(rows(plan).people).toEqual([
      '2: Ёлкина Алёна Сергеевна | 7Б | student | true',
      '3: Директоров Иван | 7Б | student | true',
      '4: Итогова Вера | 7Б | student | true',
    ]);
    expect(plan.errors).toEqual([]);
    expect(plan.skipped.map((s) => `${s.row}: ${s.code} ${s.params.text}`)).toEqual([
      '5: footer Итого | 2',
      '6: footer Всего учащихся | 2',
      '7: footer Из них девочек | 1',
      '8: footer Классный руководитель | Иванова И. И.',
      '9: footer Директор | Петров П. П.',
      '10: footer Всего: 3',
    ]);
  });

  it('passes over the rows a numbered form has left blank, and skips counts and a «Список верен» under the list', () => {
    // A class list form numbered to 30 with 3 pupils, counts under it: each was a row error («нет ФИО»,
    // «в ФИО «Количество учащихся: 3» есть цифры») beside the pupils, none of them a person.
    const plan = planImport([
      ['№ п/п', 'ФИО', 'Класс', 'Телефон'],
      ['1', 'Ёлкина Алёна Сергеевна', '7Б', ''],
      ['2', 'Количеств Иван', '7Б', ''],
      ['3', 'Датов Пётр', '7Б', ''],
      ['4', '', '', ''],
      ['5.', '', '', ''],
      ['', '3', '', ''],
      ['', 'Количество учащихся: 3', '', ''],
      ['Кол-во обучающихся', '3', '', ''],
      ['', 'Список верен: ________', '', ''],
      ['', 'Дата: 01.09.2026', '', ''],
      ['6', '', '', '89120000000'],
    ]);
    expect(rows(plan).people).toEqual([
      '2: Ёлкина Алёна Сергеевна | 7Б | student | true',
      '3: Количеств Иван | 7Б | student | true',
      '4: Датов Пётр | 7Б | student | true',
    ]);
    // A phone without a name is someone's, and said so.
    expect(rows(plan).errors).toEqual(['12: noName {}']);
    expect(plan.skipped.map((s) => `${s.row}: ${s.code} ${s.params.text}`)).toEqual([
      '7: footer 3',
      '8: footer Количество учащихся: 3',
      '9: footer Кол-во обучающихся | 3',
      '10: footer Список верен: ________',
      '11: footer Дата: 01.09.2026',
    ]);
  });

  it('skips section rows, and a class-like one gives its class to the rows below that have none', () => {
    const plan = planImport([
      ['№', 'Фамилия', 'Имя', 'Класс'],
      ['7 «Б» класс', '', '', ''],
      ['Девочки', '', '', ''],
      ['1', 'Ёлкина', 'Алёна', ''],
      ['', 'Мальчики', '', ''],
      ['2', 'Соколов', 'Иван', '8В'],
      ['', '5А', '', ''],
      ['3', 'Гусев', 'Денис', ''],
      ['', 'Мамедова', '', ''],
    ]);
    expect(rows(plan).people).toEqual([
      '4: Ёлкина Алёна | 7Б | student | true',
      '6: Соколов Иван | 8В | student | true',
      '8: Гусев Денис | 5А | student | true',
      '9: Мамедова | 5А | student | true',
    ]);
    expect(plan.skipped.map((s) => `${s.row}: ${s.code} ${s.params.text}`)).toEqual([
      '2: section 7 «Б» класс',
      '3: section Девочки',
      '5: section Мальчики',
      '7: section 5А',
    ]);
  });
});
