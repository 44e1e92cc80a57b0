// Where a field that saves as the user types keeps what it could not save (a text over its limit, a
// refused write): on the device, so that leaving the screen or a reload loses nothing. The app hands
// the store down (App.tsx, over the drafts store); a field keeps its text under a key per record field.
import { createContext } from 'preact';

export type UnsavedTexts = {
  get(key: string): Promise<string | null>;
  keep(key: string, text: string): Promise<unknown>;
  drop(key: string): Promise<unknown>;
};

export const UnsavedTextsContext = createContext<UnsavedTexts | null>(null);

/** The key of one field of one record (`field` may name a nested one: `stages.match.responsible`). */
export const unsavedKey = (type: string, id: string, field: string) => `unsaved:${type}:${id}:${field}`;

/** The unsaved texts over the drafts store: one draft per field, `{ text }`, never synced. */
export function unsavedTextsOver(drafts: {
  get(key: string): Promise<{ value: Record<string, unknown> } | undefined>;
  save(key: string, value: Record<string, unknown>): Promise<unknown>;
  drop(key: string): Promise<unknown>;
}): UnsavedTexts {
  return {
    get: async (key) => {
      const text = (await drafts.get(key))?.value.text;
      return typeof text === 'string' ? text : null;
    },
    keep: (key, text) => drafts.save(key, { text }),
    drop: (key) => drafts.drop(key),
  };
}
