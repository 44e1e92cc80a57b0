import { useState } from 'preact/hooks';
import { uuidv7 } from 'uuidv7';

/**
 * The id of the record a screen creates, chosen once for the screen: a second tap that gets in after
 * the first save ended, before the screen has left, writes the same record again rather than a second
 * one. For screens that leave once they created their record (a form that stays to add another must
 * not: it would write over the first).
 */
export function useNewRecordId(): string {
  const [id] = useState(uuidv7);
  return id;
}
