// A text field bound to a stored value that saves on every keystroke. While it has focus it keeps what
// the user types, so a slower echo from the database never moves the cursor or eats a letter. A save
// that did not land is said under the field: nothing typed is dropped silently. A value someone else
// saved that arrives while the user types does not replace their text: it is shown under the field, and
// the saves that follow say so (`isBehind`), so that the server keeps a long text they replace as a
// conflict copy for its author. Leaving the field, the user's text stands if they typed.
// A limit is said as in a form (text-limit.ts): the count near it, an error over it. A text that is not
// saved (over its limit, or refused) is kept on the device under `keepAs` (unsaved-text.ts) and comes
// back into the field, with a word, when the user returns; it is dropped once a save lands. If the user
// types before it is read, their text stands and the kept one is offered under the field.
import { useContext, useEffect, useId, useRef, useState } from 'preact/hooks';
import type { WriteFailure } from '../db/types';
import { t } from '../i18n/i18n';
import { setEditing, trackSave } from '../state/editing';
import { saveMessage } from './save-message';
import { isTooLong, lengthNote, type Measure, OVER_LIMIT } from './text-limit';
import { UnsavedTextsContext } from './unsaved-text';

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
  /** Said under the field near it and over it; a text over it is kept, not saved. */
  maxLength?: number;
  /** What counts against `maxLength` (a list one item a line: `longestLine`); all of it if unset. */
  measure?: Measure;
  /** Where a text not saved is kept on the device (`unsavedKey(type, id, field)`). */
  keepAs?: string;
  /**
   * How a typed text comes back once stored, where `onSave` stores another form of it (a standard name
   * in its canonical spelling): the echo is still the user's own, not someone else's change.
   */
  shownAs?: (typed: string) => string;
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
  // The value of the latest save: its echo is the one that stands.
  const lastSaved = useRef<string | null>(null);
  const isBehind = useRef(false);
  // Said under the field, with the text itself: the user sees what came while they typed.
  const [otherText, setOtherText] = useState<string | null>(null);
  const unsaved = useContext(UnsavedTextsContext);
  // The field shows a text the record does not hold: a stored value arriving must not replace it.
  const hasUnsaved = useRef(false);
  const [isRestored, setRestored] = useState(false);
  // A kept text read only after the user began typing: what they type stands, and the kept one is shown
  // under the field, to put back or let go; it stays kept on the device until they choose.
  const [earlier, setEarlier] = useState<string | null>(null);
  // While the user is in the field, the app does not reload under their fingers (an update another tab
  // took waits, pwa-model.ts), and a reload waits for the field's writes to land.
  const editKey = `live:${id}`;
  useEffect(() => () => setEditing(editKey, false), [editKey]);
  const keep = (value: string) => {
    hasUnsaved.current = true;
    if (props.keepAs && unsaved) void trackSave(unsaved.keep(props.keepAs, value, basis.current));
  };
  const dropKept = () => {
    if (!hasUnsaved.current) return;
    hasUnsaved.current = false;
    setRestored(false);
    if (props.keepAs && unsaved) void unsaved.drop(props.keepAs);
  };
  useEffect(() => {
    const key = props.keepAs;
    if (!key || !unsaved) return;
    let isCurrent = true;
    void unsaved.get(key).then((kept) => {
      if (!isCurrent || kept === null) return;
      if (kept.text === props.value) return void unsaved.drop(key);
      // The field takes typing before the read lands (a busy disk): the user's text, already being
      // saved, is not swapped for one they never saw.
      if (latest.current > 0) return setEarlier(kept.text);
      hasUnsaved.current = true;
      // The record changed since the text was kept (another curator, another tab): the newer value is
      // shown under the field, and a save replaces it as unseen, so the server keeps it for its author.
      if (kept.basis !== props.value) {
        isBehind.current = true;
        setOtherText(props.value);
      }
      setText(kept.text);
      setRestored(true);
    });
    return () => {
      isCurrent = false;
    };
  }, [props.keepAs, unsaved]);
  const startFromStored = () => {
    basis.current = props.value;
    saved.current.clear();
    isBehind.current = false;
    setOtherText(null);
  };
  // The echo of a save comes back as the screen stored it (trimmed, say): still the user's own.
  const isEchoOf = (typed: string, value: string) =>
    typed === value || typed.trim() === value || props.shownAs?.(typed) === value;
  const isOwn = (value: string) =>
    value === basis.current || [...saved.current].some((s) => isEchoOf(s, value));
  useEffect(() => {
    if (hasUnsaved.current) {
      // The user's unsaved text stays in view; a value saved meanwhile is shown under it.
      if (!isOwn(props.value)) setOtherText(props.value);
    } else if (!isFocused.current) {
      // The echo of an earlier keystroke's save, overtaken by a later one (a live query shows the runs it
      // overtook), is not put back after the user left: typing there again would start from it.
      const last = lastSaved.current;
      if (last !== null && !isEchoOf(last, props.value) && saved.current.has(props.value)) return;
      setText(props.value);
      startFromStored();
    } else if (!isOwn(props.value)) {
      isBehind.current = true;
      setOtherText(props.value);
    }
  }, [props.value]);
  const save = (value: string) => {
    setText(value);
    const attempt = ++latest.current;
    // Over its limit the save would be refused: the text is kept, and the note under the field says why.
    if (isTooLong(value, props.maxLength, props.measure)) {
      setError(null);
      return keep(value);
    }
    saved.current.add(value);
    lastSaved.current = value;
    void trackSave(Promise.resolve(props.onSave(value, isBehind.current))).then((answer) => {
      // Only the latest keystroke's answer speaks for what is stored now.
      if (attempt !== latest.current) return;
      if (isFailure(answer)) {
        setError(saveMessage({ code: 'failed', reason: '', ...answer } as WriteFailure).text);
        keep(value);
      } else {
        setError(null);
        dropKept();
      }
    });
  };
  const putBackEarlier = () => {
    if (earlier === null) return;
    setEarlier(null);
    // Saved like typing; once it lands, the kept copy is dropped (dropKept), else kept again.
    hasUnsaved.current = true;
    setRestored(true);
    save(earlier);
  };
  const letGoEarlier = () => {
    setEarlier(null);
    if (props.keepAs && unsaved) void trackSave(unsaved.drop(props.keepAs));
  };
  const note = lengthNote(text, props.maxLength, props.measure);
  const shownError = error ?? (note?.isOver ? note.text : null);
  const hint = note && !note.isOver ? note.text : null;
  const common = {
    id,
    value: text,
    disabled: props.disabled,
    placeholder: props.placeholder,
    // A form around the field (a questionnaire's editor) refuses to save while it is over (pending.tsx).
    [OVER_LIMIT]: note?.isOver || undefined,
    'aria-invalid': shownError ? true : undefined,
    'aria-describedby':
      [shownError ? `${id}-error` : '', hint ? `${id}-hint` : '', isRestored ? `${id}-restored` : '']
        .filter(Boolean)
        .join(' ') || undefined,
    onFocus: () => {
      isFocused.current = true;
      setEditing(editKey, true);
      // Typing starts again from what is shown, when that is what is stored.
      if (text === props.value) startFromStored();
    },
    onBlur: () => {
      isFocused.current = false;
      setEditing(editKey, false);
      if (!isBehind.current || hasUnsaved.current) return;
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
    <div class={`field${shownError ? ' field--error' : ''}`}>
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
      {isRestored && (
        <p class="field__hint" id={`${id}-restored`} role="status" data-testid="unsaved-restored">
          {t('field.unsavedRestored')}
        </p>
      )}
      {earlier !== null && (
        <div class="field__hint" role="status" data-testid="unsaved-earlier">
          <p>{t('field.unsavedEarlier')}</p>
          <blockquote>{earlier}</blockquote>
          <div class="actions">
            <button type="button" onClick={putBackEarlier}>
              {t('field.putBackEarlier')}
            </button>
            <button type="button" onClick={letGoEarlier}>
              {t('field.letGoEarlier')}
            </button>
          </div>
        </div>
      )}
      {hint && (
        <p class="field__hint" id={`${id}-hint`} aria-live="polite">
          {hint}
        </p>
      )}
      {shownError && (
        <p class="field__error" id={`${id}-error`} role="alert">
          {shownError}
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
