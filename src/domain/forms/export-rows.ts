// The table of a form's responses, one row per sent response, for CSV and XLSX exports.
import type { Answers, Question } from './questions';

export type ResponseRow = {
  respondent: string;
  pair: string;
  due: string | null;
  submittedAt: string;
  answers: Answers;
};

export function cellOf(value: unknown): string | number {
  if (value === true) return 'Да';
  if (value === false) return 'Нет';
  if (Array.isArray(value)) return value.join('; ');
  if (typeof value === 'number') return value;
  return value === undefined || value === null ? '' : String(value);
}

export function responseTable(
  questions: readonly Question[],
  rows: readonly ResponseRow[],
): (string | number)[][] {
  const header = ['Респондент', 'Пара', 'Срок', 'Отправлено', ...questions.map((q) => q.text)];
  return [
    header,
    ...rows.map((r) => [
      r.respondent,
      r.pair,
      r.due ?? '',
      r.submittedAt,
      ...questions.map((q) => cellOf(r.answers[q.id])),
    ]),
  ];
}
