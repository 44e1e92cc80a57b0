// Screens read through Dexie live queries: the hook re-runs the query whenever its tables change,
// in this tab or another.
import { liveQuery } from 'dexie';
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
