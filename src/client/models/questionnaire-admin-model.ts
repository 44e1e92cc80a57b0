// The curator's side of forms: the list with response counts, results, copies and versions, assigning.

import { mayReceivePerson } from '../../domain/access';
import { changedKeys } from '../../domain/canonical-json';
import { distinctClasses, hasClass } from '../../domain/fold-text';
import type { Question, Section } from '../../domain/questionnaires/questions';
import { type QuestionResult, questionResult, rate } from '../../domain/questionnaires/results';
import type { SyncedRecord } from '../../domain/record';
import { allOf } from '../db/live';
import type { Queries } from '../db/queries';
import type { Repository, WriteResult } from '../db/repository';
import { personName, readableNames } from '../ui/person-name';
import { UNSEEN } from './edit-model';
import { questionsOf, sectionsOf } from './questionnaire-fill-model';

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

export function pairLabel(
  pair: { fields: { mentorId?: string; menteeIds?: readonly string[] } } | undefined,
  people: Map<string, SyncedRecord<'person'>>,
): string {
  if (!pair) return '';
  const mentees = readableNames((pair.fields.menteeIds ?? []).map((id) => people.get(id)));
  return `${mentees} — ${personName(people.get(pair.fields.mentorId ?? ''))}`;
}

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

export type TemplateDraft = {
  title: string;
  description: string;
  visibleToMentor: boolean;
  sections: Section[];
  questions: Question[];
};

export function draftOf(template: SyncedRecord<'formTemplate'>): TemplateDraft {
  return {
    title: template.fields.title ?? '',
    description: template.fields.description ?? '',
    visibleToMentor: template.fields.visibleToMentor === true,
    sections: sectionsOf(template),
    questions: questionsOf(template),
  };
}

/** A copy the curator can change: built-in questionnaires are changed through copies. */
export function copyTemplate(
  repo: Repository,
  template: SyncedRecord<'formTemplate'>,
  title: string,
): Promise<WriteResult> {
  return repo.create('formTemplate', {
    ...template.fields,
    title,
    builtIn: null,
    previousId: template.id,
    version: 1,
    archived: false,
  });
}

/**
 * Saves an edited template. Once assigned, a template keeps what people answered: the edit becomes a
 * new version (a new record) and the old one is archived with its responses.
 */
/** The questionnaire's fields a draft stands for. */
function templateFields(draft: TemplateDraft) {
  return {
    title: draft.title.trim(),
    description: draft.description.trim() || null,
    visibleToMentor: draft.visibleToMentor,
    sections: draft.sections,
    // A question of a removed section belongs to none.
    questions: draft.questions.map((q) => {
      if (!q.sectionId || draft.sections.some((x) => x.id === q.sectionId)) return q;
      const { sectionId: _gone, ...rest } = q;
      return rest;
    }),
  };
}

/**
 * Saves the editor's draft of `template` (as stored now). `base`: what the editor showed when it opened
 * (useDraft's `base`); given, only what the curator changed from it is written — another curator's
 * changes made meanwhile stand, in the questionnaire and in a new version of it alike.
 */
export async function saveTemplate(
  repo: Repository,
  queries: Queries,
  template: SyncedRecord<'formTemplate'>,
  draft: TemplateDraft,
  base: { value: TemplateDraft; cursor: string | null } | null = null,
): Promise<WriteResult> {
  const all = templateFields(draft);
  const seen = base && { values: templateFields(base.value), cursor: base.cursor };
  const fields = seen
    ? Object.fromEntries(changedKeys(all, seen.values).map((k) => [k, all[k as keyof typeof all]]))
    : all;
  const assigned = await queries.assignmentsOfTemplate(template.id);
  // An editor's draft an older version of the app left kept no view: it goes as made from none.
  if (assigned.length === 0) return repo.update('formTemplate', template.id, all, seen ? { seen } : UNSEEN);
  const next = await repo.create('formTemplate', {
    ...template.fields,
    ...fields,
    builtIn: null,
    previousId: template.id,
    version: (template.fields.version ?? 1) + 1,
    archived: false,
  });
  if (next.ok) await repo.update('formTemplate', template.id, { archived: true });
  return next;
}

export type Target = { personId: string; pairId: string | null };

/** Creates the assignments that do not exist yet; answers how many were new and how many were there. */
export type Whom = 'mentees' | 'mentors' | 'both';

/**
 * Who may be given a form, by the rule the server keeps for what reaches a device (mayReceivePerson): a
 * minor without their parents' consent (missing or withdrawn) receives no form, and their data stays with
 * curators. A person not on this device counts as withheld.
 */
export function withheldOf(
  people: readonly SyncedRecord<'person'>[],
  consents: readonly SyncedRecord<'consent'>[],
): (personId: string) => boolean {
  const consented = new Set(
    consents.filter((c) => c.fields.withdrawn === false).map((c) => c.fields.personId ?? ''),
  );
  const byId = new Map(people.map((p) => [p.id, p]));
  return (id) => {
    const person = byId.get(id);
    return (
      person === undefined ||
      !mayReceivePerson({ id, isMinor: person.fields.minor === true, hasConsent: consented.has(id) })
    );
  };
}

/**
 * Whether a form given is left out of those expected to answer («ответили N из M», the response rate):
 * it is when it was not answered and its person can no longer receive it (`isWithheld`, withheldOf: a
 * minor whose parents withdrew their consent since, a person erased). «Ответили 3 из 4» where the fourth
 * can never answer was a rate no one could reach. A form answered before the withdrawal still counts, in
 * both figures: the answer was given.
 */
export function isAssignmentWithheld(
  assignment: SyncedRecord<'formAssignment'>,
  isAnswered: boolean,
  isWithheld: (personId: string) => boolean,
): boolean {
  return !isAnswered && isWithheld(assignment.fields.personId ?? '');
}

/**
 * The forms to give within these pairs: to their mentees, their mentors or both. A withheld mentee is
 * left out, and so is the mentor of a pair left with no other mentee: the mentor's device no longer holds
 * that pair, and would be asked about a pair they cannot see.
 */
export function targetsOf(
  pairs: readonly SyncedRecord<'pair'>[],
  whom: Whom,
  isWithheld: (personId: string) => boolean,
): Target[] {
  return pairs.flatMap(({ id: pairId, fields: { mentorId, menteeIds = [] } }) => {
    const mentees = menteeIds.filter((id) => !isWithheld(id));
    if (mentees.length === 0) return [];
    return [
      ...(whom !== 'mentors' ? mentees.map((personId) => ({ personId, pairId })) : []),
      ...(whom !== 'mentees' && mentorId && !isWithheld(mentorId) ? [{ personId: mentorId, pairId }] : []),
    ];
  });
}

export async function assign(
  repo: Repository,
  queries: Queries,
  templateId: string,
  targets: Target[],
  due: string | null,
) {
  const existing = await queries.assignmentsOfTemplate(templateId);
  const key = (t: Target) => `${t.personId}|${t.pairId ?? ''}`;
  const have = new Set(
    existing.map((a) => key({ personId: a.fields.personId ?? '', pairId: a.fields.pairId ?? null })),
  );
  const fresh = [...new Map(targets.map((t) => [key(t), t])).values()].filter((t) => !have.has(key(t)));
  for (const target of fresh) {
    const result = await repo.create('formAssignment', {
      templateId,
      personId: target.personId,
      pairId: target.pairId,
      due,
    });
    if (!result.ok) return { ok: false as const, result };
  }
  return { ok: true as const, created: fresh.length, skipped: targets.length - fresh.length };
}
