// A text field bound to a stored value that saves on every keystroke. While it has focus it keeps what
// the user types, so a slower echo from the database never moves the cursor or eats a letter. A save
// that did not land is said under the field: nothing typed is dropped silently. A value someone else
// saved that arrives while the user types does not replace their text: it is shown under the field, and
// the saves that follow say so (`isBehind`), so that the server keeps a long text they replace as a
// conflict copy for its author. Leaving the field, the user's text stands if they typed.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { WriteFailure } from '../db/types';
import { t } from '../i18n/i18n';
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
  /** `isBehind`: the stored value changed while the user typed, from a value they did not see. */
  onSave(value: string, isBehind: boolean): unknown;
}) {
  const id = useId();
  const [text, setText] = useState(props.value);
  const [error, setError] = useState<string | null>(null);
  const isFocused = useRef(false);
  const latest = useRef(0);
  // The stored value the user's text starts from, and what this field saved since: any other value
  // that comes while the user types is someone else's.
  const basis = useRef(props.value);
  const saved = useRef(new Set<string>());
  const isBehind = useRef(false);
  // Said under the field, with the text itself: the user sees what came while they typed.
  const [otherText, setOtherText] = useState<string | null>(null);
  const startFromStored = () => {
    basis.current = props.value;
    saved.current.clear();
    isBehind.current = false;
    setOtherText(null);
  };
  // The echo of a save comes back as the screen stored it (trimmed, say): still the user's own.
  const isOwn = (value: string) =>
    value === basis.current || [...saved.current].some((s) => s === value || s.trim() === value);
  useEffect(() => {
    if (!isFocused.current) {
      setText(props.value);
      startFromStored();
    } else if (!isOwn(props.value)) {
      isBehind.current = true;
      setOtherText(props.value);
    }
  }, [props.value]);
  const save = (value: string) => {
    setText(value);
    saved.current.add(value);
    const attempt = ++latest.current;
    void Promise.resolve(props.onSave(value, isBehind.current)).then((answer) => {
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
    onFocus: () => {
      isFocused.current = true;
      // Typing starts again from what is shown, when that is what is stored.
      if (text === props.value) startFromStored();
    },
    onBlur: () => {
      isFocused.current = false;
      if (!isBehind.current) return;
      // Another's text came while the user was in the field. What it shows is what gets stored: the
      // user's text, saved once more, if they typed this time; else the field takes what is stored.
      if (saved.current.size > 0 && text !== props.value) save(text);
      else {
        setText(props.value);
        startFromStored();
      }
    },
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
      {otherText !== null && (
        <div class="field__hint" role="status" data-testid="changed-meanwhile">
          <p>{t('field.changedMeanwhile')}</p>
          {otherText && <blockquote>{otherText}</blockquote>}
        </div>
      )}
    </div>
  );
}
