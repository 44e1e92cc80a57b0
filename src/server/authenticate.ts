// Who is calling: a device token, looked up before anything of the request is read.
import { standingOf } from './caller-standing';
import { hashSecret, schoolOfToken } from './secrets';
import type { ServerClock } from './server-clock';
import type { Storage } from './storage/storage';
import type { Caller } from './sync-session';

/** A device's last-seen time is written at most this often: a read-only sync writes nothing more. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The caller behind a bearer token; undefined for an unknown or revoked token or a deleted person;
 * 'archived' when the curator archived the person: their devices keep no access to the programme's data.
 */
export async function authenticateDevice(
  storage: Storage,
  clock: ServerClock,
  token: string,
): Promise<Caller | 'archived' | undefined> {
  const found = await storage.read(async (tx) => {
    const device = await tx.deviceByToken(hashSecret(token), schoolOfToken(token));
    return device && { device, standing: await standingOf(tx, device) };
  });
  if (!found || found.standing === 'gone') return undefined;
  if (found.standing === 'archived') return 'archived';
  const { device } = found;
  const now = clock.now();
  if (device.lastSeenAt === null || now - Date.parse(device.lastSeenAt) >= TOUCH_EVERY_MS) {
    await storage.transaction((tx) =>
      tx.touchDevice(device.schoolId, device.id, new Date(now).toISOString()),
    );
  }
  return {
    personId: device.personId,
    isCurator: device.role === 'curator',
    schoolId: device.schoolId,
    deviceId: device.id,
    role: device.role,
  };
}
