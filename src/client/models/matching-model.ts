// Gathering what pairing suggestions need: intake and preference answers, consents, mentors' load.
import type { Answers, Question } from '../../domain/forms/questions';
import {
  type MenteeProfile,
  type MentorProfile,
  type Suggestion,
  suggestMentors,
} from '../../domain/matching';
import type { SyncedRecord } from '../../domain/record';
import { allOf } from '../db/live';
import type { Queries } from '../db/queries';
import { questionsOf } from './questionnaire-fill-model';

const OPEN = new Set(['proposed', 'approved', 'active']);

/** The latest sent answers of a person to a kind of template (intake-mentee, preference, …). */
function latestAnswers(
  person: string,
  kinds: readonly string[],
  ctx: Context,
): { answers: Answers; questions: Question[] } | null {
  const found = ctx.sent
    .filter((r) => ctx.assignmentPerson.get(String(r.fields.assignmentId)) === person)
    .map((r) => ({ r, template: ctx.templateOfAssignment.get(String(r.fields.assignmentId)) }))
    .filter(({ template }) => template && kinds.includes(String(template.fields.kind)))
    .sort((a, b) => String(b.r.fields.submittedAt).localeCompare(String(a.r.fields.submittedAt)))[0];
  return found
    ? { answers: (found.r.fields.answers as Answers) ?? {}, questions: questionsOf(found.template) }
    : null;
}

type Context = {
  sent: SyncedRecord[];
  assignmentPerson: Map<string, string>;
  templateOfAssignment: Map<string, SyncedRecord | undefined>;
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

type SuggestionRow = Suggestion & { mentor: SyncedRecord };

export type PairingData = {
  people: SyncedRecord[];
  pairs: SyncedRecord[];
  /** Mentees without an open pair, who may be paired (adults, or minors with a consent). */
  unpaired: SyncedRecord[];
  consented: Set<string>;
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
      const open = pairs.filter((p) => OPEN.has(p.fields.status ?? ''));
      const load = new Map<string, number>();
      for (const p of open) load.set(p.fields.mentorId ?? '', (load.get(p.fields.mentorId ?? '') ?? 0) + 1);
      const inPair = new Set(open.flatMap((p) => p.fields.menteeIds ?? []));
      const active = people.filter((p) => p.fields.archived !== true);
      const mayPair = (p: SyncedRecord) => p.fields.minor !== true || consented.has(p.id);
      const mentorIntake = new Set(
        active.filter((p) => latestAnswers(p.id, ['intake-mentor'], ctx)).map((p) => p.id),
      );
      const hasDeclared = (p: SyncedRecord) => mentorIntake.has(p.id) || load.has(p.id);
      const isMentorCandidate = (p: SyncedRecord) =>
        hasDeclared(p) || (p.fields.kind === 'teacher' && p.id !== viewerId);
      const unpaired = active.filter(
        (p) =>
          !inPair.has(p.id) &&
          !load.has(p.id) &&
          (p.fields.kind === 'student' || latestAnswers(p.id, ['intake-mentee'], ctx)),
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
        consented,
        suggestFor(menteeId) {
          const person = byId.get(menteeId);
          if (!person) return [];
          const mentee: MenteeProfile = {
            id: menteeId,
            kind: person.fields.kind ?? '',
            classOrSubject: person.fields.classOrSubject ?? null,
            intake: latestAnswers(menteeId, ['intake-mentee'], ctx)?.answers ?? null,
            interests: [person.fields.interests, person.fields.needs].filter(Boolean).join(' ') || null,
            preferred: String(latestAnswers(menteeId, ['preference'], ctx)?.answers.preferred ?? '') || null,
          };
          return suggestMentors(mentee, mentors).map((s) => ({
            ...s,
            mentor: byId.get(s.mentorId) as SyncedRecord,
          }));
        },
      };
    },
  );
}
