// A pair as people read it in lists and reports: its mentees, then its mentor.
import type { SyncedRecord } from '../../domain/record';
import { personName, readableNames } from './person-name';

/**
 * «Иванова Анна, Петров Борис — Смирнова Ольга Викторовна»: the pair's mentees' names, then its mentor's
 * (`people`: the school's people by id; a name not there reads as unknown, person-name.ts). '' for no pair.
 */
export function pairLabel(
  pair: { fields: { mentorId?: string; menteeIds?: readonly string[] } } | undefined,
  people: Map<string, SyncedRecord<'person'>>,
): string {
  if (!pair) return '';
  const mentees = readableNames((pair.fields.menteeIds ?? []).map((id) => people.get(id)));
  return `${mentees} — ${personName(people.get(pair.fields.mentorId ?? ''))}`;
}
