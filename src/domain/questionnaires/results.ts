// Results of a form: response rate and, per question, the distribution, the average, the texts.

import { percentOf } from '../percent';
import { scaleAnswer } from './answers';
import type { Answers, Question } from './questions';

export type QuestionResult =
  | {
      kind: 'numeric';
      question: Question;
      counts: { value: number; count: number }[];
      average: number | null;
      answered: number;
    }
  | { kind: 'choice'; question: Question; counts: { value: string; count: number }[]; answered: number }
  | { kind: 'text'; question: Question; texts: string[]; answered: number };

export function rate(sent: number, assigned: number): number {
  return percentOf(sent, assigned) ?? 0;
}

/**
 * The mean of `values` to a tenth, null for none; always a finite number, since the figures made from it
 * are stored (statistics, the district's summary) and must pass their schemas. A scale may run up to the
 * largest number: where the sum overflows, each value is divided first; a mean too large for tenths to
 * matter is kept as it is (times ten would overflow).
 */
export function average(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const n = values.length;
  const sum = values.reduce((a, b) => a + b, 0);
  const mean = Number.isFinite(sum) ? sum / n : values.reduce((a, b) => a + b / n, 0);
  return Math.abs(mean) < 1e15 ? Math.round(mean * 10) / 10 : mean;
}

/** Steps of a scale the results list one by one at most. */
const MAX_SCALE_STEPS = 100;

export function questionResult(question: Question, responses: readonly Answers[]): QuestionResult {
  const given = responses.map((r) => r[question.id]).filter((x) => x !== undefined && x !== null && x !== '');
  switch (question.kind) {
    case 'scale': {
      const numbers = given.flatMap((x) => {
        const value = scaleAnswer(question, x);
        return value === null ? [] : [value];
      });
      // Every step of the scale, when it has a reasonable number of them; else the values given (a
      // questionnaire is JSON a curator's device made: a scale from 2^53 would never end).
      const [min, max] = [question.min ?? 1, question.max ?? 10];
      const steps =
        Number.isSafeInteger(min) && Number.isSafeInteger(max) && max - min <= MAX_SCALE_STEPS
          ? Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => min + i)
          : [...new Set(numbers)].sort((a, b) => a - b);
      const counts = steps.map((value) => ({ value, count: numbers.filter((n) => n === value).length }));
      return { kind: 'numeric', question, counts, average: average(numbers), answered: numbers.length };
    }
    case 'yesNo': {
      const yes = given.filter((x) => x === true).length;
      const no = given.filter((x) => x === false).length;
      return {
        kind: 'choice',
        question,
        counts: [
          { value: 'Да', count: yes },
          { value: 'Нет', count: no },
        ],
        answered: yes + no,
      };
    }
    case 'single':
    case 'multiple': {
      const chosen = given.flatMap((x) => (Array.isArray(x) ? x : [x])).map(String);
      const counts = (question.options ?? []).map((value) => ({
        value,
        count: chosen.filter((c) => c === value).length,
      }));
      return { kind: 'choice', question, counts, answered: given.length };
    }
    default:
      return { kind: 'text', question, texts: given.map(String), answered: given.length };
  }
}

/** The smallest group whose answers may be shown to a mentor, as aggregates only. */
export const MIN_AGGREGATE = 3;
