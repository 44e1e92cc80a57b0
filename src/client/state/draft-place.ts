// Which record a form's draft belongs to, read from its key (the forms that open from a record: a
// meeting, a new meeting of a pair, a questionnaire's answers). Pure: the drafts' store and the screens
// that show a draft whose record went (db/gone-drafts.ts, screens/sync/GoneDraft.tsx) both read it.
import type { RecordType } from '../../domain/record-types';

/** The record a draft's form opens from, and the type the draft would be saved as. */
export type DraftPlace = { type: RecordType; id: string; savedAs: 'meeting' | 'formResponse' };

/** Where a draft's form opens from, for the drafts of forms that open from a record; null for the rest. */
export function placeOfDraft(key: string): DraftPlace | null {
  const newMeeting = /^meeting:new:(.+)$/.exec(key);
  if (newMeeting) return { type: 'pair', id: newMeeting[1] as string, savedAs: 'meeting' };
  const meeting = /^meeting:([^:]+)$/.exec(key);
  if (meeting) return { type: 'meeting', id: meeting[1] as string, savedAs: 'meeting' };
  const form = /^form:([^:]+)$/.exec(key);
  if (form) return { type: 'formAssignment', id: form[1] as string, savedAs: 'formResponse' };
  return null;
}
