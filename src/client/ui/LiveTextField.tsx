// A text field bound to a stored value that saves on every keystroke. While it has focus it keeps what
// the user types, so a slower echo from the database never moves the cursor or eats a letter.
import { useEffect, useId, useRef, useState } from 'preact/hooks';

export function LiveTextField(props: {
  label: string;
  value: string;
  multiline?: boolean;
  type?: 'text' | 'date';
  disabled?: boolean;
  placeholder?: string;
  onSave(value: string): void;
}) {
  const id = useId();
  const [text, setText] = useState(props.value);
  const isFocused = useRef(false);
  useEffect(() => {
    if (!isFocused.current) setText(props.value);
  }, [props.value]);
  const common = {
    id,
    value: text,
    disabled: props.disabled,
    placeholder: props.placeholder,
    onFocus: () => (isFocused.current = true),
    onBlur: () => (isFocused.current = false),
  };
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.multiline ? (
        <textarea
          {...common}
          rows={3}
          onInput={(e) => {
            setText(e.currentTarget.value);
            props.onSave(e.currentTarget.value);
          }}
        />
      ) : (
        <input
          {...common}
          // One input serves text and date; Preact's typings want each spelled out.
          type={(props.type ?? 'text') as 'text'}
          onInput={(e) => {
            setText(e.currentTarget.value);
            props.onSave(e.currentTarget.value);
          }}
        />
      )}
    </div>
  );
}
