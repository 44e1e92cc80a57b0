// Which record a form's draft belongs to, read from its key (the forms that open from a record: a
// meeting, a pair's new meeting, goal, task, end reason or fit answer, a questionnaire's answers or its
// editing). Pure: the drafts' store and the screens that show a draft whose record went
// (db/gone-drafts.ts, screens/sync/GoneDraft.tsx) both read it.
import type { RecordType } from '../../domain/record-types';

/** What a draft is saved as, when it is. */
export type SavedAs = 'meeting' | 'formResponse' | 'goal' | 'task' | 'fitAnswer' | 'pair' | 'formTemplate';

/** The record a draft's form opens from, and the type the draft would be saved as. */
export type DraftPlace = { type: RecordType; id: string; savedAs: SavedAs };

/** Key patterns, first match wins: the record's type, what the draft is saved as. */
const PLACES: readonly [RegExp, RecordType, SavedAs][] = [
  [/^meeting:new:([^:]+)$/, 'pair', 'meeting'],
  [/^meeting:([^:]+)$/, 'meeting', 'meeting'],
  [/^form:([^:]+)$/, 'formAssignment', 'formResponse'],
  [/^goal:new:([^:]+):/, 'pair', 'goal'],
  [/^task:new:([^:]+):/, 'pair', 'task'],
  [/^fitAnswer:new:([^:]+):/, 'pair', 'fitAnswer'],
  [/^pair:reason:([^:]+)$/, 'pair', 'pair'],
  [/^template:([^:]+)$/, 'formTemplate', 'formTemplate'],
];

/** Where a draft's form opens from, for the drafts of forms that open from a record; null for the rest. */
export function placeOfDraft(key: string): DraftPlace | null {
  for (const [pattern, type, savedAs] of PLACES) {
    const match = pattern.exec(key);
    if (match) return { type, id: match[1] as string, savedAs };
  }
  return null;
}
