import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { keptAnswers, resumeIndex, validateAnswers, visibleQuestions } from './answers';
import { BUILTIN_TEMPLATES } from './builtin-templates';
import { type Question, QuestionListSchema, QuestionSchema } from './questions';
import { average, questionResult, rate } from './results';

const q = (partial: Partial<Question> & Pick<Question, 'id' | 'kind'>): Question =>
  ({ text: `Вопрос ${partial.id}`, required: true, ...partial }) as Question;

describe('question kinds', () => {
  const cases: [Question, unknown, unknown][] = [
    [q({ id: 'scale', kind: 'scale', min: 1, max: 10 }), 7, 11],
    [q({ id: 'single', kind: 'single', options: ['А', 'Б'] }), 'Б', 'В'],
    [q({ id: 'multiple', kind: 'multiple', options: ['А', 'Б', 'В'] }), ['А', 'В'], ['А', 'Г']],
    [q({ id: 'short', kind: 'shortText' }), 'коротко', 'x'.repeat(301)],
    [q({ id: 'long', kind: 'longText' }), 'длинный ответ', 'x'.repeat(5001)],
    [q({ id: 'yes', kind: 'yesNo' }), false, 'да'],
    [q({ id: 'date', kind: 'date' }), '2026-11-25', '25.11.2026'],
  ];
  it.each(cases)(
    '%o accepts a good answer and names the question for a bad or missing one',
    (question, good, bad) => {
      expect(validateAnswers([question], { [question.id]: good })).toEqual([]);
      const [problem] = validateAnswers([question], { [question.id]: bad });
      expect(problem).toMatchObject({ questionId: question.id, question: question.text });
      expect(problem?.code).not.toBe('required');
      expect(validateAnswers([question], {})).toEqual([
        { questionId: question.id, question: question.text, code: 'required' },
      ]);
      expect(validateAnswers([{ ...question, required: false }], {})).toEqual([]);
    },
  );

  it('blank text and an empty choice count as missing', () => {
    expect(validateAnswers([q({ id: 'a', kind: 'longText' })], { a: '   ' })[0]?.code).toBe('required');
    expect(validateAnswers([q({ id: 'a', kind: 'multiple', options: ['x', 'y'] })], { a: [] })[0]?.code).toBe(
      'required',
    );
  });
});

describe('conditional questions', () => {
  const questions = [
    q({ id: 'difficulties', kind: 'yesNo' }),
    q({ id: 'which', kind: 'longText', showIf: { questionId: 'difficulties', anyOf: [true] } }),
    q({ id: 'areas', kind: 'multiple', options: ['Учёба', 'Спорт'], required: false }),
    q({ id: 'subjects', kind: 'shortText', showIf: { questionId: 'areas', anyOf: ['Учёба'] } }),
  ];

  it('shows a question only for the answers it depends on', () => {
    expect(visibleQuestions(questions, { difficulties: false }).map((x) => x.id)).toEqual([
      'difficulties',
      'areas',
    ]);
    expect(
      visibleQuestions(questions, { difficulties: true, areas: ['Спорт', 'Учёба'] }).map((x) => x.id),
    ).toEqual(['difficulties', 'which', 'areas', 'subjects']);
  });

  it('requires a conditional question only when it shows, and drops answers to hidden ones', () => {
    expect(validateAnswers(questions, { difficulties: false }).map((p) => p.questionId)).toEqual([]);
    expect(validateAnswers(questions, { difficulties: true }).map((p) => p.questionId)).toEqual(['which']);
    expect(keptAnswers(questions, { difficulties: false, which: 'старый ответ' })).toEqual({
      difficulties: false,
    });
  });

  it('goes on from the first visible question left unanswered, or the last when all are', () => {
    const shown = (answers: Record<string, unknown>) => visibleQuestions(questions, answers);
    expect(resumeIndex(shown({}), {})).toBe(0);
    expect(resumeIndex(shown({ difficulties: false }), { difficulties: false })).toBe(1);
    const some = { difficulties: true, which: '  ' };
    expect(resumeIndex(shown(some), some)).toBe(1);
    const all = { difficulties: false, areas: ['Спорт'] };
    expect(resumeIndex(shown(all), all)).toBe(1);
    expect(resumeIndex([], {})).toBe(0);
  });
});

describe('templates', () => {
  it('every built-in questionnaire is a valid form', () => {
    for (const t of BUILTIN_TEMPLATES)
      expect(v.safeParse(QuestionListSchema, t.questions).success, t.key).toBe(true);
    expect(BUILTIN_TEMPLATES.map((t) => t.key)).toEqual([
      'intake-mentee',
      'intake-mentor',
      'preference',
      'interim',
      'final-mentee',
      'final-mentor',
    ]);
  });

  it('refuses a broken question or a condition on a later question', () => {
    expect(
      v.safeParse(QuestionSchema, q({ id: 'c', kind: 'single', options: ['только один'] })).success,
    ).toBe(false);
    expect(v.safeParse(QuestionSchema, q({ id: 's', kind: 'scale', min: 5, max: 5 })).success).toBe(false);
    const later = [
      q({ id: 'a', kind: 'yesNo', showIf: { questionId: 'b', anyOf: [true] } }),
      q({ id: 'b', kind: 'yesNo' }),
    ];
    expect(v.safeParse(QuestionListSchema, later).success).toBe(false);
  });
});

describe('results', () => {
  it('average to a tenth, and stay a finite number on a scale up to the largest number', () => {
    expect(average([])).toBeNull();
    expect(average([7, 8, 8])).toBe(7.7);
    // A scale from 0 to Number.MAX_VALUE, three answers of 1e308: the sum overflowed to Infinity, stored
    // as null, and the school's own export then failed to restore.
    expect(average([1e308, 1e308, 1e308])).toBe(1e308);
    expect(Number.isFinite(average([Number.MAX_VALUE, Number.MAX_VALUE, -1e308]))).toBe(true);
  });

  it('lists a scale of a thousand million steps by the values given (it never ended)', () => {
    const huge = questionResult(q({ id: 's', kind: 'scale', min: 2 ** 53, max: 2 ** 53 + 2 }), [
      { s: 2 ** 53 },
    ]);
    expect(huge.kind === 'numeric' && huge.counts).toEqual([{ value: 2 ** 53, count: 1 }]);
    const wide = questionResult(q({ id: 's', kind: 'scale', min: 0, max: 1e9 }), [{ s: 7 }, { s: 7 }]);
    expect(wide.kind === 'numeric' && wide.counts).toEqual([{ value: 7, count: 2 }]);
  });

  it('counts a scale, its average, choices and texts', () => {
    const scale = questionResult(q({ id: 's', kind: 'scale', min: 1, max: 5 }), [
      { s: 5 },
      { s: 4 },
      { s: 4 },
      {},
    ]);
    expect(scale).toMatchObject({ kind: 'numeric', average: 4.3, answered: 3 });
    expect(scale.kind === 'numeric' && scale.counts.map((c) => c.count)).toEqual([0, 0, 0, 2, 1]);
    const choice = questionResult(q({ id: 'm', kind: 'multiple', options: ['А', 'Б'] }), [
      { m: ['А', 'Б'] },
      { m: ['А'] },
    ]);
    expect(choice.kind === 'choice' && choice.counts).toEqual([
      { value: 'А', count: 2 },
      { value: 'Б', count: 1 },
    ]);
    expect(questionResult(q({ id: 't', kind: 'longText' }), [{ t: 'раз' }, { t: 'два' }])).toMatchObject({
      kind: 'text',
      texts: ['раз', 'два'],
    });
    expect(rate(2, 3)).toBe(67);
  });
});

describe('export table', () => {
  it('has one row per response, answers typed in question order: yes/no, numbers, dates, lists', async () => {
    const { responseTable } = await import('./export-rows');
    const questions = [
      q({ id: 'a', kind: 'yesNo' }),
      q({ id: 'b', kind: 'multiple', options: ['x', 'y'] }),
      q({ id: 'c', kind: 'scale', min: 1, max: 10 }),
      q({ id: 'd', kind: 'date' }),
    ];
    const table = responseTable(
      questions,
      [
        {
          respondent: 'Анна',
          pair: 'Анна — Ирина',
          due: '2026-12-01',
          submittedAt: '2026-11-25T10:00:00.000Z',
          answers: { a: true, b: ['x', 'y'], c: 9, d: '2026-11-20' },
        },
        {
          respondent: 'Борис',
          pair: 'Борис — Ирина',
          due: null,
          submittedAt: '2026-11-26T10:00:00.000Z',
          answers: { a: false },
        },
      ],
      ['Участник', 'Пара', 'Срок', 'Отправлено'],
    );
    expect(table).toEqual([
      ['Участник', 'Пара', 'Срок', 'Отправлено', 'Вопрос a', 'Вопрос b', 'Вопрос c', 'Вопрос d'],
      [
        'Анна',
        'Анна — Ирина',
        { day: '2026-12-01' },
        { moment: '2026-11-25T10:00:00.000Z' },
        true,
        'x; y',
        9,
        { day: '2026-11-20' },
      ],
      ['Борис', 'Борис — Ирина', null, { moment: '2026-11-26T10:00:00.000Z' }, false, null, null, null],
    ]);
  });
});
