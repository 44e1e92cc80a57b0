// The one module that knows what a sync cursor looks like (docs/sync-protocol.md, "The cursor"). The
// contract calls the cursor opaque to devices; the server writes and reads it here, and the device only
// asks which of two cursors is older (to send the oldest as `base`) — here too, so that the format can
// change in one place.

/**
 * v1: every change after revision `rev`, for the grants fingerprinted by `scope` (`<rev>.<scope>`);
 * `top`, when a pull started over (the scope grew), is the highest revision the device may hold from
 * before — what a purge must reach — written `<rev>.<scope>.t<top>` while the new pull is below it.
 */
export type Cursor = { rev: number; scope: string; top?: number };

/**
 * Part of a first pull: records changed at revision `upTo` or before, either the current ones (no
 * history day, or one on or after `cutoff`) or the history (a history day before `cutoff`).
 */
export type PullPart = { part: 'current' | 'history'; upTo: number; cutoff: string };

/**
 * A v2 cursor: every change after `rev`, with `held` the revision up to which the device holds every
 * field of every record it may read (`<rev>.<scope>.<held>`); or the position `rev` in a part of a
 * first pull (`<rev>.<scope>.<upTo>.<c|h><cutoff YYYYMMDD>`), where the device holds nothing for sure.
 * A v1 cursor (`<rev>.<scope>`) holds nothing for sure either.
 *
 * Why `held` is not `rev`: a pull page sends the records whose revision is in its window when it
 * runs; a record that changed again before its window came is sent later, at its new revision, and
 * the fields it changed in between were never sent. Only when a pull is caught up (no more pages) has
 * the device every field changed up to the cursor, so only then does `held` move up to `rev`.
 */
export type PullCursor = Cursor & { held: number; part?: PullPart };

export function formatCursor(c: Cursor): string {
  return c.top !== undefined && c.top > c.rev ? `${c.rev}.${c.scope}.t${c.top}` : `${c.rev}.${c.scope}`;
}

/** Null for a cursor this server never issued. */
export function parseCursor(text: string): Cursor | null {
  const match = /^(\d{1,15})\.([a-z0-9]{1,40})(?:\.t(\d{1,15}))?$/.exec(text);
  if (!match) return null;
  const cursor: Cursor = { rev: Number(match[1]), scope: match[2] as string };
  if (match[3] !== undefined) cursor.top = Number(match[3]);
  return cursor;
}

export function formatPullCursor(c: PullCursor): string {
  // v2 cursors never carry `top`: a first pull's part end does its work (see Cursor).
  const base = formatCursor({ rev: c.rev, scope: c.scope });
  if (c.part) return `${base}.${c.part.upTo}.${c.part.part[0]}${c.part.cutoff.replaceAll('-', '')}`;
  return `${base}.${c.held}`;
}

/**
 * A base (contract v2) that says its changes were made from a view of nothing: every stored text they
 * replace counts as unseen and is kept as a conflict copy for its author. (A base of null would mean
 * "the cursor stands for both".)
 */
export const SEEN_NOTHING = '0.all.0';

/** Null for text this server never issued as a cursor. */
export function parsePullCursor(text: string): PullCursor | null {
  const tiered = /^(\d{1,15}\.[a-z0-9]{1,40})\.(\d{1,15})\.([ch])(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (tiered) {
    const [, base, upTo, part, y, m, d] = tiered as unknown as string[];
    const cursor = parseCursor(base as string);
    const cutoff = `${y}-${m}-${d}`;
    // A day of the calendar, as the server writes it (a 13th month or a 31st of June never was).
    if (!cursor || !isCalendarDay(cutoff)) return null;
    return {
      ...cursor,
      held: 0,
      part: { part: part === 'c' ? 'current' : 'history', upTo: Number(upTo), cutoff },
    };
  }
  const live = /^(\d{1,15}\.[a-z0-9]{1,40})\.(\d{1,15})$/.exec(text);
  if (live) {
    const cursor = parseCursor(live[1] as string);
    const held = Number(live[2]);
    return cursor && held <= cursor.rev ? { ...cursor, held } : null;
  }
  const v1 = parseCursor(text);
  return v1 && { ...v1, held: 0 };
}

/** The revision a cursor stands at; -1 for none (nothing pulled yet), the oldest of all. */
function revisionOf(cursor: string | null): number {
  return cursor === null ? -1 : Number(cursor.split('.')[0]);
}

/** The older of two cursors (one that is null is the oldest: the device had pulled nothing). */
export function olderCursor(a: string | null, b: string | null): string | null {
  return revisionOf(b) < revisionOf(a) ? b : a;
}

function isCalendarDay(day: string): boolean {
  const time = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === day;
}
