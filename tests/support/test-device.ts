// A scripted device for server tests: its own HLC and helpers to build contract changes.
import { uuidv7 } from 'uuidv7';
import { type ClockState, observe, parseHlc, tick, ZERO_CLOCK } from '../../src/domain/hlc';
import { expectedIdOf } from '../../src/domain/one-of-a-kind';
import type { Change, Fields } from '../../src/domain/record';
import { derivedId } from '../../src/server/secrets';

export function createStamper(node: string, now: () => number = Date.now) {
  let state: ClockState = ZERO_CLOCK;
  return {
    stamp(): string {
      const r = tick(state, now(), node);
      state = r.state;
      return r.stamp;
    },
    observe(stamp: string) {
      const p = parseHlc(stamp);
      if (p) state = observe(state, p, now());
    },
  };
}

export type Stamper = ReturnType<typeof createStamper>;

/**
 * A change as a device makes it; a new record there is one of (an IDP, a response) takes its derived id,
 * as the app gives it (domain/one-of-a-kind.ts), unless `id` says otherwise.
 */
export function change(
  stamper: Stamper,
  type: string,
  fields: Fields,
  id: string = expectedIdOf({ type, fields }, derivedId) ?? uuidv7(),
): Change {
  const stamp = stamper.stamp();
  return { id, type, fields, stamps: Object.fromEntries(Object.keys(fields).map((k) => [k, stamp])) };
}

/** A new active pair of the form most tests need («учитель–ученик»), as the curator's change. */
export function pairChange(stamper: Stamper, mentorId: string, menteeIds: string[]): Change {
  return change(stamper, 'pair', { mentorId, menteeIds, form: 'учитель–ученик', status: 'active' });
}

export function deletion(stamper: Stamper, type: string, id: string): Change {
  return { id, type, fields: {}, stamps: {}, deleted: stamper.stamp() };
}
