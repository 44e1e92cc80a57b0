// One question of a form, by its kind. Choices are native radios and checkboxes, so they work with a
// screen reader and a keyboard; an error is tied to the question.
import { TEXT_ANSWER_MAX } from '../../../domain/questionnaires/answers';
import type { Question } from '../../../domain/questionnaires/questions';
import { builtinText, t } from '../../i18n/i18n';
import { LengthNote } from '../../ui/fields';
import { isTooLong } from '../../ui/text-limit';

type Props = {
  question: Question;
  value: unknown;
  error?: string | null;
  disabled?: boolean;
  onValue(value: unknown): void;
};

function RequiredMark() {
  return (
    <>
      <span class="required" aria-hidden="true">
        {' '}
        *
      </span>
      <span class="visually-hidden"> ({t('fill.required')})</span>
    </>
  );
}

function Legend(props: { question: Question }) {
  return (
    <legend>
      {builtinText(props.question.text)}
      {props.question.required && <RequiredMark />}
    </legend>
  );
}

export function QuestionInput(props: Props) {
  const { question: q, value, disabled } = props;
  const id = `q-${q.id}`;
  const describedBy =
    [q.help ? `${id}-help` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const help = q.help ? (
    <p class="field__hint" id={`${id}-help`}>
      {builtinText(q.help)}
    </p>
  ) : null;
  const error = props.error ? (
    <p class="field__error" id={`${id}-error`} role="alert">
      {props.error}
    </p>
  ) : null;

  if (q.kind === 'shortText' || q.kind === 'longText' || q.kind === 'date') {
    const text = typeof value === 'string' ? value : '';
    // A text's limit is said under it (its count near it, an error over it) and sending refuses it then:
    // what was typed or pasted stays whole (the send's own error, when there is one, says it instead).
    const max = q.kind === 'date' ? undefined : TEXT_ANSWER_MAX[q.kind];
    const noteId = `${id}-length`;
    const common = {
      id,
      value: text,
      disabled,
      'aria-invalid': props.error || isTooLong(text, max) ? true : undefined,
      'aria-describedby':
        [describedBy, max === undefined ? '' : noteId].filter(Boolean).join(' ') || undefined,
    };
    return (
      <div class={`field question${props.error ? ' field--error' : ''}`}>
        <label for={id}>
          {builtinText(q.text)}
          {q.required && <RequiredMark />}
        </label>
        {help}
        {q.kind === 'longText' ? (
          <textarea {...common} rows={5} onInput={(e) => props.onValue(e.currentTarget.value)} />
        ) : q.kind === 'date' ? (
          <input {...common} type="date" onInput={(e) => props.onValue(e.currentTarget.value)} />
        ) : (
          <input {...common} type="text" onInput={(e) => props.onValue(e.currentTarget.value)} />
        )}
        {error ?? (max !== undefined && <LengthNote id={noteId} value={text} max={max} />)}
      </div>
    );
  }

  const choices: { label: string; value: unknown }[] =
    q.kind === 'scale'
      ? Array.from({ length: (q.max ?? 10) - (q.min ?? 1) + 1 }, (_, i) => ({
          label: String((q.min ?? 1) + i),
          value: (q.min ?? 1) + i,
        }))
      : q.kind === 'yesNo'
        ? [
            { label: t('fill.yes'), value: true },
            { label: t('fill.no'), value: false },
          ]
        : (q.options ?? []).map((o) => ({ label: builtinText(o), value: o }));
  const isMultiple = q.kind === 'multiple';
  const chosen = isMultiple ? (Array.isArray(value) ? value : []) : [value];
  const toggle = (choice: unknown, isOn: boolean) => {
    if (!isMultiple) return props.onValue(choice);
    props.onValue(isOn ? [...chosen, choice] : chosen.filter((x) => x !== choice));
  };
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      class={`field question${props.error ? ' field--error' : ''}`}
      aria-describedby={describedBy}
      disabled={disabled}
    >
      <Legend question={q} />
      {help}
      <div class={q.kind === 'scale' ? 'scale' : 'choices'}>
        {choices.map((c) => (
          <label key={String(c.value)} class={q.kind === 'scale' ? 'scale__step' : 'choices__item'}>
            <input
              type={isMultiple ? 'checkbox' : 'radio'}
              name={id}
              checked={chosen.includes(c.value)}
              onChange={(e) => toggle(c.value, e.currentTarget.checked)}
            />
            <span>{c.label}</span>
          </label>
        ))}
      </div>
      {q.kind === 'scale' && (q.minLabel || q.maxLabel) && (
        <p class="scale__ends muted">
          <span>
            {q.min} — {q.minLabel && builtinText(q.minLabel)}
          </span>
          <span>
            {q.max} — {q.maxLabel && builtinText(q.maxLabel)}
          </span>
        </p>
      )}
      {error}
    </fieldset>
  );
}
