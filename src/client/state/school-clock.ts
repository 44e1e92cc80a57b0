// The school's clock, as the last sync measured it: the dates and times people see and store start from
// it (domain/school-clock.ts says which correction this device's clock takes). Module state, like the
// interface language: the app model keeps it in step with what the sync stores (`serverOffset`,
// `serverTime` in db/device-clock.ts).
import { dateCorrection, instantCorrection } from '../../domain/school-clock';
import { store } from './store';

/**
 * How far the school's clock is ahead of this device's, in ms, as the last sync measured it (`serverOffset`
 * in db/device-clock.ts; the app model keeps this in step with it), 0 before a first sync; and the
 * school's time at that sync (`serverTime`), null when not known. Module state, like `language`: every
 * date formatter reads it.
 */
export const clockOffset = store(0);
export const clockMeasuredAt = store<number | null>(null);

/**
 * The correction this device's clock takes now (domain/school-clock.ts): whole days when its date is a
 * day or more off the school's — a phone whose date is a year off still dates a meeting, an order or a
 * consent today —, none for hours off (its wall clock is what its user goes by) or once it was set right.
 */
export const clockCorrection = (deviceNowMs: number = Date.now()): number =>
  dateCorrection(clockOffset.value, clockMeasuredAt.value, deviceNowMs);

/** Now by the school's clock: what every default date or time a user sees or stores starts from. */
export const schoolNow = (): Date => {
  const now = Date.now();
  return new Date(now + clockCorrection(now));
};

/** The server's instant now, as best this device knows it: for times compared with the server's. */
export const schoolInstant = (): number => {
  const now = Date.now();
  return now + instantCorrection(clockOffset.value, clockMeasuredAt.value, now);
};
