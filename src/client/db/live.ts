// Screens read through Dexie live queries: the hook re-runs the query whenever its tables change,
// in this tab or another. A first sync changes the tables with every page it writes, so a re-run
// waits until the query has been quiet for a while in proportion to what it took (while a sync
// writes, reads wait behind its pages, so what a run took is what it costs the sync): one that takes
// a few milliseconds follows the pages, one that reads thousands of records runs a few times in a whole
// sync instead of after each page. Two kinds are told apart by their screens: the sync's own status
// (`isLight`: it follows every page, so the progress bar moves) and aggregates over the whole school
// (`waitsForPull`: they run again when the pull this page writes has ended, see meta.ts).
import Dexie, { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import { pullActivity } from './meta';

/** A re-run waits this many times the last run's duration after it ended… */
const QUIET_FACTOR = 20;
/** …but never longer than this. */
const MAX_WAIT_MS = 3_000;

export type LiveOptions = { isLight?: boolean; waitsForPull?: boolean };

const now = () => globalThis.performance?.now() ?? Date.now();

/**
 * The query, spaced out: runs at once when it has been quiet, else waits for its turn; a run that a
 * newer change overtook while waiting does not read at all (Dexie drops its answer anyway).
 *
 * `onValue` also gets the answer of a run that a change overtook while it was reading: Dexie drops
 * those and runs again, and while a sync writes page after page, a query slower than a page would
 * otherwise never show anything until the sync ends. (Dexie's own answer follows with the latest.)
 */
export function spacedQuery<T>(
  query: () => Promise<T>,
  onValue?: (value: T) => void,
  options: LiveOptions = {},
): () => Promise<T> {
  if (options.isLight) return query;
  let readyAt = 0;
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
        if (onValue && mine > shown) {
          shown = mine;
          onValue(value);
        }
        return value;
      }) as Promise<T>;
    };
    // Dexie's own promise keeps the live query's context across the wait, so reads still count.
    if (mine > 1 && options.waitsForPull && pullActivity.isActive()) {
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

export function useLiveQuery<T>(
  query: () => Promise<T>,
  deps: readonly unknown[],
  options?: LiveOptions,
): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let isClosed = false;
    const show = (v: T) => {
      if (!isClosed) setValue(v);
    };
    const subscription = liveQuery(spacedQuery(query, show, options)).subscribe({
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
