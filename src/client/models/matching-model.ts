// Gathering what pairing suggestions need: intake and preference answers, consents, mentors' load.

import {
  type MenteeProfile,
  type MentorProfile,
  type Suggestion,
  suggestMentors,
} from '../../domain/matching';
import { isMinor } from '../../domain/minor';
import type { Answers, Question } from '../../domain/questionnaires/questions';
import type { SyncedRecord } from '../../domain/record';
import { OPEN_PAIR_STATUSES } from '../../domain/record-types';
import { allOf } from '../db/live';
import type { Queries } from '../db/queries';
import { todayIso } from '../i18n/format';
import { questionsOf } from './questionnaire-fill-model';

/** An answer that is text, if given: answers are JSON, and another app may answer in another shape. */
const textAnswer = (answer: unknown): string | null => (typeof answer === 'string' && answer ? answer : null);

/** The latest sent answers of a person to a kind of template (intake-mentee, preference, …). */
function latestAnswers(
  person: string,
  kinds: readonly string[],
  ctx: Context,
): { answers: Answers; questions: Question[] } | null {
  const found = ctx.sent
    .filter((r) => ctx.assignmentPerson.get(r.fields.assignmentId ?? '') === person)
    .map((r) => ({ r, template: ctx.templateOfAssignment.get(r.fields.assignmentId ?? '') }))
    .filter(({ template }) => template && kinds.includes(template.fields.kind ?? ''))
    // As moments, not text: an offset («+03:00») reorders the text.
    .sort((a, b) => sentAt(b.r) - sentAt(a.r))[0];
  return found ? { answers: found.r.fields.answers ?? {}, questions: questionsOf(found.template) } : null;
}

/** When a response was sent, in ms (0 when unknown). */
const sentAt = (r: SyncedRecord<'formResponse'>) => Date.parse(r.fields.submittedAt ?? '') || 0;

type Context = {
  sent: SyncedRecord<'formResponse'>[];
  assignmentPerson: Map<string, string>;
  templateOfAssignment: Map<string, SyncedRecord<'formTemplate'> | undefined>;
};

function loadContext(queries: Queries): Promise<Context> {
  return allOf([queries.templates(), queries.allAssignments()]).then(([templates, assignments]) =>
    queries.responsesTo(assignments.map((a) => a.id)).then((responses) => {
      const templateById = new Map(templates.map((t) => [t.id, t]));
      return {
        sent: responses.filter((r) => r.fields.submittedAt),
        assignmentPerson: new Map(assignments.map((a) => [a.id, a.fields.personId ?? ''])),
        templateOfAssignment: new Map(
          assignments.map((a) => [a.id, templateById.get(a.fields.templateId ?? '')]),
        ),
      };
    }),
  );
}

export function loadIntake(queries: Queries, personId: string) {
  return loadContext(queries).then((ctx) => latestAnswers(personId, ['intake-mentee', 'intake-mentor'], ctx));
}

type SuggestionRow = Suggestion & { mentor: SyncedRecord<'person'> };

export type PairingData = {
  people: SyncedRecord<'person'>[];
  pairs: SyncedRecord<'pair'>[];
  /** Mentees without an open pair (those of them `withheld` may not be paired until a consent comes). */
  unpaired: SyncedRecord<'person'>[];
  /** Minors without a valid parental consent: no pair may name them (the server's rule, `mayPair`). */
  withheld: ReadonlySet<string>;
  suggestFor(menteeId: string): SuggestionRow[];
};

/**
 * `viewerId` is the curator looking: their own account is offered as a mentor only when they declared
 * it (a mentor questionnaire) or already mentor someone, never just for being a teacher.
 */
export function loadPairing(queries: Queries, viewerId: string): Promise<PairingData> {
  return allOf([queries.people(), queries.pairs(), queries.allConsents(), loadContext(queries)]).then(
    ([people, pairs, consents, ctx]) => {
      const consented = new Set(
        consents.filter((c) => c.fields.withdrawn === false).map((c) => c.fields.personId ?? ''),
      );
      const open = pairs.filter((p) => OPEN_PAIR_STATUSES.has(p.fields.status ?? ''));
      const load = new Map<string, number>();
      for (const p of open) load.set(p.fields.mentorId ?? '', (load.get(p.fields.mentorId ?? '') ?? 0) + 1);
      const inPair = new Set(open.flatMap((p) => p.fields.menteeIds ?? []));
      const active = people.filter((p) => p.fields.archived !== true);
      const today = todayIso();
      const mayPair = (p: SyncedRecord<'person'>) => !isMinor(p.fields, today) || consented.has(p.id);
      const mentorIntake = new Set(
        active.filter((p) => latestAnswers(p.id, ['intake-mentor'], ctx)).map((p) => p.id),
      );
      const hasDeclared = (p: SyncedRecord<'person'>) => mentorIntake.has(p.id) || load.has(p.id);
      const isMentorCandidate = (p: SyncedRecord<'person'>) =>
        hasDeclared(p) || (p.fields.kind === 'teacher' && p.id !== viewerId);
      const hasMenteeIntake = (p: SyncedRecord<'person'>) => latestAnswers(p.id, ['intake-mentee'], ctx);
      // A pupil who answered the mentors' questionnaire (a senior pupil, «ученик–ученик») and not the
      // mentees' is a mentor to be paired, not a mentee waiting for one.
      const unpaired = active.filter(
        (p) =>
          !inPair.has(p.id) &&
          !load.has(p.id) &&
          ((p.fields.kind === 'student' && !mentorIntake.has(p.id)) || hasMenteeIntake(p)),
      );
      const mentors: MentorProfile[] = active
        .filter((p) => isMentorCandidate(p) && mayPair(p))
        .map((p) => ({
          id: p.id,
          fullName: p.fields.fullName ?? '',
          kind: p.fields.kind ?? '',
          classOrSubject: p.fields.classOrSubject ?? null,
          intake: latestAnswers(p.id, ['intake-mentor'], ctx)?.answers ?? null,
          interests: p.fields.interests ?? null,
          load: load.get(p.id) ?? 0,
        }));
      const byId = new Map(people.map((p) => [p.id, p]));
      return {
        people,
        pairs,
        unpaired,
        withheld: new Set(people.filter((p) => !mayPair(p)).map((p) => p.id)),
        suggestFor(menteeId) {
          const person = byId.get(menteeId);
          if (!person) return [];
          const mentee: MenteeProfile = {
            id: menteeId,
            kind: person.fields.kind ?? '',
            classOrSubject: person.fields.classOrSubject ?? null,
            intake: latestAnswers(menteeId, ['intake-mentee'], ctx)?.answers ?? null,
            interests: [person.fields.interests, person.fields.needs].filter(Boolean).join(' ') || null,
            preferred: textAnswer(latestAnswers(menteeId, ['preference'], ctx)?.answers.preferred),
          };
          // Every suggested mentor is one of `people`.
          return suggestMentors(mentee, mentors).flatMap((s) => {
            const mentor = byId.get(s.mentorId);
            return mentor ? [{ ...s, mentor }] : [];
          });
        },
      };
    },
  );
}
