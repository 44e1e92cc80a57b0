// The kinds of questionnaire, in the methodology's order (intake, preference, interim, final; a
// school's own last). Apart from the schemas, so that code of the first screens can order
// questionnaires without loading the schema library.
export const TEMPLATE_KINDS = [
  'intake-mentee',
  'intake-mentor',
  'preference',
  'interim',
  'final-mentee',
  'final-mentor',
  'custom',
] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
