// A form and a button whose action runs once at a time (state/pending.ts): a double tap on «Сохранить
// согласие», «Создать пару» or «Импортировать» would otherwise save twice.
import type { ButtonHTMLAttributes, ComponentChildren, FormHTMLAttributes } from 'preact';
import { usePending } from '../state/pending';
import { refuseOverLimit } from './text-limit';

type FormProps = Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> & {
  /** What submitting does; a second submit while it runs is ignored. */
  onSubmit(): Promise<unknown>;
  children: ComponentChildren;
};

/**
 * A form whose submit runs once at a time; it says it is busy while it saves (and stays usable: focus
 * stays where the user left it, the typed values stay in view). A text over its limit is not submitted:
 * its field says so (text-limit.ts).
 */
export function Form({ onSubmit, children, ...rest }: FormProps) {
  const { isPending, run } = usePending();
  return (
    <form
      {...rest}
      aria-busy={isPending}
      onSubmit={(event) => {
        event.preventDefault();
        if (refuseOverLimit(event.currentTarget)) return;
        void run(onSubmit);
      }}
    >
      {children}
    </form>
  );
}

type ActionButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick' | 'type' | 'disabled'> & {
  /** What the tap does; a second tap while it runs is ignored. */
  onAction(): Promise<unknown>;
  disabled?: boolean;
  children: ComponentChildren;
};

/** A button whose action runs once at a time; it is disabled while the action runs. */
export function ActionButton({ onAction, disabled, children, ...rest }: ActionButtonProps) {
  const { isPending, run } = usePending();
  return (
    <button
      {...rest}
      type="button"
      disabled={disabled || isPending}
      aria-busy={isPending}
      onClick={() => void run(onAction)}
    >
      {children}
    </button>
  );
}
