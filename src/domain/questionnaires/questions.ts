// The form engine's data: a template is sections of questions of a few kinds, with conditions.
// Templates are records that sync; the editor and the form screen check them with these schemas. The
// messages of the checks people can trip over are i18n keys (editor.err.*), translated by the editor.
import * as v from 'valibot';
import { finite, list } from '../field-schemas';

export const QUESTION_KINDS = [
  'scale',
  'single',
  'multiple',
  'shortText',
  'longText',
  'yesNo',
  'date',
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** The most characters each text of a question or section takes (the editor says them under its fields). */
export const QUESTION_TEXT_MAX = {
  text: 500,
  help: 1000,
  option: 200,
  scaleLabel: 100,
  sectionTitle: 300,
} as const;

const key = v.pipe(v.string('expected an id'), v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/i, 'editor.err.id'));
const label = (max: number) =>
  v.pipe(
    v.string('expected text'),
    v.minLength(1, 'editor.err.empty'),
    v.maxLength(max, 'editor.err.tooLong'),
  );

/** Show a question only when an earlier answer is one of some values. */
const ConditionSchema = v.strictObject(
  {
    questionId: key,
    anyOf: v.pipe(
      list(v.union([v.pipe(v.string(), v.maxLength(500)), finite(), v.boolean()]), 50),
      v.minLength(1, 'editor.err.conditionAnswers'),
    ),
  },
  'expected a condition { questionId, anyOf }',
);

export const QuestionSchema = v.pipe(
  v.strictObject(
    {
      id: key,
      kind: v.picklist(QUESTION_KINDS, `expected a kind of question: ${QUESTION_KINDS.join(', ')}`),
      text: label(QUESTION_TEXT_MAX.text),
      help: v.optional(v.pipe(v.string(), v.maxLength(QUESTION_TEXT_MAX.help))),
      required: v.boolean('expected required to be true or false'),
      sectionId: v.optional(key),
      options: v.optional(list(label(QUESTION_TEXT_MAX.option), 50)),
      min: v.optional(v.pipe(v.number(), v.integer())),
      max: v.optional(v.pipe(v.number(), v.integer())),
      minLabel: v.optional(v.pipe(v.string(), v.maxLength(QUESTION_TEXT_MAX.scaleLabel))),
      maxLabel: v.optional(v.pipe(v.string(), v.maxLength(QUESTION_TEXT_MAX.scaleLabel))),
      showIf: v.optional(ConditionSchema),
    },
    'expected a question',
  ),
  v.check(
    (q) => (q.kind !== 'single' && q.kind !== 'multiple') || (q.options?.length ?? 0) >= 2,
    'editor.err.twoOptions',
  ),
  v.check(
    (q) =>
      q.kind !== 'scale' ||
      (q.min !== undefined && q.max !== undefined && q.min < q.max && q.max - q.min <= 20),
    'editor.err.scale',
  ),
);

export type Question = v.InferOutput<typeof QuestionSchema>;

export const SectionSchema = v.strictObject(
  { id: key, title: label(QUESTION_TEXT_MAX.sectionTitle) },
  'expected a section { id, title }',
);
export type Section = v.InferOutput<typeof SectionSchema>;

/** A whole questionnaire: ids unique, conditions pointing back at earlier questions. */
export const QuestionListSchema = v.pipe(
  v.array(QuestionSchema, 'expected a list of questions'),
  v.minLength(1, 'editor.err.noQuestions'),
  v.maxLength(200, 'editor.err.tooMany'),
  v.check((qs) => new Set(qs.map((q) => q.id)).size === qs.length, 'editor.err.duplicateId'),
  v.check(
    (qs) => qs.every((q, i) => !q.showIf || qs.slice(0, i).some((p) => p.id === q.showIf?.questionId)),
    'editor.err.conditionOrder',
  ),
);

export type Answers = Record<string, unknown>;
