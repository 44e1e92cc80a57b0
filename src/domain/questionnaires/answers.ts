// Answering a form: which questions show, and what is missing or wrong, named by question.
import type { Answers, Question } from './questions';

/** The longest a text answer may be, by the question's kind. */
export const TEXT_ANSWER_MAX = { shortText: 300, longText: 5000 } as const;

function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function isVisible(question: Question, answers: Answers): boolean {
  if (!question.showIf) return true;
  const given = answers[question.showIf.questionId];
  const values = Array.isArray(given) ? given : [given];
  return values.some((x) => question.showIf?.anyOf.includes(x as string | number | boolean));
}

/** The questions to ask now: a hidden question's condition depends only on earlier answers. */
export function visibleQuestions(questions: readonly Question[], answers: Answers): Question[] {
  return questions.filter((q) => isVisible(q, answers));
}

/** What is wrong with an answer; the screen turns it into words (it names the question). */
export type AnswerProblem = {
  questionId: string;
  question: string;
  code: 'required' | 'scale' | 'choice' | 'choices' | 'tooLong' | 'yesNo' | 'date';
  min?: number;
  max?: number;
};

/**
 * A scale answer as every figure counts it: an integer on the question's scale (`min`–`max`, 1–10 where
 * the question does not say), else null. Answers are JSON a device sends: 1e308 is a number too, and
 * three of them would make an average no figure can hold.
 */
export function scaleAnswer(question: { min?: unknown; max?: unknown }, value: unknown): number | null {
  const min = typeof question.min === 'number' ? question.min : 1;
  const max = typeof question.max === 'number' ? question.max : 10;
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : null;
}

/** Why one answer is not acceptable, or null. */
function answerProblem(q: Question, value: unknown): AnswerProblem | null {
  const problem = (code: AnswerProblem['code'], extra: Partial<AnswerProblem> = {}): AnswerProblem => ({
    questionId: q.id,
    question: q.text,
    code,
    ...extra,
  });
  if (!isAnswered(value)) return q.required ? problem('required') : null;
  switch (q.kind) {
    case 'scale':
      return scaleAnswer(q, value) === null ? problem('scale', { min: q.min ?? 1, max: q.max ?? 10 }) : null;
    case 'single':
      return typeof value === 'string' && (q.options ?? []).includes(value) ? null : problem('choice');
    case 'multiple':
      return Array.isArray(value) &&
        value.every((x) => (q.options ?? []).includes(x as string)) &&
        new Set(value).size === value.length
        ? null
        : problem('choices');
    case 'shortText':
    case 'longText': {
      const max = TEXT_ANSWER_MAX[q.kind];
      return typeof value === 'string' && value.length <= max ? null : problem('tooLong', { max });
    }
    case 'yesNo':
      return typeof value === 'boolean' ? null : problem('yesNo');
    case 'date':
      return typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(value) &&
        !Number.isNaN(Date.parse(value))
        ? null
        : problem('date');
  }
}

/** Every problem of a filled form, in the order of the form; answers to hidden questions are ignored. */
export function validateAnswers(questions: readonly Question[], answers: Answers): AnswerProblem[] {
  return visibleQuestions(questions, answers)
    .map((q) => answerProblem(q, answers[q.id]))
    .filter((p): p is AnswerProblem => p !== null);
}

/** The answers to keep when sending: those of visible questions only. */
export function keptAnswers(questions: readonly Question[], answers: Answers): Answers {
  const kept: Answers = {};
  for (const q of visibleQuestions(questions, answers))
    if (isAnswered(answers[q.id])) kept[q.id] = answers[q.id];
  return kept;
}

/**
 * Where a form filled one question per screen goes on from when its draft comes back: the first visible
 * question still unanswered (where the person stopped), or the last one when all are answered.
 */
export function resumeIndex(visible: readonly Question[], answers: Answers): number {
  const i = visible.findIndex((q) => !isAnswered(answers[q.id]));
  return i === -1 ? Math.max(visible.length - 1, 0) : i;
}
