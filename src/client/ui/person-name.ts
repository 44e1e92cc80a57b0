import type { SyncedRecord } from '../../domain/record';

/** A person's full name as lists show it; a dash for one not (yet) on this device. */
export function personName(person: SyncedRecord<'person'> | undefined): string {
  return person?.fields.fullName ?? '—';
}
