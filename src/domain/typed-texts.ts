// What people typed into a field, piece by piece: the texts a conflict copy keeps when the field's value
// loses a merge or is erased by a delete its sender had not seen (server/conflict-copies.ts). Most are
// a record type's text fields (`typedText`, record-types.ts); some sit inside a structure that merges
// whole — a questionnaire's answers, the notes of a pair's status changes, a meeting's next steps.
import { QUICK_TOPICS } from './meeting-series';
import { RECORD_TYPES, type RecordType } from './record-types';

/** A piece of typed text and the name its conflict copy gets (`field`, at most 120 characters). */
export type TypedText = { field: string; text: string };

/** Fields that hold typed texts inside a structure, by record type. */
const CONTAINERS: Partial<Record<RecordType, readonly string[]>> = {
  formResponse: ['answers'],
  pair: ['history'],
  meeting: ['nextSteps', 'topics'],
  programme: ['stages'],
  formTemplate: ['questions'],
};

/** A stored day or time: what a date answer holds, not typed text. */
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

/** The objects of a list that merges whole, with their text at `key` and the name each copy takes. */
function listTexts(value: unknown, key: string, name: (entry: Record<string, unknown>, i: number) => string) {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown, i): TypedText[] => {
    if (entry === null || typeof entry !== 'object') return [];
    const text = (entry as Record<string, unknown>)[key];
    return isText(text) ? [{ field: name(entry as Record<string, unknown>, i).slice(0, 120), text }] : [];
  });
}

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
    // A date answer is picked, not typed (a choice's option is text the form offered: kept, as it
    // cannot be told from a typed answer without the form).
    return Object.entries(value)
      .filter((entry): entry is [string, string] => isText(entry[1]) && !DATE_LIKE.test(entry[1]))
      .map(([question, text]) => ({ field: `answers.${question}`, text }));
  }
  if (type === 'pair' && field === 'history') return listTexts(value, 'note', (_, i) => `history.${i}`);
  if (type === 'meeting' && field === 'nextSteps')
    return listTexts(value, 'text', (step) => `nextSteps.${String(step.id ?? '')}`);
  // A topic typed rather than tapped (the quick topics are the app's words, not the user's).
  if (type === 'meeting' && field === 'topics') {
    if (!Array.isArray(value)) return [];
    return value.flatMap((topic: unknown, i): TypedText[] =>
      isText(topic) && !(QUICK_TOPICS as readonly string[]).includes(topic)
        ? [{ field: `topics.${i}`, text: topic }]
        : [],
    );
  }
  // Who answers for a stage of the roadmap; a question's wording and its hint.
  if (type === 'programme' && field === 'stages')
    return listTexts(value, 'responsible', (stage) => `stages.${String(stage.key ?? '')}`);
  if (type === 'formTemplate' && field === 'questions')
    return [
      ...listTexts(value, 'text', (q) => `questions.${String(q.id ?? '')}`),
      ...listTexts(value, 'help', (q) => `questions.${String(q.id ?? '')}.help`),
    ];
  return typedFields(type).includes(field) && isText(value) ? [{ field, text: value }] : [];
}

/** The typed texts of `loser` that `winner` does not hold word for word: what a merge would drop. */
export function droppedTexts(type: string, field: string, loser: unknown, winner: unknown): TypedText[] {
  const kept = new Set(typedTexts(type, field, winner).map((t) => t.text));
  return typedTexts(type, field, loser).filter((t) => !kept.has(t.text));
}
