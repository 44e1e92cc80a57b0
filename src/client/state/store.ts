// A value that screens follow: the few bits of app-wide state (language, connection, update, toast).
// A component reads one with `useStore`, which renders it again whenever the value changes.
import { useEffect, useReducer } from 'preact/hooks';

export type Store<T> = {
  value: T;
  /** Calls `listener` after each change of the value; the returned function stops it. */
  subscribe(listener: () => void): () => void;
};

/** A store holding `initial`; setting `value` to something else (`Object.is`) tells the listeners. */
export function store<T>(initial: T): Store<T> {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get value() {
      return current;
    },
    set value(next: T) {
      if (Object.is(next, current)) return;
      current = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The store's value, the component rendered again on each change (one that came between render and subscription included). */
export function useStore<T>(source: Store<T>): T {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const seen = source.value;
  useEffect(() => {
    if (!Object.is(source.value, seen)) rerender(0);
    return source.subscribe(() => rerender(0));
  }, [source, seen]);
  return seen;
}
