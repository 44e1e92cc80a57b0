import type { SyncedRecord } from '../../domain/record';

/** A person's full name as lists show it; a dash for one not (yet) on this device. */
export function personName(person: SyncedRecord<'person'> | undefined): string {
  return person?.fields.fullName ?? '—';
}

/**
 * The names of the people of a list the viewer can read, joined: one not on this device (a groupmate a
 * mentee may not see, a person not yet synced) is left out, never a placeholder that would say how many
 * there are.
 */
export function readableNames(people: readonly (SyncedRecord<'person'> | undefined)[]): string {
  return people.flatMap((p) => p?.fields.fullName ?? []).join(', ');
}
