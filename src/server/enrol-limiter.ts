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

/** An attempt let through: noted as a wrong code until its code is found valid. */
type EnrolAttempt = { ip: string; at: number };

export type EnrolLimiter = {
  /**
   * Before the code is looked at: refused while this address (or the whole server) is over its limit;
   * else the attempt is noted as a wrong code, in the same transaction as the count, so that a burst of
   * concurrent attempts cannot all pass the count before any is noted (PostgreSQL ran them side by side).
   */
  admit(
    ip: string,
  ): Promise<({ ok: true } & { attempt: EnrolAttempt }) | { ok: false; retryAfterMs: number }>;
  /** The attempt's code was valid, or it was no attempt at a code (a malformed body): taken back. */
  passed(attempt: EnrolAttempt): Promise<void>;
  /** The attempt's code was wrong (it stays noted): `ok: false` when this address should now slow down. */
  failed(attempt: EnrolAttempt): Promise<EnrolVerdict>;
};

export function createEnrolLimiter(
  storage: Storage,
  clock: ServerClock,
  limits: EnrolLimits = ENROL_LIMITS,
): EnrolLimiter {
  const waitMs = (oldest: number | null, now: number) =>
    Math.max(1000, (oldest ?? now) + limits.windowMs - now);
  return {
    admit: (ip) =>
      storage.transaction(async (tx) => {
        const now = clock.now();
        await tx.lockEnrolment();
        for (const [key, limit] of [
          [addressKey(ip), limits.perAddress],
          [ALL, limits.perServer],
        ] as const) {
          const { count, oldest } = await tx.enrolFailures(key, now - limits.windowMs);
          if (count >= limit) return { ok: false, retryAfterMs: waitMs(oldest, now) };
        }
        await tx.addEnrolFailure(addressKey(ip), now, now - limits.windowMs);
        await tx.addEnrolFailure(ALL, now, now - limits.windowMs);
        return { ok: true, attempt: { ip, at: now } };
      }),
    passed: ({ ip, at }) =>
      storage.transaction(async (tx) => {
        await tx.dropEnrolFailure(addressKey(ip), at);
        await tx.dropEnrolFailure(ALL, at);
      }),
    async failed({ ip }) {
      const now = clock.now();
      const { count, oldest } = await storage.transaction((tx) =>
        tx.enrolFailures(addressKey(ip), now - limits.windowMs),
      );
      return count > limits.slowDownAfter ? { ok: false, retryAfterMs: waitMs(oldest, now) } : { ok: true };
    },
  };
}
