// When to sync: at start, when the network returns, every minute while online, soon after a local
// write, and when the user asks. Failed attempts back off with jitter.
import { backoffDelay } from './backoff';
import type { SyncEngine, SyncOutcome } from './sync-engine';

export type SchedulerDeps = {
  engine: SyncEngine;
  isOnline?: () => boolean;
  onStatus?: (nextRetryAt: number | null) => void | Promise<void>;
  intervalMs?: number;
  afterWriteMs?: number;
  random?: () => number;
};

export type SyncScheduler = {
  start(): void;
  stop(): void;
  syncNow(): Promise<SyncOutcome>;
  /** A local write happened: sync shortly, so the change leaves the device soon. */
  afterWrite(): void;
};

const RETRYABLE: readonly SyncOutcome[] = ['offline', 'server', 'storage'];

export function createSyncScheduler(deps: SchedulerDeps): SyncScheduler {
  const isOnline = deps.isOnline ?? (() => globalThis.navigator?.onLine !== false);
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let writeTimer: ReturnType<typeof setTimeout> | undefined;
  let interval: ReturnType<typeof setInterval> | undefined;
  let running: Promise<SyncOutcome> | null = null;

  const onOnline = () => {
    failures = 0;
    void attempt();
  };

  /**
   * Background attempts join a sync already under way. One the user asked for must really sync: if
   * the sync under way could not (another tab held the lock), it waits its turn and runs.
   */
  async function attempt(userAsked = false): Promise<SyncOutcome> {
    while (running) {
      const outcome = await running;
      if (!userAsked || outcome !== 'busy') return outcome;
    }
    clearTimeout(retryTimer);
    running = deps.engine.syncOnce({ wait: userAsked });
    try {
      const outcome = await running;
      if (outcome === 'ok') failures = 0;
      if (RETRYABLE.includes(outcome)) {
        failures += 1;
        const delay = backoffDelay(failures, deps.random);
        retryTimer = setTimeout(() => void attempt(), delay);
        await deps.onStatus?.(Date.now() + delay);
      }
      return outcome;
    } finally {
      running = null;
    }
  }

  return {
    start() {
      globalThis.addEventListener?.('online', onOnline);
      interval = setInterval(() => {
        if (isOnline()) void attempt();
      }, deps.intervalMs ?? 60_000);
      void attempt();
    },
    stop() {
      globalThis.removeEventListener?.('online', onOnline);
      clearInterval(interval);
      clearTimeout(retryTimer);
      clearTimeout(writeTimer);
    },
    syncNow() {
      failures = 0;
      return attempt(true);
    },
    afterWrite() {
      clearTimeout(writeTimer);
      writeTimer = setTimeout(() => {
        if (isOnline()) void attempt();
      }, deps.afterWriteMs ?? 1_500);
    },
  };
}
