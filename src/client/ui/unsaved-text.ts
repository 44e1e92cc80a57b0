// Where a field that saves as the user types keeps what it could not save (a text over its limit, a
// refused write): on the device, so that leaving the screen or a reload loses nothing. The app hands
// the store down (App.tsx, over the drafts store); a field keeps its text under a key per record field.
import { createContext } from 'preact';

/**
 * A text kept unsaved, with the stored value it was typed over (`basis`; null for one kept before this
 * was noted): a value stored since is someone else's, and saving the text then replaces it unseen.
 */
type KeptText = { text: string; basis: string | null };

export type UnsavedTexts = {
  get(key: string): Promise<KeptText | null>;
  keep(key: string, text: string, basis: string): Promise<unknown>;
  drop(key: string): Promise<unknown>;
};

export const UnsavedTextsContext = createContext<UnsavedTexts | null>(null);

/** The unsaved texts over the drafts store: one draft per field, `{ text }`, never synced. */
export function unsavedTextsOver(drafts: {
  get(key: string): Promise<{ value: Record<string, unknown> } | undefined>;
  save(key: string, value: Record<string, unknown>): Promise<unknown>;
  drop(key: string): Promise<unknown>;
}): UnsavedTexts {
  return {
    get: async (key) => {
      const value = (await drafts.get(key))?.value;
      if (typeof value?.text !== 'string') return null;
      return { text: value.text, basis: typeof value.basis === 'string' ? value.basis : null };
    },
    keep: (key, text, basis) => drafts.save(key, { text, basis }),
    drop: (key) => drafts.drop(key),
  };
}
