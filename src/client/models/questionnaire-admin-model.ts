// The curator's side of forms: the list with response counts, and the results of one (what was
// answered, by whom, filtered by form of mentoring and class). Editing: questionnaire-edit-model.ts;
// giving forms: questionnaire-assign-model.ts.

import { distinctClasses, hasClass } from '../../domain/fold-text';
import type { Question } from '../../domain/questionnaires/questions';
import { type QuestionResult, questionResult, rate } from '../../domain/questionnaires/results';
import type { SyncedRecord } from '../../domain/record';
import { allOf } from '../db/live';
import type { Queries } from '../db/queries';
import { pairLabel } from '../ui/pair-label';
import { personName } from '../ui/person-name';
import { isAssignmentWithheld, withheldOf } from './questionnaire-assign-model';
import { questionsOf } from './questionnaire-fill-model';

export type TemplateRow = { template: SyncedRecord<'formTemplate'>; assigned: number; sent: number };

/**
 * The forms with, for each, how many were given (`assigned`) and how many answered (`sent`), both
 * leaving out the forms withheld (`isAssignmentWithheld`). Only the people of the forms not answered can
 * be withheld: their records and consents alone are read, by key, rather than the whole school's.
 */
export function loadQuestionnaireList(queries: Queries): Promise<TemplateRow[]> {
  return queries.templates().then((templates) =>
    allOf(templates.map((t) => queries.assignmentsOfTemplate(t.id))).then((perTemplate) =>
      queries.responsesTo(perTemplate.flat().map((a) => a.id)).then((responses) => {
        const sent = new Set(
          responses.filter((r) => r.fields.submittedAt).flatMap((r) => r.fields.assignmentId ?? []),
        );
        const waiting = perTemplate.flat().filter((a) => !sent.has(a.id));
        return withheldAmong(queries, waiting).then((isWithheld) =>
          templates.map((template, i) => {
            const expected = (perTemplate[i] ?? []).filter(
              (a) => !isAssignmentWithheld(a, sent.has(a.id), isWithheld),
            );
            return {
              template,
              assigned: expected.length,
              sent: expected.filter((a) => sent.has(a.id)).length,
            };
          }),
        );
      }),
    ),
  );
}

/** `withheldOf` for the people of `assignments` only, read by key. */
function withheldAmong(
  queries: Queries,
  assignments: readonly SyncedRecord<'formAssignment'>[],
): Promise<(personId: string) => boolean> {
  const ids = [...new Set(assignments.map((a) => a.fields.personId ?? ''))];
  return allOf([queries.peopleByIds(ids), queries.consentsOfPeople(ids)]).then(([people, consents]) =>
    withheldOf(people, consents),
  );
}

type AssignmentRow = {
  assignment: SyncedRecord<'formAssignment'>;
  person: string;
  pair: string;
  /** The form of mentoring of the pair the form is about, if any. */
  form: string | null;
  /** The classes the answer speaks for: the pair's mentees', or the respondent's own without a pair. */
  classes: string[];
  response: SyncedRecord<'formResponse'> | undefined;
  /** Listed, but not counted among those expected to answer (`isAssignmentWithheld`). */
  isWithheld: boolean;
};

export type ResultsFilter = { form: string | null; className: string | null };

export type Results = {
  template: SyncedRecord<'formTemplate'>;
  questions: Question[];
  rows: AssignmentRow[];
  sent: number;
  /** The rows whose person is expected to answer: all but the withheld (`AssignmentRow.isWithheld`). */
  expected: number;
  rate: number;
  results: QuestionResult[];
};

export function loadResults(queries: Queries, templateId: string): Promise<Results | null> {
  return allOf([
    queries.template(templateId),
    queries.assignmentsOfTemplate(templateId),
    queries.people(),
    queries.pairs(),
    queries.allConsents(),
  ]).then(([template, assignments, people, pairs, consents]) => {
    if (!template) return null;
    return queries.responsesTo(assignments.map((a) => a.id)).then((responses) => {
      const byPerson = new Map(people.map((p) => [p.id, p]));
      const byPair = new Map(pairs.map((p) => [p.id, p]));
      const byAssignment = new Map(responses.map((r) => [r.fields.assignmentId, r]));
      const classOf = (id: string) => byPerson.get(id)?.fields.classOrSubject ?? '';
      const isWithheld = withheldOf(people, consents);
      const rows = assignments
        .map((assignment): AssignmentRow => {
          const { personId = '', pairId } = assignment.fields;
          const pair = pairId ? byPair.get(pairId) : undefined;
          const response = byAssignment.get(assignment.id);
          return {
            assignment,
            person: personName(byPerson.get(personId)),
            pair: pairLabel(pair, byPerson),
            form: pair?.fields.form ?? null,
            classes: (pair ? (pair.fields.menteeIds ?? []) : [personId]).map(classOf).filter(Boolean),
            response,
            isWithheld: isAssignmentWithheld(assignment, Boolean(response?.fields.submittedAt), isWithheld),
          };
        })
        .sort((a, b) => a.person.localeCompare(b.person, 'ru'));
      return summarise(template, questionsOf(template), rows);
    });
  });
}

function summarise(
  template: SyncedRecord<'formTemplate'>,
  questions: Question[],
  rows: AssignmentRow[],
): Results {
  const sentAnswers = rows.flatMap((r) =>
    r.response?.fields.submittedAt ? [r.response.fields.answers ?? {}] : [],
  );
  const expected = rows.filter((r) => !r.isWithheld).length;
  return {
    template,
    questions,
    rows,
    sent: sentAnswers.length,
    expected,
    rate: rate(sentAnswers.length, expected),
    results: questions.map((q) => questionResult(q, sentAnswers)),
  };
}

/** The results of the assignments about one form of mentoring and/or one class only. */
export function filterResults(results: Results, filter: ResultsFilter): Results {
  if (!filter.form && !filter.className) return results;
  const rows = results.rows.filter(
    (r) =>
      (!filter.form || r.form === filter.form) &&
      (!filter.className || hasClass(r.classes, filter.className)),
  );
  return summarise(results.template, results.questions, rows);
}

/** What the filters can offer: the forms of mentoring and the classes that occur in the assignments. */
export function filterChoices(results: Results): { forms: string[]; classes: string[] } {
  const forms = new Set<string>();
  const classes = new Set<string>();
  for (const row of results.rows) {
    if (row.form) forms.add(row.form);
    for (const c of row.classes) classes.add(c);
  }
  return {
    forms: [...forms].sort((a, b) => a.localeCompare(b, 'ru')),
    classes: distinctClasses(classes),
  };
}
