// A live field's limit and where its unsaved text is kept, for a top-level text field of a record. Apart
// from unsaved-text.ts, which the shell loads: the record schemas come with the screens, not the first paint.
import { maxTextLength, type RecordType } from '../../domain/record-types';
import { unsavedKey } from '../state/unsaved-key';

/**
 * A live field's limit, from the record's schema, and where its unsaved text is kept: spread into a
 * `LiveTextField` bound to a top-level text field of a record.
 */
export const liveLimit = (type: RecordType, id: string, field: string) => ({
  maxLength: maxTextLength(type, field),
  keepAs: unsavedKey(type, id, field),
});
