// Labelled form controls: the label is always visible, an error is announced and tied to its field.
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

type Common = { label: string; error?: string | null; hint?: string };

function Wrap(props: Common & { id: string; children: ComponentChildren }) {
  return (
    <div class={`field${props.error ? ' field--error' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint && (
        <p class="field__hint" id={`${props.id}-hint`}>
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
  maxLength?: number;
  min?: number;
  max?: number;
};

export function TextField(props: Common & InputProps & { onValue(value: string): void }) {
  const id = useId();
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
        maxLength={props.maxLength}
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
  props: Common & {
    value: string;
    rows?: number;
    name?: string;
    maxLength?: number;
    onValue(value: string): void;
  },
) {
  const id = useId();
  return (
    <Wrap id={id} label={props.label} error={props.error} hint={props.hint}>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 5}
        value={props.value}
        maxLength={props.maxLength}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props)}
        onInput={(e) => props.onValue(e.currentTarget.value)}
      />
    </Wrap>
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
        onChange={(e) => props.onValue(e.currentTarget.checked)}
      />
      <label for={id}>{props.label}</label>
    </div>
  );
}
