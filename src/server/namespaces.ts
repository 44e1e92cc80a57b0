// The fixed ids of the namespaces a server makes for itself (the same on every server, so that
// processes starting at once on one database make each of them once).
import { derivedId } from './secrets';

/** The school a new server makes for itself: one school's server never makes another. */
export const FIRST_SCHOOL_ID = derivedId('first-school');

/** The district's namespace: its people and the schools' summaries. */
export const DISTRICT_ID = derivedId('district');
