// What a screen's write says about what its user saw when they typed it.
import { SEEN_NOTHING } from '../../domain/sync-cursor';
import type { WriteOptions } from '../db/repository';

/**
 * A write made over a stored value the user did not see (it came while they typed, ui/LiveTextField):
 * it goes to the server as made from no view at all, so that the stored text it replaces is kept as a
 * conflict copy for its author (server/conflict-copies.ts; none is made for the user's own text).
 */
export const UNSEEN: WriteOptions = { seen: { values: {}, cursor: SEEN_NOTHING } };
