// Whether a caller may still act: their device enrolled and not revoked, their person neither erased nor
// archived. Checked when a request arrives (route-kit.ts, before its body is read) and again inside the
// transaction that does the request's work: a request whose body trickled in for a minute, or that
// waited behind others, must not act for a device revoked (or a person archived) meanwhile — one invite
// made that way would hand a revoked curator a new way in.
import type { Device, Storage, StorageTx } from './storage/storage';
import type { Caller } from './sync-session';

export type Standing = 'enrolled' | 'archived' | 'gone';

/** The answer a caller who is no longer enrolled gets: 401, or 403 `archived` for an archived person. */
export const STANDING_REFUSALS = {
  gone: { status: 401, error: 'unauthorized', reason: 'this device is not enrolled or was revoked' },
  archived: {
    status: 403,
    error: 'archived',
    reason:
      'this person was archived by the curator: the programme no longer shares its data with this device',
  },
} as const;

/** What an invite made at `caller`'s request notes of its maker (storage.ts Invite.madeBy). */
export const madeBy = (caller: Caller) => ({ schoolId: caller.schoolId, deviceId: caller.deviceId });

/** A device's standing: 'gone' when it is unknown or revoked or its person is erased. */
export async function standingOf(tx: StorageTx, device: Device | undefined): Promise<Standing> {
  if (!device || device.revokedAt) return 'gone';
  const person = await tx.getRecord(device.schoolId, device.personId);
  if (!person || person.record.deleted !== undefined) return 'gone';
  return person.record.fields.archived === true ? 'archived' : 'enrolled';
}

/** Thrown inside a transaction run for a caller who is no longer enrolled; answered as STANDING_REFUSALS. */
export class CallerGoneError extends Error {
  constructor(readonly standing: Exclude<Standing, 'enrolled'>) {
    super(`the caller's device is ${standing}`);
  }
}

/**
 * Throws CallerGoneError unless the caller is still enrolled, as `tx` sees it. A writer calls it after
 * `lockSchool` (an archiving is a write of the school, so it is either seen here or waits); on PostgreSQL
 * the device row stays held until `tx` ends (StorageTx.deviceInUse), so a revocation waits as well.
 */
export async function assertStanding(tx: StorageTx, caller: Caller): Promise<void> {
  const standing = await standingOf(tx, await tx.deviceInUse(caller.schoolId, caller.deviceId));
  if (standing !== 'enrolled') throw new CallerGoneError(standing);
}

/**
 * `storage` as a request of `caller` uses it: every transaction and read first checks that the caller is
 * still enrolled (assertStanding), so that no route can forget to. A writer that locks its school does so
 * after this check; on PostgreSQL the rows it holds make the order safe (see assertStanding).
 */
export function forCaller(storage: Storage, caller: Caller): Storage {
  return {
    transaction: (fn, options) =>
      storage.transaction(async (tx) => {
        await assertStanding(tx, caller);
        return fn(tx);
      }, options),
    read: (fn) =>
      storage.read(async (tx) => {
        await assertStanding(tx, caller);
        return fn(tx);
      }),
    close: () => storage.close(),
  };
}
