// The forms assigned to the user: to fill (overdue first, then by due date) and sent.

import type { SyncedRecord } from '../../domain/record';
import type { HomeQueries } from '../db/home-queries';
import { allOf } from '../db/live';

export type MyQuestionnaire = {
  assignment: SyncedRecord<'formAssignment'>;
  title: string;
  due: string | null;
  isOverdue: boolean;
  isSent: boolean;
  /** Sent on this device, but still waiting in the outbox: the school does not have it yet. */
  isWaiting: boolean;
  hasDraft: boolean;
  /**
   * Whom a form given within a pair is about, as its person reads it: for the pair's mentor, its mentees;
   * for a mentee, the mentor. A mentee of two pairs gets the same questionnaire twice, and only this tells
   * them apart. Null for a form given to the person alone, or a pair not (or no more) on this device.
   */
  about: PairSide | null;
};

export type PairSide = { side: 'mentor' | 'mentees'; names: string[] };

/** Whom a pair is, seen by one of its people: the other side of it, as far as this device knows them. */
function otherSide(
  pair: SyncedRecord<'pair'> | undefined,
  personId: string,
  people: Map<string, SyncedRecord<'person'>>,
): PairSide | null {
  if (!pair) return null;
  const nameOf = (id: string) => people.get(id)?.fields.fullName ?? [];
  const isMentor = pair.fields.mentorId === personId;
  const names = isMentor
    ? (pair.fields.menteeIds ?? []).flatMap(nameOf)
    : [pair.fields.mentorId ?? ''].flatMap(nameOf);
  return names.length === 0 ? null : { side: isMentor ? 'mentees' : 'mentor', names };
}

/** The pairs of these assignments and the people in them, as on this device. */
export function loadPairSides(
  queries: HomeQueries,
  assignments: readonly SyncedRecord<'formAssignment'>[],
): Promise<{ pairs: Map<string, SyncedRecord<'pair'>>; people: Map<string, SyncedRecord<'person'>> }> {
  const pairIds = [...new Set(assignments.flatMap((a) => a.fields.pairId ?? []))];
  return queries.pairsByIds(pairIds).then((pairs) => {
    const ids = [...new Set(pairs.flatMap((p) => [p.fields.mentorId ?? '', ...(p.fields.menteeIds ?? [])]))];
    return queries.peopleByIds(ids).then((people) => ({
      pairs: new Map(pairs.map((p) => [p.id, p])),
      people: new Map(people.map((p) => [p.id, p])),
    }));
  });
}

/** Whom the form `assignment` is about, for its person (see MyQuestionnaire.about). */
export function aboutOf(
  assignment: SyncedRecord<'formAssignment'>,
  sides: Awaited<ReturnType<typeof loadPairSides>>,
): PairSide | null {
  const pairId = assignment.fields.pairId;
  if (!pairId) return null;
  return otherSide(sides.pairs.get(pairId), assignment.fields.personId ?? '', sides.people);
}

export function loadMyQuestionnaires(
  queries: HomeQueries,
  personId: string,
  today: string,
): Promise<{ toFill: MyQuestionnaire[]; sent: MyQuestionnaire[] }> {
  return queries.assignmentsOf(personId).then((assignments) =>
    allOf([
      queries.templatesByIds([...new Set(assignments.map((a) => a.fields.templateId ?? ''))]),
      queries.responsesTo(assignments.map((a) => a.id)),
      allOf(assignments.map((a) => queries.draft(`form:${a.id}`))),
      loadPairSides(queries, assignments),
    ]).then(([templates, responses, drafts, sides]) =>
      allOf(responses.map((r) => queries.delivery(r.id))).then((deliveries) => {
        const waiting = new Set(
          responses
            .filter((_, i) => deliveries[i]?.state !== 'delivered')
            .map((r) => r.fields.assignmentId ?? ''),
        );
        const titles = new Map(templates.map((t) => [t.id, t.fields.title ?? '']));
        const sentIds = new Set(
          responses.filter((r) => r.fields.submittedAt).map((r) => r.fields.assignmentId ?? ''),
        );
        // A form whose questionnaire is not on this device (yet) is not listed: there is nothing to fill.
        // Nor is a form given within a pair not on this device: a mentor whose only mentee's consent was
        // withdrawn no longer holds the pair, and would be asked about a pair they cannot see.
        const forms = assignments.flatMap((a, i): MyQuestionnaire[] => {
          const title = titles.get(a.fields.templateId ?? '');
          if (title === undefined) return [];
          if (a.fields.pairId && !sides.pairs.has(a.fields.pairId)) return [];
          const due = a.fields.due ?? null;
          const isSent = sentIds.has(a.id);
          return [
            {
              assignment: a,
              title,
              due,
              isSent,
              isWaiting: isSent && waiting.has(a.id),
              isOverdue: !isSent && due !== null && due < today,
              // Drafts were read for every assignment, in this order.
              hasDraft: drafts[i] !== undefined,
              about: aboutOf(a, sides),
            },
          ];
        });
        const byDue = (a: MyQuestionnaire, b: MyQuestionnaire) =>
          Number(b.isOverdue) - Number(a.isOverdue) || (a.due ?? '9999').localeCompare(b.due ?? '9999');
        return { toFill: forms.filter((f) => !f.isSent).sort(byDue), sent: forms.filter((f) => f.isSent) };
      }),
    ),
  );
}

export type FeedbackLine = {
  title: string;
  responses: number;
  averages: { text: string; value: number; isPercent: boolean }[];
};

/**
 * A mentor's aggregated feedback: only statistics the server made from at least three responses. The
 * questionnaires' reader loads only when there is feedback to show (after every read, so that the
 * live query still follows them).
 */
export function loadMentorFeedback(queries: HomeQueries, mentorId: string): Promise<FeedbackLine[]> {
  return queries.statsOfMentor(mentorId).then((stats) => {
    const shown = stats.filter((s) => (s.fields.responses ?? 0) >= 3);
    if (shown.length === 0) return [];
    return queries.templatesByIds(shown.map((s) => s.fields.templateId ?? '')).then(async (templates) => {
      const { questionsOf } = await import('./questionnaire-fill-model');
      return shown.flatMap((s) => {
        const template = templates.find((t) => t.id === s.fields.templateId);
        if (!template) return [];
        const averages = s.fields.averages ?? {};
        return [
          {
            title: template.fields.title ?? '',
            responses: s.fields.responses ?? 0,
            averages: questionsOf(template).flatMap((q) => {
              const value = averages[q.id];
              return value === undefined ? [] : [{ text: q.text, value, isPercent: q.kind === 'yesNo' }];
            }),
          },
        ];
      });
    });
  });
}
