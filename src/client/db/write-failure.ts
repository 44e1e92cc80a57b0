// What a write that the database refused tells the screen. Apart from the repository so that screens on a
// phone's first load (enrolment) can report a failed save without loading the write path.
import { isStorageClosedError } from './lifecycle';

/**
 * `closed`: the device's database connection is gone (another tab upgraded it, or the browser dropped
 * it — iOS Safari does after the app was in the background); `quota`: no space left; `invalid`: the
 * values break the record type's schema; `failed`: anything else the database threw.
 */
export type WriteFailure = { ok: false; code: 'quota' | 'invalid' | 'failed' | 'closed'; reason: string };

export type WriteResult = { ok: true; id: string } | WriteFailure;

function isQuotaError(error: unknown): boolean {
  const e = error as { name?: string; inner?: { name?: string } } | null;
  return e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError';
}

/** A thrown database error as a write result the caller can show. */
export function writeFailure(error: unknown): WriteFailure {
  if (isQuotaError(error)) return { ok: false, code: 'quota', reason: 'the device has no space left' };
  const reason = error instanceof Error ? error.message : String(error);
  return { ok: false, code: isStorageClosedError(error) ? 'closed' : 'failed', reason };
}
