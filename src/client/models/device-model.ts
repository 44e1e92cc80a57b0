// What screens ask of the device's own store besides records: keeping the enrolment, the rejected
// changes, starting the pull over, reminders and the storage's persistence. Screens never hold the
// database: they call these. A write answers with a result (never throws) and goes through the storage
// guard; code that a phone's first screens do not need loads when it is first asked for.
import type { EnrolResponse } from '../../domain/sync-contract';
import type { NastavnikDb } from '../db/database';
import type { HomeQueries } from '../db/home-queries';
import { requestPersistence, storageEstimate } from '../db/lifecycle';
import { startPullOver } from '../db/meta';
import { saveEnrolment } from '../db/session-store';
import type { StorageGuard } from '../db/storage-guard';
import { type WriteFailure, writeFailure } from '../db/write-failure';

export type Saved = { ok: true } | WriteFailure;

export function createDeviceModel(db: NastavnikDb, queries: HomeQueries, guard: StorageGuard) {
  const saved = (write: () => Promise<unknown>): Promise<Saved> =>
    guard.run(null, () => write().then(() => ({ ok: true }) as const, writeFailure));
  const outbox = () => import('../db/outbox');
  const reminders = () => import('../pwa/reminders');
  return {
    /** Keeps the session and the user's own person record that an enrolment answered with. */
    saveEnrolment: (enrolment: EnrolResponse) => saved(() => saveEnrolment(db, enrolment)),
    /** Gives up a rejected change: the record comes again as the server has it. */
    discardRejected: (id: string) => saved(() => outbox().then((m) => m.discardRejected(db, id))),
    /** Sends a rejected change again (stamped again first when refused for its clock). */
    retryRejected: (id: string) => saved(() => outbox().then((m) => m.retryRejected(db, id))),
    /** The next pull fetches everything again (after the server's data was restored from a backup). */
    startPullOver: () => startPullOver(db),
    remindersEnabled: () => reminders().then((m) => m.remindersEnabled(db)),
    /** Switches reminders; the first comes at once, so the user sees what they switched on. */
    async enableReminders(isOn: boolean): Promise<boolean> {
      const m = await reminders();
      const isEnabled = await m.enableReminders(db, isOn);
      if (isEnabled) void m.maybeRemind(db, queries);
      return isEnabled;
    },
    requestPersistence,
    storageEstimate,
  };
}
