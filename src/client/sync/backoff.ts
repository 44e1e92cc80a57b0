// Retry delays after failed syncs: exponential with full jitter, so that a school's phones coming back
// into range together do not all knock at the same second.
const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.max(1_000, Math.round(random() * ceiling));
}
