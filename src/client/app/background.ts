// What a device runs behind its screens: sync, the search index, the service worker and reminders. Their code
// loads once the first screen has shown its data (or after a few seconds, whichever comes first), so
// that a phone opening the app downloads and runs only what that screen needs first.
import type { NastavnikDb } from '../db/database';
import type { HomeQueries } from '../db/home-queries';
import type { SearchIndexer } from '../db/search-indexer';
import { loadAllStrings } from '../i18n/i18n';
import { type Store, store } from '../state/store';
import type { SyncScheduler } from '../sync/scheduler';
import type { SyncOutcome } from '../sync/sync-engine';

/** The longest the background waits (after the database opened) for a screen to say it is ready. */
const LATEST_START_MS = 1_000;

export type Background = {
  /** The scheduler's calls, answered once its code has loaded (a sync asked for early waits for it). */
  scheduler: Pick<SyncScheduler, 'syncNow' | 'afterWrite'>;
  indexer: Pick<SearchIndexer, 'poke'>;
  /** True once the background has begun: the first screen is shown (or the wait for it ran out). */
  started: Store<boolean>;
  /** Starts the background once a screen has marked itself ready (ready-mark.ts), or after a few seconds. */
  start(): void;
};

export function createBackground(
  db: NastavnikDb,
  queries: HomeQueries,
  startPwa: () => Promise<void>,
): Background {
  let sync: Promise<SyncScheduler> | undefined;
  let indexer: Promise<SearchIndexer> | undefined;
  const started = store(false);
  let canStart = false;
  let observer: PerformanceObserver | undefined;

  const loadIndexer = () => {
    indexer ??= import('../db/search-indexer').then((m) => m.startSearchIndexer(db));
    return indexer;
  };
  const loadSync = () => {
    sync ??= import('../sync/device-sync').then((m) =>
      m.createDeviceSync(db, (_outcome: SyncOutcome) => void loadIndexer().then((i) => i.poke())),
    );
    return sync;
  };
  const log = (what: string) => (error: unknown) => console.error(`${what} failed`, error);

  function begin(): void {
    if (started.value || !canStart) return;
    started.value = true;
    observer?.disconnect();
    void loadAllStrings().catch(log('strings'));
    void loadSync()
      .then((s) => s.start())
      .catch(log('sync'));
    void loadIndexer()
      .then((i) => i.poke())
      .catch(log('search index'));
    void startPwa().catch(log('service worker registration'));
    // Reminders are for mentors and mentees who switched them on (pwa/reminders.ts). The mark tells
    // tests and benchmarks that the check has run (whether it reminded or not).
    const remind = () =>
      void import('../pwa/reminders')
        .then(({ maybeRemind }) => maybeRemind(db, queries))
        .catch(log('reminder'))
        .finally(() => performance.mark('reminders-checked'));
    remind();
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') remind();
    });
  }

  return {
    scheduler: {
      syncNow: () => loadSync().then((s) => s.syncNow()),
      afterWrite: () => void loadSync().then((s) => s.afterWrite(), log('sync')),
    },
    indexer: { poke: () => void loadIndexer().then((i) => i.poke(), log('search index')) },
    started,
    start() {
      canStart = true;
      const isReady = (e: PerformanceEntry) => e.name.startsWith('screen-ready:');
      if (performance.getEntriesByType('mark').some(isReady)) return begin();
      observer = new PerformanceObserver((list) => {
        if (list.getEntries().some(isReady)) begin();
      });
      observer.observe({ type: 'mark' });
      setTimeout(begin, LATEST_START_MS);
    },
  };
}
