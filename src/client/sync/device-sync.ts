// The sync machinery of a device, built when the app has shown its first screen (app-model.ts loads
// this module then): the engine, its scheduler and the HTTP transport.
import type { NastavnikDb } from '../db/database';
import { serverNow } from '../db/device-clock';
import { updateSyncStatus } from '../db/meta';
import { createSyncScheduler, type SyncScheduler } from './scheduler';
import { createSyncEngine, type SyncOutcome } from './sync-engine';
import { httpTransport } from './transport';

export function createDeviceSync(db: NastavnikDb, afterSync: (outcome: SyncOutcome) => void): SyncScheduler {
  const engine = createSyncEngine({ db, transport: httpTransport(), afterSync });
  return createSyncScheduler({
    engine,
    // By the school's clock, as every time the screens show (state/school-clock.ts schoolNow).
    onStatus: async (nextRetryAt) =>
      updateSyncStatus(db, {
        nextRetryAt: nextRetryAt ? new Date(await serverNow(db, nextRetryAt)).toISOString() : null,
      }),
  });
}
