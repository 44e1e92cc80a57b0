// Guessing invite codes is made infeasible without refusing the valid codes of a school behind one
// router (docs/sync-protocol.md, "Enrolment", has the arithmetic). Counts of wrong codes live in Storage,
// so that every server process sees the same (no state of this kind in one process's memory).
import { isIPv6 } from 'node:net';
import type { ServerClock } from './server-clock';
import type { Storage } from './storage/storage';

export type EnrolLimits = {
  /** The sliding window wrong codes are counted over. */
  windowMs: number;
  /**
   * Wrong codes from one address after which its wrong codes are answered 429 (slow down) — a valid code
   * from it is still accepted: one pupil mistyping does not shut out the school.
   */
  slowDownAfter: number;
  /** Wrong codes from one address after which it is refused, valid codes included, until the window ends. */
  perAddress: number;
  /** Wrong codes from all addresses together after which every enrolment waits for the window to end. */
  perServer: number;
};

export const ENROL_LIMITS: EnrolLimits = {
  windowMs: 10 * 60 * 1000,
  slowDownAfter: 30,
  perAddress: 100,
  perServer: 300,
};

const ALL = 'all';

/**
 * The key an address is counted under: an IPv4 address as it is, an IPv6 address by its /64 network
 * (one subscriber holds a whole /64, so counting single addresses would count nothing).
 */
function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return `ip:${mapped[1]}`;
  if (!isIPv6(ip)) return `ip:${ip}`;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `ip6:${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`;
}

type EnrolVerdict = { ok: true } | { ok: false; retryAfterMs: number };

export type EnrolLimiter = {
  /** Before the code is looked at: is this address (or the whole server) refused for now? */
  admit(ip: string): Promise<EnrolVerdict>;
  /** A wrong code from this address: counted; `ok: false` when its wrong codes should now slow down. */
  failed(ip: string): Promise<EnrolVerdict>;
};

export function createEnrolLimiter(
  storage: Storage,
  clock: ServerClock,
  limits: EnrolLimits = ENROL_LIMITS,
): EnrolLimiter {
  /** Wrong codes under `key` in the last windowMs, and how long until the oldest of them leaves it. */
  const recent = async (key: string, now: number) => {
    const { count, oldest } = await storage.transaction((tx) => tx.enrolFailures(key, now - limits.windowMs));
    return { count, waitMs: Math.max(1000, (oldest ?? now) + limits.windowMs - now) };
  };
  return {
    async admit(ip) {
      const now = clock.now();
      for (const [key, limit] of [
        [addressKey(ip), limits.perAddress],
        [ALL, limits.perServer],
      ] as const) {
        const { count, waitMs } = await recent(key, now);
        if (count >= limit) return { ok: false, retryAfterMs: waitMs };
      }
      return { ok: true };
    },
    async failed(ip) {
      const now = clock.now();
      const key = addressKey(ip);
      await storage.transaction(async (tx) => {
        await tx.addEnrolFailure(key, now, now - limits.windowMs);
        await tx.addEnrolFailure(ALL, now, now - limits.windowMs);
      });
      const { count, waitMs } = await recent(key, now);
      return count > limits.slowDownAfter ? { ok: false, retryAfterMs: waitMs } : { ok: true };
    },
  };
}
