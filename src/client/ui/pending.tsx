// A user's action runs once at a time. A double tap on «Сохранить согласие», «Создать пару» or
// «Импортировать» would otherwise save twice — two consents (withdrawing one leaves the other in force),
// two pairs in the approval order, a class imported twice. The guard is a ref, not state: the second tap
// of a double tap lands before the disabled control is drawn.
import type { ButtonHTMLAttributes, ComponentChildren, FormHTMLAttributes } from 'preact';
import { useRef, useState } from 'preact/hooks';

/**
 * `run(action)` runs `action` unless one of this component's actions is still running (then it does
 * nothing); `isPending` is true meanwhile, for the controls to show it. An action's failure is its own
 * to report: `run` lets what it throws through.
 */
export function usePending(): { isPending: boolean; run(action: () => Promise<unknown>): Promise<void> } {
  const running = useRef(false);
  const [isPending, setPending] = useState(false);
  const run = async (action: () => Promise<unknown>) => {
    if (running.current) return;
    running.current = true;
    setPending(true);
    try {
      await action();
    } finally {
      running.current = false;
      setPending(false);
    }
  };
  return { isPending, run };
}

type FormProps = Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> & {
  /** What submitting does; a second submit while it runs is ignored. */
  onSubmit(): Promise<unknown>;
  children: ComponentChildren;
};

/**
 * A form whose submit runs once at a time; it says it is busy while it saves (and stays usable: focus
 * stays where the user left it, the typed values stay in view).
 */
export function Form({ onSubmit, children, ...rest }: FormProps) {
  const { isPending, run } = usePending();
  return (
    <form
      {...rest}
      aria-busy={isPending}
      onSubmit={(event) => {
        event.preventDefault();
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
