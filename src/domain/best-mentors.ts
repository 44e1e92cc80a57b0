// The best mentors of the year, by criteria agreed for the final event: meetings held, the share of IDP
// tasks done, and the satisfaction of their mentees. Each criterion counts as a share of the best value.
import { percentOf } from './percent';

export type MentorResult = {
  mentorId: string;
  pairs: number;
  meetings: number;
  tasksDone: number;
  tasksTotal: number;
  satisfaction: number | null;
};

export type RankedMentor = MentorResult & { score: number; idp: number | null };

export function bestMentors(results: readonly MentorResult[], top = 5): RankedMentor[] {
  const maxMeetings = Math.max(1, ...results.map((r) => r.meetings / Math.max(1, r.pairs)));
  return results
    .map((r) => {
      const idp = r.tasksTotal ? r.tasksDone / r.tasksTotal : null;
      const parts = [r.meetings / Math.max(1, r.pairs) / maxMeetings, idp ?? 0, (r.satisfaction ?? 0) / 10];
      return {
        ...r,
        idp: percentOf(r.tasksDone, r.tasksTotal),
        score: Math.round((parts.reduce((a, b) => a + b, 0) / parts.length) * 100),
      };
    })
    .filter((r) => r.meetings > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, top);
}
