// The life of a draft: what a user types into a form (a meeting, a questionnaire's answers, a
// questionnaire being edited) is written to the device's drafts on every change, comes back after a
// crash or a closed tab, and goes only once the input is stored for good.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Drafts } from '../db/drafts';
import { setEditing, trackSave } from './editing';

export type Draft<T> = {
  /** What is on screen: null until the draft left earlier, or else the initial value, has been read. */
  value: T | null;
  /** The value came from a draft left on this device earlier (a crash, a closed tab, a locked phone). */
  isRestored: boolean;
  /**
   * Shows the next value and writes it as the draft at once (the write is tracked, so a reload for an
   * update waits for it). Given a function, it gets the value as it is now — not as it was when an
   * awaited step began — so a change made after an await keeps what was typed meanwhile.
   */
  change(next: T | ((current: T) => T)): void;
  /** The input is stored for good (or deleted): the draft goes, and the app may reload again. */
  finish(): Promise<void>;
  /**
   * Drops the draft and shows the initial value again. Resolves to a function that puts the dropped
   * draft back (for «Отменить»: what was typed is never lost by one tap).
   */
  discard(): Promise<() => void>;
};

/**
 * A form's draft under `key` in `drafts`. `initial` gives the value to start from when there is no
 * draft (the stored record, or defaults); pass null while the screen's data are still loading.
 * `restore` completes a draft saved by an older version of the form (fields added since).
 */
export function useDraft<T extends Record<string, unknown>>(
  drafts: Drafts,
  key: string,
  initial: (() => T | Promise<T>) | null,
  restore: (saved: T) => T = (saved) => saved,
): Draft<T> {
  const [state, setState] = useState<{ key: string; value: T | null; isRestored: boolean }>({
    key,
    value: null,
    isRestored: false,
  });
  const current = useRef<T | null>(null);
  const start = useRef(initial);
  start.current = initial;
  const shown = state.key === key ? state : { key, value: null, isRestored: false };
  current.current = shown.value;
  const isReady = initial !== null;

  useEffect(() => {
    if (!isReady || shown.value !== null) return;
    let isCurrent = true;
    void (async () => {
      const saved = (await drafts.get(key))?.value as T | undefined;
      const value = saved ? restore(saved) : await start.current?.();
      if (!isCurrent || value === undefined) return;
      if (saved) setEditing(key, true);
      current.current = value;
      setState({ key, value, isRestored: Boolean(saved) });
    })();
    return () => {
      isCurrent = false;
    };
  }, [key, isReady, shown.value === null]);
  useEffect(() => () => setEditing(key, false), [key]);

  return {
    value: shown.value,
    isRestored: shown.isRestored,
    change(next) {
      const base = current.current;
      if (base === null) return;
      const value = typeof next === 'function' ? next(base) : next;
      current.current = value;
      setState((s) => ({ ...s, key, value }));
      setEditing(key, true);
      void trackSave(drafts.save(key, value));
    },
    async finish() {
      await drafts.drop(key);
      setEditing(key, false);
    },
    async discard() {
      const dropped = current.current;
      await drafts.drop(key);
      setEditing(key, false);
      const value = (await start.current?.()) ?? null;
      current.current = value;
      setState({ key, value, isRestored: false });
      return () => {
        if (dropped === null) return;
        current.current = dropped;
        setState({ key, value: dropped, isRestored: true });
        setEditing(key, true);
        void trackSave(drafts.save(key, dropped));
      };
    },
  };
}
