// Guessing invite codes is made infeasible without refusing the valid codes of a school behind one
// router: codes made here are too long to guess, and only shorter ones are held to a ceiling of attempts
// (docs/sync-protocol.md, "Guessing codes", has the arithmetic). Counts of wrong codes live in Storage,
// so that every server process sees the same (no state of this kind in one process's memory).
import { isIPv6 } from 'node:net';
import type { ServerClock } from './server-clock';
import type { Storage, StorageTx } from './storage/storage';

export type EnrolLimits = {
  /** The sliding window wrong codes are counted over. */
  windowMs: number;
  /**
   * Wrong codes from one address after which its wrong codes are answered 429 (slow down) — a valid code
   * from it is still accepted: one pupil mistyping does not shut out the school.
   */
  slowDownAfter: number;
  /**
   * Wrong codes from one address after which its attempts with a code shorter than the ones made here
   * (secrets.ts, isGuessProof) are refused unchecked until the window ends; a code of full length is
   * still looked up, and a valid one enrols.
   */
  perAddress: number;
  /** The same ceiling for all addresses together. */
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

/** An attempt refused by the limits: wait this long. */
type Limited = { limited: true; retryAfterMs: number };

export type EnrolLimiter = {
  /**
   * One enrolment attempt from `ip`: `check` looks the code up, in the same transaction as the count,
   * alone (PostgreSQL: an advisory lock) — so that concurrent attempts cannot all pass the count before
   * any wrong one is noted, and a valid code is never counted as a guess. A wrong code (`ok: false`) is
   * noted; past `slowDownAfter` of them the answer is `limited` (slow down). A valid code of full length
   * (`isGuessProof`) always enrols; a shorter one is refused unchecked while the address (or the whole
   * server) is past its ceiling.
   */
  attempt<T extends { ok: boolean }>(
    ip: string,
    isGuessProof: boolean,
    check: (tx: StorageTx) => Promise<T>,
  ): Promise<T | Limited>;
};

export function createEnrolLimiter(
  storage: Storage,
  clock: ServerClock,
  limits: EnrolLimits = ENROL_LIMITS,
): EnrolLimiter {
  const waitMs = (oldest: number | null, now: number) =>
    Math.max(1000, (oldest ?? now) + limits.windowMs - now);
  // What a key is held to: no limit needs more of its wrong codes noted than this.
  const ceiling = (key: string) =>
    key === ALL ? limits.perServer : Math.max(limits.perAddress, limits.slowDownAfter + 1);
  /**
   * Notes a wrong code under `key` while fewer than its ceiling are noted in the window: the limits
   * decide on "past the ceiling" alone, and one address sending wrong codes of full length as fast as
   * the server answers (each is looked up) noted two rows an attempt without end — and counted them all
   * on every attempt, holding the enrolment lock (on SQLite the one thread every school's sync waits on)
   * longer each time. So one address notes at most its ceiling, all together at most theirs; whoever
   * stays past a ceiling is held there, since each of theirs that leaves the window is replaced by the
   * next wrong code.
   * Answers what a count of `key` would then read, up to its ceiling, and when the oldest was noted.
   */
  const note = async (tx: StorageTx, key: string, now: number) => {
    const since = now - limits.windowMs;
    const limit = ceiling(key);
    const { count, oldest } = await tx.enrolFailures(key, since, limit);
    if (count >= limit) return { count, oldest };
    await tx.addEnrolFailure(key, now, since);
    // What a count after the note would read (up to the ceiling), without reading it again.
    return { count: count + 1, oldest: oldest ?? now };
  };
  return {
    attempt: (ip, isGuessProof, check) =>
      storage.transaction(async (tx) => {
        const now = clock.now();
        const key = addressKey(ip);
        await tx.lockEnrolment();
        for (const [counted, limit] of isGuessProof
          ? []
          : ([
              [key, limits.perAddress],
              [ALL, limits.perServer],
            ] as const)) {
          const { count, oldest } = await tx.enrolFailures(counted, now - limits.windowMs, limit);
          if (count >= limit) return { limited: true, retryAfterMs: waitMs(oldest, now) } as const;
        }
        const result = await check(tx);
        if (result.ok) return result;
        const { count, oldest } = await note(tx, key, now);
        await note(tx, ALL, now);
        return count > limits.slowDownAfter
          ? ({ limited: true, retryAfterMs: waitMs(oldest, now) } as const)
          : result;
      }),
  };
}
