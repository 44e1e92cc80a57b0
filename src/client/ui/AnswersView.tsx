import type { Answers, Question } from '../../domain/questionnaires/questions';
import { t } from '../i18n/i18n';

function formatAnswer(value: unknown): string {
  if (value === true) return t('fill.yes');
  if (value === false) return t('fill.no');
  if (Array.isArray(value)) return value.join('; ');
  if (value === undefined || value === null || value === '') return '—';
  return String(value);
}

/** A sent form, read-only. */
export function AnswersView(props: { questions: readonly Question[]; answers: Answers }) {
  return (
    <dl class="answers">
      {props.questions
        .filter((q) => props.answers[q.id] !== undefined)
        .map((q) => (
          <div key={q.id} class="answers__item">
            <dt>{q.text}</dt>
            <dd>{formatAnswer(props.answers[q.id])}</dd>
          </div>
        ))}
    </dl>
  );
}
