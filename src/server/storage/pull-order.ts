// Which records a first pull may send last (contract v2, see docs/sync-protocol.md, "Current records
// first"). Every storage engine stores `historyDay(record)` beside the record, so that a pull can ask
// for the current part or the history part of a school without reading every record.
import { isOfType, type SyncedRecord } from '../../domain/record';

/**
 * The day (`YYYY-MM-DD`) by which a first pull may defer `record` to its history part: the date of a
 * regular meeting. Null for every other record, which a first pull always sends in its current part:
 * people, pairs, plans and tasks, and the series meetings (organisational, trial, planning, final)
 * from which a mentor's home tells what to do next.
 */
export function historyDay(record: SyncedRecord): string | null {
  if (!isOfType(record, 'meeting') || record.deleted !== undefined) return null;
  const { kind, date } = record.fields;
  return kind === 'regular' && date ? date : null;
}
