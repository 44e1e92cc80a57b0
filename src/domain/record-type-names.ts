// The names of the record types, without their schemas: code that needs only the names (a device's
// tables, what a pull may hold) does not load the schema library when the app opens. record-types.ts
// holds the schemas and checks that its types are exactly these.
export const RECORD_TYPE_NAMES = [
  'person',
  'consent',
  'pair',
  'meeting',
  'plan',
  'goal',
  'task',
  'formTemplate',
  'formAssignment',
  'formResponse',
  'fitAnswer',
  'programme',
  'order',
  'material',
  'formStats',
  'conflict',
  'schoolSummary',
] as const;

export type RecordTypeName = (typeof RECORD_TYPE_NAMES)[number];

const NAMES: ReadonlySet<string> = new Set(RECORD_TYPE_NAMES);

/**
 * Record types only the server writes: a mentor's form statistics, a school's summary for the district,
 * conflict copies (their author may only dismiss them). Any other write of one is refused `forbidden`.
 */
export const SERVER_MADE_TYPES: readonly RecordTypeName[] = ['formStats', 'conflict', 'schoolSummary'];

export function isRecordTypeName(type: string): type is RecordTypeName {
  return NAMES.has(type);
}

/** The one programme record of a school (here, not with the schemas: the first screens read it). */
export const PROGRAMME_ID = '00000000-0000-8000-8000-000000000001';
