// The drafts key of a text a field that saves as the user types could not save (ui/unsaved-text.ts):
// one per record field. The sync drops those of a record that comes deleted (db/drafts.ts
// dropDraftsOfErased): an erased pupil's texts must not stay on the device.

/** The key of one field of one record (`field` may name a nested one: `stages.match.responsible`). */
export const unsavedKey = (type: string, id: string, field: string) => `${unsavedPrefix(type, id)}${field}`;

/** What every unsaved key of one record starts with. */
export const unsavedPrefix = (type: string, id: string) => `unsaved:${type}:${id}:`;
