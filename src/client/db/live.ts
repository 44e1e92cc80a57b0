// Screens read through Dexie live queries: the hook re-runs the query whenever its tables change,
// in this tab or another. A first sync changes the tables with every page it writes, so a re-run
// waits until the query has been quiet for a while in proportion to what it costs, and a costly one
// waits for the pull this page writes to end (meta.ts): a query that takes a millisecond
// follows every page (the progress bar does), one that reads thousands of records runs a few times in
// a whole sync instead of after each page, and no screen slows the sync down as the school grows.
import Dexie, { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import { pullActivity } from './meta';

/** A re-run waits this many times the last run's duration after it ended… */
const QUIET_FACTOR = 20;
/** …but never longer than this… */
const MAX_WAIT_MS = 3_000;
/** …except a query costlier than this while a pull is written here: it waits for the pull's end. */
const CHEAP_MS = 4;

const now = () => globalThis.performance?.now() ?? Date.now();

/**
 * The query, spaced out: runs at once when it has been quiet, else waits for its turn; a run that a
 * newer change overtook while waiting does not read at all (Dexie drops its answer anyway).
 *
 * `onValue` also gets the answer of a run that a change overtook while it was reading: Dexie drops
 * those and runs again, and while a sync writes page after page, a query slower than a page would
 * otherwise never show anything until the sync ends. (Dexie's own answer follows with the latest.)
 */
export function spacedQuery<T>(query: () => Promise<T>, onValue?: (value: T) => void): () => Promise<T> {
  let readyAt = 0;
  let isCostly = false;
  let generation = 0;
  let shown = 0;
  return () => {
    const mine = ++generation;
    const run = (): Promise<T> => {
      if (mine !== generation) return Dexie.Promise.resolve(undefined as T);
      const started = now();
      return Dexie.Promise.resolve(query()).then((value) => {
        const ended = now();
        // The first run may have waited for the database to open: only re-runs space out the next.
        if (mine > 1) readyAt = ended + Math.min(MAX_WAIT_MS, (ended - started) * QUIET_FACTOR);
        isCostly = ended - started > CHEAP_MS;
        if (onValue && mine > shown) {
          shown = mine;
          onValue(value);
        }
        return value;
      }) as Promise<T>;
    };
    // Dexie's own promise keeps the live query's context across the wait, so reads still count.
    if (mine > 1 && isCostly && pullActivity.isActive()) {
      const pullEnds = new Dexie.Promise<void>((resolve) => {
        const timer = setTimeout(resolve, MAX_WAIT_MS);
        void pullActivity.whenQuiet().then(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      return pullEnds.then(run) as Promise<T>;
    }
    const wait = readyAt - now();
    return wait > 0
      ? (new Dexie.Promise((resolve) => setTimeout(resolve, wait)).then(run) as Promise<T>)
      : run();
  };
}

export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let isClosed = false;
    const show = (v: T) => {
      if (!isClosed) setValue(v);
    };
    const subscription = liveQuery(spacedQuery(query, show)).subscribe({
      next: show,
      error: (error: unknown) => console.error('live query failed', error),
    });
    return () => {
      isClosed = true;
      subscription.unsubscribe();
    };
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
