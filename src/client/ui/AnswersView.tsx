import type { Answers, Question } from '../../domain/questionnaires/questions';
import { builtinText, t } from '../i18n/i18n';

/** An answer as the UI shows it: a chosen option in the UI's language (builtinText), a typed text as typed. */
function formatAnswer(q: Question, value: unknown): string {
  const option = (v: unknown) =>
    (q.kind === 'single' || q.kind === 'multiple') && typeof v === 'string' ? builtinText(v) : String(v);
  if (value === true) return t('fill.yes');
  if (value === false) return t('fill.no');
  if (Array.isArray(value)) return value.map(option).join('; ');
  if (value === undefined || value === null || value === '') return '—';
  return option(value);
}

/** A sent form, read-only. */
export function AnswersView(props: { questions: readonly Question[]; answers: Answers }) {
  return (
    <dl class="answers">
      {props.questions
        .filter((q) => props.answers[q.id] !== undefined)
        .map((q) => (
          <div key={q.id} class="answers__item">
            <dt>{builtinText(q.text)}</dt>
            <dd>{formatAnswer(q, props.answers[q.id])}</dd>
          </div>
        ))}
    </dl>
  );
}
