import { describe, expect, it } from 'vitest';
import { type ReleasedStats, type Respondent, releaseStats } from './stats-release';

const questions = [
  { id: 'mood', kind: 'scale' },
  { id: 'again', kind: 'yesNo' },
  { id: 'why', kind: 'text' },
];

const pupil = (n: number, mood: number, again = true, version = 'v1'): Respondent => ({
  personId: `p${n}`,
  version,
  answers: { mood, again, why: `ответ ${n}` },
});

/** The figures after each respondent joins in turn, as a mentor would see them one by one. */
function oneByOne(respondents: readonly Respondent[]): ReleasedStats[] {
  const seen: ReleasedStats[] = [];
  let previous: ReleasedStats | undefined;
  for (let i = 1; i <= respondents.length; i++) {
    previous = releaseStats(previous, respondents.slice(0, i), questions);
    seen.push(previous);
  }
  return seen;
}

const shown = (s: ReleasedStats) => ({ responses: s.responses, averages: s.averages });

describe('statistics released in steps of three answers', () => {
  it('shows nothing below three answers, then the count, the averages and the share of «да»', () => {
    const seen = oneByOne([pupil(1, 2, true), pupil(2, 4, false), pupil(3, 9, true)]);
    expect(shown(seen[0] as ReleasedStats)).toEqual({ responses: 0, averages: {} });
    expect(shown(seen[1] as ReleasedStats)).toEqual({ responses: 0, averages: {} });
    expect(shown(seen[2] as ReleasedStats)).toEqual({ responses: 3, averages: { mood: 5, again: 67 } });
  });

  it('keeps the figures while one or two answers come in, and takes them all in at the third', () => {
    const seen = oneByOne([1, 2, 3, 4, 5, 6].map((n) => pupil(n, n)));
    const third = shown(seen[2] as ReleasedStats);
    // The fourth and the fifth pupil's answers cannot be told from the figures: they have not moved.
    expect(shown(seen[3] as ReleasedStats)).toEqual(third);
    expect(shown(seen[4] as ReleasedStats)).toEqual(third);
    expect(shown(seen[5] as ReleasedStats)).toEqual({ responses: 6, averages: { mood: 3.5, again: 100 } });
  });

  it('counts an answer sent anew as a change, like a new one', () => {
    const three = [pupil(1, 2), pupil(2, 4), pupil(3, 6)];
    const first = releaseStats(undefined, three, questions);
    const resent = releaseStats(first, [pupil(1, 10, true, 'v2'), pupil(2, 4), pupil(3, 6)], questions);
    expect(shown(resent)).toEqual(shown(first));
    const allAnew = [pupil(1, 10, true, 'v2'), pupil(2, 10, true, 'v2'), pupil(3, 10, true, 'v2')];
    expect(releaseStats(resent, allAnew, questions).averages.mood).toBe(10);
  });

  it('holds one question whose answers changed by fewer than three, while others move', () => {
    const base = [pupil(1, 2), pupil(2, 4), pupil(3, 6)];
    const first = releaseStats(undefined, base, questions);
    // Three more pupils, but only one answers the scale: its average would give that pupil away.
    const more = [4, 5, 6].map((n) => ({
      personId: `p${n}`,
      version: 'v1',
      answers: n === 4 ? { mood: 10, again: false } : { again: false },
    }));
    const next = releaseStats(first, [...base, ...more], questions);
    expect(next.responses).toBe(6);
    expect(next.averages.mood).toBe(4);
    expect(next.averages.again).toBe(50);
  });

  it('withdraws a figure when fewer than three answers are left, and shows it again only the same way', () => {
    const three = [pupil(1, 2), pupil(2, 4), pupil(3, 6)];
    const first = releaseStats(undefined, three, questions);
    const withdrawn = releaseStats(first, three.slice(0, 2), questions);
    expect(shown(withdrawn)).toEqual({ responses: 0, averages: {} });
    // The same three again (a consent given back): nothing new is learned, the same figures return.
    expect(shown(releaseStats(withdrawn, three, questions))).toEqual(shown(first));
    // One other pupil instead: the figure of p1, p2 and p4 next to that of p1, p2 and p3 would tell
    // p4's answer from p3's — it stays withdrawn.
    expect(shown(releaseStats(withdrawn, [...three.slice(0, 2), pupil(4, 10)], questions))).toEqual({
      responses: 0,
      averages: {},
    });
  });

  it('keeps the figures when one of four answers goes, rather than give it away', () => {
    const four = [pupil(1, 2), pupil(2, 4), pupil(3, 6), pupil(4, 8)];
    const first = releaseStats(undefined, four, questions);
    const fewer = releaseStats(first, four.slice(1), questions);
    expect(shown(fewer)).toEqual(shown(first));
  });

  it('counts only answers on the scale: a number past it from a hostile device is no answer', () => {
    const three = [pupil(1, 2), pupil(2, 4), pupil(3, 6)];
    const hostile = [4, 5, 6].map((n) => pupil(n, 1e308));
    const stats = releaseStats(undefined, [...three, ...hostile], questions);
    expect(stats.averages.mood).toBe(4);
    expect(Number.isFinite(stats.averages.mood)).toBe(true);
  });

  it('makes the same basis whatever order the respondents come in', () => {
    const three = [pupil(1, 2), pupil(2, 4), pupil(3, 6)];
    expect(releaseStats(undefined, [...three].reverse(), questions)).toEqual(
      releaseStats(undefined, three, questions),
    );
  });

  it('takes a basis it cannot read as nothing released before', () => {
    const three = [pupil(1, 2), pupil(2, 4), pupil(3, 6)];
    for (const basis of [null, 'x', { from: [1, 2] }, { from: ['p1 v1'], responses: [7], averages: 3 }])
      expect(shown(releaseStats({ responses: 3, averages: {}, basis }, three, questions))).toEqual({
        responses: 3,
        averages: { mood: 4, again: 100 },
      });
  });
});
