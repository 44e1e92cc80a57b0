import { describe, expect, it } from 'vitest';
import { olderCursor, parsePullCursor, SEEN_NOTHING } from './sync-cursor';

describe('sync cursors', () => {
  it('a base of "seen nothing" is a cursor the server reads as holding nothing, older than any held', () => {
    expect(parsePullCursor(SEEN_NOTHING)).toMatchObject({ rev: 0, held: 0 });
    expect(olderCursor('57.ab12.57', SEEN_NOTHING)).toBe(SEEN_NOTHING);
    // Nothing pulled at all (null) is older still: no base is sent, the server counts nothing as seen.
    expect(olderCursor(null, SEEN_NOTHING)).toBeNull();
  });
});
