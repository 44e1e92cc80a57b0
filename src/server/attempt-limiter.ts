// Counts failed attempts per client address, so that invite codes cannot be guessed by trying many.
export type AttemptLimiter = {
  /** Milliseconds until the address may try again, or 0. */
  blockedFor(address: string): number;
  fail(address: string): void;
};

export function createAttemptLimiter(
  maxFailures: number,
  windowMs: number,
  now: () => number = Date.now,
): AttemptLimiter {
  const failures = new Map<string, { count: number; resetAt: number }>();
  const current = (address: string) => {
    const entry = failures.get(address);
    if (entry && entry.resetAt <= now()) {
      failures.delete(address);
      return undefined;
    }
    return entry;
  };
  return {
    blockedFor(address) {
      const entry = current(address);
      return entry && entry.count >= maxFailures ? entry.resetAt - now() : 0;
    },
    fail(address) {
      const entry = current(address) ?? { count: 0, resetAt: now() + windowMs };
      entry.count += 1;
      failures.set(address, entry);
      // Bounded memory under a flood of addresses: forget the oldest.
      if (failures.size > 10_000) failures.delete(failures.keys().next().value as string);
    },
  };
}
