// The table of a form's responses, one row per sent response, for CSV and XLSX exports: answers typed
// (scales as numbers, dates as dates, yes/no as booleans the writer words), headings given by the UI.
import { dateCell, type ExportCell } from '../export-cell';
import type { Answers, Question } from './questions';

export type ResponseRow = {
  respondent: string;
  pair: string;
  due: string | null;
  submittedAt: string;
  answers: Answers;
};

/** One answer as a cell: lists joined with «; », a date question's answer as a day. */
function answerCell(question: Pick<Question, 'kind'>, value: unknown): ExportCell {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.join('; ');
  if (question.kind === 'date') return dateCell(value);
  if (typeof value === 'boolean' || typeof value === 'number') return value;
  return String(value);
}

/** `headings` name the four fixed columns (respondent, pair, due, sent) in the UI's language. */
export function responseTable(
  questions: readonly Question[],
  rows: readonly ResponseRow[],
  headings: readonly [string, string, string, string],
): ExportCell[][] {
  return [
    [...headings, ...questions.map((q) => q.text)],
    ...rows.map((r) => [
      r.respondent,
      r.pair,
      dateCell(r.due),
      dateCell(r.submittedAt),
      ...questions.map((q) => answerCell(q, r.answers[q.id])),
    ]),
  ];
}
