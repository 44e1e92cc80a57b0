// Which correction a device's clock takes for the dates and times people see and store (a meeting's
// date, an order's, «сегодня»). The school's clock is known from the last sync (`serverTime` in its
// answer): the device's offset from it, and the school's time then.

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The correction in ms — whole days — to add to this device's clock (`deviceNowMs`) for dates people see
 * and store, given the offset the last sync measured (`offsetMs`: school − device) and the school's
 * time then (`serverMs`, null when not known).
 *
 * - Under a day off: none. A phone whose time zone is set wrong and its clock set by hand to the hour on
 *   the wall (common in Russia: Vladivostok's phone on Moscow time) is hours off the real time, and its
 *   wall clock is the one its user goes by; a correction would date a meeting seven hours early.
 * - A day or more off: the whole days of the offset (the time of day stays the device's, for the same
 *   reason), so that a phone whose date is a year off still dates a meeting today.
 * - None once the device's clock has been set right since the sync: it is then nearer the school's time
 *   of that sync than to its own time then (a phone a year fast, set right, is no longer a year fast).
 */
export function dateCorrection(offsetMs: number, serverMs: number | null, deviceNowMs: number): number {
  if (!Number.isFinite(offsetMs) || Math.abs(offsetMs) < DAY_MS) return 0;
  if (isSetRightSince(offsetMs, serverMs, deviceNowMs)) return 0;
  return Math.round(offsetMs / DAY_MS) * DAY_MS;
}

/**
 * The correction in ms that brings this device's clock to the school's instant (times compared with the
 * server's: «5 минут назад» of a sync, when a change was delivered): the offset the last sync measured,
 * or none once the device's clock was set right since (as in dateCorrection).
 */
export function instantCorrection(offsetMs: number, serverMs: number | null, deviceNowMs: number): number {
  if (!Number.isFinite(offsetMs)) return 0;
  return isSetRightSince(offsetMs, serverMs, deviceNowMs) ? 0 : offsetMs;
}

/** A device clock a day or more off at the sync that is now nearer the school's time then than its own. */
function isSetRightSince(offsetMs: number, serverMs: number | null, deviceNowMs: number): boolean {
  if (serverMs === null || !Number.isFinite(serverMs) || Math.abs(offsetMs) < DAY_MS) return false;
  const deviceThenMs = serverMs - offsetMs;
  return Math.abs(deviceNowMs - serverMs) < Math.abs(deviceNowMs - deviceThenMs);
}
