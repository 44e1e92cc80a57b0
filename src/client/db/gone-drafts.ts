// Drafts of forms whose record went from the device: a meeting deleted on another device, a pair out of
// this user's reach (a parental consent withdrawn, the pair handed on), a questionnaire withdrawn. No form
// opens them any more, so they are found here and shown where they can be read (sync screen, home).
import Dexie from 'dexie';
import { placeOfDraft } from '../state/draft-place';
import type { NastavnikDb } from './database';

/** The drafts whose form's record is not on the device, or deleted: their keys, oldest first. */
export function goneDraftKeys(db: NastavnikDb): Promise<string[]> {
  return db.drafts.toArray().then((rows) => {
    const placed = rows.flatMap((row) => {
      const place = placeOfDraft(row.key);
      return place ? [{ row, place }] : [];
    });
    return Dexie.Promise.all(placed.map(({ place }) => db.records(place.type).get(place.id))).then(
      (records) =>
        placed
          .filter((_, i) => {
            const record = records[i];
            return record === undefined || record.deleted !== undefined;
          })
          .sort((a, b) => a.row.updatedAt.localeCompare(b.row.updatedAt))
          .map(({ row }) => row.key),
    );
  });
}
