// Screens read through Dexie live queries: the hook re-runs the query whenever its tables change,
// in this tab or another.
import Dexie, { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: setValue,
      error: (error: unknown) => console.error('live query failed', error),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}

/**
 * Promise.all for queries inside a live query. The native one would lose the live query's context in
 * the browser, and reads made after it would no longer refresh the screen.
 */
export function allOf<T extends readonly unknown[] | []>(
  values: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  return Dexie.Promise.all(values as unknown[]) as unknown as Promise<{
    -readonly [K in keyof T]: Awaited<T[K]>;
  }>;
}
