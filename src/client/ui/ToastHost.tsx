import { useStore } from '../state/store';
import { hideToast, toast } from '../state/toast';

export function ToastHost() {
  const current = useStore(toast);
  if (!current) return null;
  return (
    <div class="toast" role="status" data-testid="toast">
      <span>{current.text}</span>
      {current.action && (
        <button
          type="button"
          onClick={() => {
            const run = current.action?.run;
            hideToast();
            void run?.();
          }}
        >
          {current.action.label}
        </button>
      )}
    </div>
  );
}
