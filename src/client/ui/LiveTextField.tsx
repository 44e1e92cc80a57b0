// A text field bound to a stored value that saves on every keystroke. While it has focus it keeps what
// the user types, so a slower echo from the database never moves the cursor or eats a letter. A save
// that did not land is said under the field: nothing typed is dropped silently.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { WriteFailure } from '../db/types';
import { saveMessage } from './save-message';

type Failure = { ok: false; code?: string; reason?: string };

/** `onSave` may answer with a write's result; anything else (nothing, `false`) is not a failure. */
function isFailure(answer: unknown): answer is Failure {
  return typeof answer === 'object' && answer !== null && (answer as { ok?: unknown }).ok === false;
}

export function LiveTextField(props: {
  label: string;
  value: string;
  multiline?: boolean;
  type?: 'text' | 'date';
  disabled?: boolean;
  placeholder?: string;
  onSave(value: string): unknown;
}) {
  const id = useId();
  const [text, setText] = useState(props.value);
  const [error, setError] = useState<string | null>(null);
  const isFocused = useRef(false);
  const latest = useRef(0);
  useEffect(() => {
    if (!isFocused.current) setText(props.value);
  }, [props.value]);
  const save = (value: string) => {
    setText(value);
    const attempt = ++latest.current;
    void Promise.resolve(props.onSave(value)).then((answer) => {
      // Only the latest keystroke's answer speaks for what is stored now.
      if (attempt !== latest.current) return;
      if (isFailure(answer))
        setError(saveMessage({ code: 'failed', reason: '', ...answer } as WriteFailure).text);
      else setError(null);
    });
  };
  const common = {
    id,
    value: text,
    disabled: props.disabled,
    placeholder: props.placeholder,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    onFocus: () => (isFocused.current = true),
    onBlur: () => (isFocused.current = false),
  };
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...common} rows={3} onInput={(e) => save(e.currentTarget.value)} />
      ) : (
        <input
          {...common}
          // One input serves text and date; Preact's typings want each spelled out.
          type={(props.type ?? 'text') as 'text'}
          onInput={(e) => save(e.currentTarget.value)}
        />
      )}
      {error && (
        <p class="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
