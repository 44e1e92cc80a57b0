// What people typed into a field, piece by piece: the texts a conflict copy keeps when the field's value
// loses a merge or is erased by a delete its sender had not seen (server/conflict-copies.ts). Most are
// a record type's text fields (`typedText`, record-types.ts); some sit inside a structure that merges
// whole — a questionnaire's answers, the notes of a pair's status changes, a meeting's next steps.
import { RECORD_TYPES, type RecordType } from './record-types';

/** A piece of typed text and the name its conflict copy gets (`field`, at most 120 characters). */
export type TypedText = { field: string; text: string };

/** Fields that hold typed texts inside a structure, by record type. */
const CONTAINERS: Partial<Record<RecordType, readonly string[]>> = {
  formResponse: ['answers'],
  pair: ['history'],
  meeting: ['nextSteps'],
};

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** The fields of a record type that hold typed texts, top-level texts first. */
export function typedFields(type: string): readonly string[] {
  if (!Object.hasOwn(RECORD_TYPES, type)) return [];
  const spec = RECORD_TYPES[type as RecordType];
  return [...('typedText' in spec ? spec.typedText : []), ...(CONTAINERS[type as RecordType] ?? [])];
}

/**
 * The typed texts in `value`, the value of `field` of a record of `type`: the text itself for a text field
 * (`field`); each answer given as text for a response's `answers` (`answers.<question id>`); each note of
 * a pair's `history` (`history.<position>`); each of a meeting's `nextSteps` (`nextSteps.<step id>`). Empty
 * and non-text values give none.
 */
export function typedTexts(type: string, field: string, value: unknown): TypedText[] {
  if (type === 'formResponse' && field === 'answers') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
    return Object.entries(value)
      .filter((entry): entry is [string, string] => isText(entry[1]))
      .map(([question, text]) => ({ field: `answers.${question}`, text }));
  }
  if (type === 'pair' && field === 'history') {
    if (!Array.isArray(value)) return [];
    return value.flatMap((entry: unknown, i) => {
      const note = entry !== null && typeof entry === 'object' ? (entry as { note?: unknown }).note : null;
      return isText(note) ? [{ field: `history.${i}`, text: note }] : [];
    });
  }
  if (type === 'meeting' && field === 'nextSteps') {
    if (!Array.isArray(value)) return [];
    return value.flatMap((entry: unknown) => {
      const step =
        entry !== null && typeof entry === 'object' ? (entry as { id?: unknown; text?: unknown }) : {};
      return isText(step.text) ? [{ field: `nextSteps.${String(step.id ?? '')}`, text: step.text }] : [];
    });
  }
  return typedFields(type).includes(field) && isText(value) ? [{ field, text: value }] : [];
}

/** The typed texts of `loser` that `winner` does not hold word for word: what a merge would drop. */
export function droppedTexts(type: string, field: string, loser: unknown, winner: unknown): TypedText[] {
  const kept = new Set(typedTexts(type, field, winner).map((t) => t.text));
  return typedTexts(type, field, loser).filter((t) => !kept.has(t.text));
}
