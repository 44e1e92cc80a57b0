// Filling one assigned form: what to ask, the draft, and sending.
import * as v from 'valibot';
import {
  keptAnswers,
  resumeIndex,
  validateAnswers,
  visibleQuestions,
} from '../../domain/questionnaires/answers';
import {
  type Answers,
  type Question,
  QuestionSchema,
  type Section,
  SectionSchema,
} from '../../domain/questionnaires/questions';
import { responseIdFor } from '../../domain/questionnaires/response-id';
import type { SyncedRecord } from '../../domain/record';
import type { DraftEnd } from '../db/drafts';
import type { Delivery } from '../db/home-queries';
import { allOf } from '../db/live';
import type { Queries } from '../db/queries';
import type { Repository, WriteResult } from '../db/repository';
import { aboutOf, loadPairSides, type PairSide } from './my-questionnaires-model';

export type FillPage = {
  assignment: SyncedRecord<'formAssignment'>;
  template: SyncedRecord<'formTemplate'> | undefined;
  questions: Question[];
  response: SyncedRecord<'formResponse'> | undefined;
  isSent: boolean;
  /** Whether a sent response has reached the school (null while not sent). */
  delivery: Delivery | null;
  /** Whom the form is about, for a form given within a pair (see MyQuestionnaire.about). */
  about: PairSide | null;
};

/** The questions this app can show; a question of an unknown kind (a newer app's) is left out. */
export function questionsOf(template: SyncedRecord<'formTemplate'> | undefined): Question[] {
  return (template?.fields.questions ?? []).flatMap((q) => {
    const parsed = v.safeParse(QuestionSchema, q);
    return parsed.success ? [parsed.output] : [];
  });
}

/** The template's sections this app can show. */
export function sectionsOf(template: SyncedRecord<'formTemplate'> | undefined): Section[] {
  return (template?.fields.sections ?? []).flatMap((x) => {
    const parsed = v.safeParse(SectionSchema, x);
    return parsed.success ? [parsed.output] : [];
  });
}

export function loadFill(queries: Queries, assignmentId: string): Promise<FillPage | null> {
  return queries.assignment(assignmentId).then((assignment) => {
    if (!assignment || assignment.deleted !== undefined) return null;
    return allOf([
      queries.template(assignment.fields.templateId ?? ''),
      queries.responsesTo([assignmentId]),
      loadPairSides(queries, [assignment]),
    ]).then(([template, responses, sides]) => {
      const response = responses[0];
      const isSent = Boolean(response?.fields.submittedAt);
      const about = aboutOf(assignment, sides);
      const page = { assignment, template, questions: questionsOf(template), response, isSent, about };
      if (!response || !isSent) return { ...page, delivery: null };
      return queries.delivery(response.id).then((delivery) => ({ ...page, delivery }));
    });
  });
}

export function draftKey(assignmentId: string): string {
  return `form:${assignmentId}`;
}

export type SendResult =
  | { ok: true }
  | { ok: false; problems: ReturnType<typeof validateAnswers> }
  | { ok: false; write: WriteResult };

/**
 * Sends `answers` to the form of `page` (stored as its response with `submittedAt` = `now`; the sync takes
 * it to the school): problems (a required question unanswered, a value out of range) refuse it unwritten.
 * `endsDraft`: the form's draft, ended in the same write.
 */
export async function sendResponse(
  repo: Repository,
  page: FillPage,
  answers: Answers,
  now: Date,
  endsDraft?: DraftEnd,
): Promise<SendResult> {
  const problems = validateAnswers(page.questions, answers);
  if (problems.length) return { ok: false, problems };
  const fields = {
    assignmentId: page.assignment.id,
    answers: keptAnswers(page.questions, answers),
    submittedAt: now.toISOString(),
    templateVersion: page.template?.fields.version ?? 1,
  };
  const id = page.response?.id ?? responseIdFor(page.assignment.id) ?? undefined;
  // The form's draft goes with the answer it held, in the same write (a reload in between kept it).
  const result = page.response
    ? await repo.update('formResponse', page.response.id, fields, { endsDraft })
    : await repo.create('formResponse', fields, id, { endsDraft });
  return result.ok ? { ok: true } : { ok: false, write: result };
}

export { resumeIndex, visibleQuestions };
