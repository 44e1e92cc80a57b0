// Labelled form controls: the label is always visible, an error is announced and tied to its field.
// A limit on a text's length is said, never enforced by cutting (text-limit.ts).
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { isTooLong, lengthNote, type Measure, OVER_LIMIT } from './text-limit';

type Common = { label: string; error?: string | null; hint?: string };

/** The field's count near its limit (a hint) or its error over it; a field's own error comes first. */
function withLimit<P extends Common>(props: P, value: string, max: number | undefined, measure?: Measure): P {
  const note = lengthNote(value, max, measure);
  if (!note) return props;
  if (note.isOver) return { ...props, error: props.error || note.text };
  return { ...props, hint: props.hint ? `${props.hint} ${note.text}` : note.text };
}

function Wrap(props: Common & { id: string; children: ComponentChildren }) {
  return (
    <div class={`field${props.error ? ' field--error' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint && (
        <p class="field__hint" id={`${props.id}-hint`} aria-live="polite">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field__error" id={`${props.id}-error`} role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

function describedBy(id: string, p: Common): string | undefined {
  const ids = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

type InputProps = {
  type?: 'text' | 'date' | 'time' | 'number' | 'search' | 'url';
  name?: string;
  value: string;
  required?: boolean;
  autocomplete?: string;
  autocapitalize?: 'characters' | 'words' | 'off';
  inputMode?: 'numeric' | 'text' | 'url';
  /** Said under the field near it and over it (text-limit.ts); the form refuses to save over it. */
  maxLength?: number;
  min?: number;
  max?: number;
};

export function TextField(given: Common & InputProps & { onValue(value: string): void }) {
  const id = useId();
  const props = withLimit(given, given.value, given.maxLength);
  return (
    <Wrap id={id} label={props.label} error={props.error} hint={props.hint}>
      <input
        id={id}
        // One input serves several types; Preact's typings want each spelled out.
        type={(props.type ?? 'text') as 'text'}
        name={props.name}
        value={props.value}
        required={props.required}
        autocomplete={props.autocomplete}
        autocapitalize={props.autocapitalize}
        inputMode={props.inputMode}
        {...{ [OVER_LIMIT]: isTooLong(props.value, props.maxLength) || undefined }}
        min={props.min}
        max={props.max}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props)}
        onInput={(e) => props.onValue(e.currentTarget.value)}
      />
    </Wrap>
  );
}

export function TextArea(
  given: Common & {
    value: string;
    rows?: number;
    name?: string;
    maxLength?: number;
    /** What counts against `maxLength` (a list one item a line: `longestLine`); all of it if unset. */
    measure?: Measure;
    onValue(value: string): void;
  },
) {
  const id = useId();
  const props = withLimit(given, given.value, given.maxLength, given.measure);
  return (
    <Wrap id={id} label={props.label} error={props.error} hint={props.hint}>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 5}
        value={props.value}
        {...{ [OVER_LIMIT]: isTooLong(props.value, props.maxLength, props.measure) || undefined }}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props)}
        onInput={(e) => props.onValue(e.currentTarget.value)}
      />
    </Wrap>
  );
}

/**
 * The count near its limit, or the error over it, of a text control a screen lays out itself; give the
 * control `aria-describedby={id}` and `aria-invalid` when over (`isTooLong`).
 */
export function LengthNote(props: { id: string; value: string; max: number }) {
  const note = lengthNote(props.value, props.max);
  if (!note) return null;
  return note.isOver ? (
    <p class="field__error" id={props.id} role="alert">
      {note.text}
    </p>
  ) : (
    <p class="field__hint" id={props.id} aria-live="polite">
      {note.text}
    </p>
  );
}

export type Option = { value: string; label: string };

export function SelectField(
  props: Common & {
    value: string;
    options: Option[];
    name?: string;
    placeholder?: string;
    onValue(value: string): void;
  },
) {
  const id = useId();
  return (
    <Wrap id={id} label={props.label} error={props.error} hint={props.hint}>
      <select
        id={id}
        name={props.name}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props)}
        onChange={(e) => props.onValue(e.currentTarget.value)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrap>
  );
}

export function CheckboxField(props: {
  label: string;
  checked: boolean;
  name?: string;
  /** Shown as it is, not to be changed here (what it shows follows from another field). */
  disabled?: boolean;
  onValue(value: boolean): void;
}) {
  const id = useId();
  return (
    <div class="field field--check">
      <input
        id={id}
        type="checkbox"
        name={props.name}
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onValue(e.currentTarget.checked)}
      />
      <label for={id}>{props.label}</label>
    </div>
  );
}
