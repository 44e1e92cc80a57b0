// Reading hybrid logical clock stamps (`<ISO time>_<counter>_<deviceId>`): their parts, time and node.
// Apart from the clock itself (hlc.ts), so that a screen that only dates a record from its stamp (a
// mentor's home, through nudges.ts) does not load the clock with it.

export type Hlc = string;

export type HlcParts = { ms: number; counter: number; node: string };

export const HLC_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_(\d{4})_([A-Za-z0-9-]{1,64})$/;

/**
 * Stamps parsed lately. The fields of one change share one stamp, and a push carries hundreds: each is
 * parsed (a pattern and a calendar check) once. Bounded; the parts are frozen, since they are shared.
 */
const recentlyParsed = new Map<string, Readonly<HlcParts> | null>();
const RECENT_MAX = 4_096;

export function parseHlc(stamp: string): Readonly<HlcParts> | null {
  const known = recentlyParsed.get(stamp);
  if (known !== undefined) return known;
  const parts = parseUncached(stamp);
  if (recentlyParsed.size >= RECENT_MAX) recentlyParsed.clear();
  recentlyParsed.set(stamp, parts);
  return parts;
}

function parseUncached(stamp: string): Readonly<HlcParts> | null {
  const match = HLC_PATTERN.exec(stamp);
  if (!match) return null;
  const [, iso, counter, node] = match;
  const ms = Date.parse(iso as string);
  if (Number.isNaN(ms) || new Date(ms).toISOString() !== iso) return null;
  return Object.freeze({ ms, counter: Number(counter), node: node as string });
}

export function stampTime(stamp: Hlc): number {
  return parseHlc(stamp)?.ms ?? Number.NaN;
}

export function stampNode(stamp: Hlc): string {
  return parseHlc(stamp)?.node ?? '';
}
