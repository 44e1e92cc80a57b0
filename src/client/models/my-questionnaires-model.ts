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
};

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
    ]).then(([templates, responses, drafts]) =>
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
        const forms = assignments.flatMap((a, i): MyQuestionnaire[] => {
          const title = titles.get(a.fields.templateId ?? '');
          if (title === undefined) return [];
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
