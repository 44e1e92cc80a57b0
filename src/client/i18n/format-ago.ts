// «5 минут назад»: a module of its own, since date-fns' distance brings a dozen of its functions along and
// no first screen says how long ago something was (the sync status comes after it: app/App.tsx).
import { intlFormatDistance } from 'date-fns';
import { schoolInstant } from '../state/school-clock';
import { locale, toDate } from './format';

/** How long ago (or how soon) `iso` is by the school's clock, in the UI's language: «5 минут назад», «in 2 hours». */
export function formatAgo(iso: string): string {
  return intlFormatDistance(toDate(iso), schoolInstant(), { locale: locale(), numeric: 'auto' });
}
