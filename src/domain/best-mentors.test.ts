import { describe, expect, it } from 'vitest';
import { bestMentors } from './best-mentors';

describe('best mentors', () => {
  it('ranks by meetings per pair, IDP completion and satisfaction; mentors without meetings are left out', () => {
    const ranked = bestMentors([
      { mentorId: 'a', pairs: 1, meetings: 10, tasksDone: 8, tasksTotal: 10, satisfaction: 9 },
      { mentorId: 'b', pairs: 2, meetings: 10, tasksDone: 2, tasksTotal: 10, satisfaction: 6 },
      { mentorId: 'c', pairs: 1, meetings: 0, tasksDone: 0, tasksTotal: 0, satisfaction: null },
    ]);
    expect(ranked.map((r) => r.mentorId)).toEqual(['a', 'b']);
    expect(ranked[0]).toMatchObject({ score: 90, idp: 80 });
  });

  it('says an IDP is done in full only when every task is', () => {
    const [mentor] = bestMentors([
      { mentorId: 'a', pairs: 1, meetings: 10, tasksDone: 199, tasksTotal: 200, satisfaction: 9 },
    ]);
    expect(mentor?.idp).toBe(99);
  });
});
