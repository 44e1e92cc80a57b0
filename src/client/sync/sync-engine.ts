// The one sync engine: push the outbox, then pull by cursor, until the server has nothing more and
// nothing waits to be sent. It never throws into the UI: it returns an outcome and publishes a status.
import type { NastavnikDb } from '../db/database';
import { serverNow } from '../db/device-clock';
import { getSession, pullActivity, type SyncStatus, updateSyncStatus } from '../db/meta';
import { countOutbox, releaseBatch, takeBatch } from '../db/outbox';
import { applySyncAnswer, beginPullRun, dropProgrammeData } from '../db/sync-store';
import type { SyncAnswer, Transport, TransportResult } from './transport';

export type SyncOutcome = 'ok' | 'busy' | 'no-session' | NonNullable<SyncStatus['error']>;

/**
 * Runs `fn` under the device's sync lock. If another tab holds it, answers 'busy' at once — or, when
 * `wait` is set (the user asked), waits for that sync to end and then runs.
 */
export type LockRunner = (fn: () => Promise<SyncOutcome>, wait?: boolean) => Promise<SyncOutcome>;

export type SyncEngineDeps = {
  db: NastavnikDb;
  transport: Transport;
  now?: () => number;
  lock?: LockRunner;
  batchSize?: number;
  /** Called after every sync, whatever its outcome (the search index is built after syncs). */
  afterSync?: (outcome: SyncOutcome) => void;
};

const MAX_ROUNDS = 1_000;
const MAX_BATCH_BYTES = 1_000_000;

/** Web Locks keep one sync at a time across the tabs of a device; without them, one per page. */
export function webLockRunner(name = 'nastavnik-sync'): LockRunner {
  let current: Promise<unknown> | null = null;
  return async (fn, wait = false) => {
    const locks = globalThis.navigator?.locks;
    if (locks) {
      return (await locks.request(name, { ifAvailable: !wait }, async (lock) =>
        lock ? fn() : 'busy',
      )) as SyncOutcome;
    }
    while (current) {
      if (!wait) return 'busy';
      await current.catch(() => undefined);
    }
    const run = fn();
    current = run;
    try {
      return await run;
    } finally {
      current = null;
    }
  };
}

function classify(result: Extract<TransportResult, { ok: false }>): NonNullable<SyncStatus['error']> {
  if (result.status === 0) return 'offline';
  if (result.status === 426) return 'upgrade-required';
  if (result.status === 401) return 'unauthorized';
  if (result.status === 403 && result.error === 'archived') return 'archived';
  if (result.status >= 500 || result.status === 429 || result.status === 408) return 'server';
  return 'refused';
}

export type SyncEngine = {
  /** One sync; `wait` queues behind a sync another tab is running instead of answering 'busy'. */
  syncOnce(options?: { wait?: boolean }): Promise<SyncOutcome>;
};

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const { db, transport } = deps;
  const now = deps.now ?? Date.now;
  const lock = deps.lock ?? webLockRunner();
  // The sync screen's times are the school's (see state/school-clock.ts schoolNow): «5 минут назад», not a year.
  const iso = async () => new Date(await serverNow(db, now())).toISOString();

  async function run(): Promise<SyncOutcome> {
    const session = await getSession(db);
    if (!session) return 'no-session';
    await releaseBatch(db);
    const progress: NonNullable<SyncStatus['progress']> = {
      sent: 0,
      received: 0,
      total: null,
      isCurrentIn: false,
    };
    const limits = { maxChanges: deps.batchSize ?? 200, maxBytes: MAX_BATCH_BYTES };
    // Each later batch is taken in the transaction that applies the answer before it.
    let batch = await takeBatch(db, limits.maxChanges, limits.maxBytes);
    const send = (round: number) =>
      transport(
        {
          cursor: batch.cursor,
          base: batch.base,
          changes: batch.entries.map((e) => e.change),
          // How many records wait is asked for by a first pull; any other sync asks with its second
          // page, when there is one (most fit in one, and the count is bytes in both ways).
          progress: progress.total === null && (round > 0 || batch.cursor === null),
        },
        session.token,
      );
    // The first call leaves at once: what the sync notes of itself is written while it travels (on a
    // first sync, while the home screen renders, these steps took 0.1 s before anything was asked).
    const firstAnswer = send(0);
    const [pullRun] = await Promise.all([
      beginPullRun(db),
      iso().then((at) => updateSyncStatus(db, { lastAttemptAt: at, progress })),
    ]);
    // The next page, asked for while this one is written: the network and the server work meanwhile.
    let ahead: { cursor: string; answer: Promise<TransportResult> } | null = null;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const next: Promise<TransportResult> | null =
        ahead !== null && batch.entries.length === 0 && ahead.cursor === batch.cursor ? ahead.answer : null;
      const result: TransportResult = await (round === 0 ? firstAnswer : (next ?? send(round)));
      ahead = null;
      if (!result.ok) {
        await releaseBatch(db);
        const error = classify(result);
        // The curator archived this person: the programme's data leaves the device; what they typed and
        // did not send yet stays, and the status says why (docs/sync-protocol.md, "Archived people").
        if (error === 'archived') await dropProgrammeData(db, session.personId);
        await updateSyncStatus(db, { error, progress: null });
        return error;
      }
      const page: SyncAnswer = result.body;
      // A count comes with the page it was asked with: what came before it is added.
      if (page.pending !== undefined && progress.total === null)
        progress.total = progress.received + page.pending;
      if (page.hasMore) {
        const request = {
          cursor: page.cursor,
          base: page.cursor,
          changes: [],
          progress: progress.total === null,
        };
        ahead = { cursor: page.cursor, answer: transport(request, session.token) };
      }
      for (const e of batch.entries) pullRun.touched.add(e.change.id);
      progress.sent += batch.entries.length;
      progress.received += page.changes.length;
      if (page.pass !== 'current') progress.isCurrentIn = true;
      const applied = await applySyncAnswer(db, batch.entries, page, now(), pullRun, { ...progress }, limits);
      if (!applied.isRestarted && !page.hasMore && (await countOutbox(db)) === 0) break;
      batch = applied.next ?? (await takeBatch(db, limits.maxChanges, limits.maxBytes));
    }
    await updateSyncStatus(db, {
      lastSuccessAt: await iso(),
      error: null,
      nextRetryAt: null,
      progress: null,
    });
    return 'ok';
  }

  return {
    syncOnce: async (options) => {
      const outcome = await lock(() => {
        pullActivity.begin();
        return run()
          .catch(async (error: unknown) => {
            // A local database failure (a full disk, a lost connection): every step is one transaction,
            // so the outbox is untouched. Report it as the device's, not the server's, and retry later.
            console.error('sync failed', error);
            await updateSyncStatus(db, { error: 'storage', progress: null }).catch(() => undefined);
            return 'storage' as const;
          })
          .finally(() => pullActivity.end());
      }, options?.wait);
      deps.afterSync?.(outcome);
      return outcome;
    },
  };
}
