// A user's action runs once at a time. A double tap on «Сохранить согласие», «Создать пару» or
// «Импортировать» would otherwise save twice — two consents (withdrawing one leaves the other in force),
// two pairs in the approval order, a class imported twice. The guard is a ref, not state: the second tap
// of a double tap lands before the disabled control is drawn.
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
