import { describe, expect, it } from 'vitest';
import { type ReleasedStats, type Respondent, releaseStats, revealsSomeone } from './stats-release';

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

/** The figures after each change of the respondents, in turn, as a mentor would see them one by one. */
function seenAlong(steps: readonly (readonly Respondent[])[]): ReleasedStats[] {
  const seen: ReleasedStats[] = [];
  let previous: ReleasedStats | undefined;
  for (const respondents of steps) {
    previous = releaseStats(previous, respondents, questions);
    seen.push(previous);
  }
  return seen;
}

const mood = (s: ReleasedStats | undefined) => s?.averages.mood;

describe('what a mentor can work out from sums they have seen', () => {
  it('finds one pupil’s answer, or how it changed, wherever the sets give it away', () => {
    expect(revealsSomeone([['a 1', 'b 1', 'c 1']])).toBe(false);
    // One more pupil: the difference of the two sums is theirs.
    expect(
      revealsSomeone([
        ['a 1', 'b 1', 'c 1'],
        ['a 1', 'b 1', 'c 1', 'd 1'],
      ]),
    ).toBe(true);
    // Two more: only their sum.
    expect(
      revealsSomeone([
        ['a 1', 'b 1', 'c 1'],
        ['a 1', 'b 1', 'c 1', 'd 1', 'e 1'],
      ]),
    ).toBe(false);
    // Releases that are not next to each other: 3, then 6, then 4 of whom 3 were among the six.
    const abc = ['a 1', 'b 1', 'c 1'];
    const six = [...abc, 'd 1', 'e 1', 'f 1'];
    expect(revealsSomeone([abc, six, ['d 1', 'e 1', 'f 1', 'g 1']])).toBe(true);
    // A chain: ABCD, +EFG, −EF +H, −GH +X gives X.
    const abcd = ['a 1', 'b 1', 'c 1', 'd 1'];
    expect(
      revealsSomeone([abcd, [...abcd, 'e 1', 'f 1', 'g 1'], [...abcd, 'g 1', 'h 1'], [...abcd, 'x 1']]),
    ).toBe(true);
    // One pupil sending anew: how their answer changed is theirs alone.
    expect(revealsSomeone([abc, ['a 2', 'b 1', 'c 1']])).toBe(true);
  });
});

describe('statistics a mentor sees', () => {
  it('shows nothing below three answers, then the count, the averages and the share of «да»', () => {
    const seen = seenAlong([
      [pupil(1, 2, true)],
      [pupil(1, 2, true), pupil(2, 4, false)],
      [pupil(1, 2, true), pupil(2, 4, false), pupil(3, 9, true)],
    ]);
    expect(seen.map((s) => s.responses)).toEqual([0, 0, 3]);
    expect(seen[1]?.averages).toEqual({});
    expect(seen[2]?.averages).toEqual({ mood: 5, again: 67 });
  });

  it('never moves by one answer: the figure waits for one that can be told from no one', () => {
    const all = [1, 2, 3, 4, 5, 6, 7].map((n) => pupil(n, n));
    const seen = seenAlong(all.map((_, i) => all.slice(0, i + 1)));
    // 3 answers: 2; the fourth alone would be given away, so 2 stays; with the fifth, 3 (d + e only).
    expect(seen.map(mood)).toEqual([undefined, undefined, 2, 2, 3, 3, 4]);
    // The count holds no answer: it is always the number who answered.
    expect(seen.map((s) => s.responses)).toEqual([0, 0, 3, 4, 5, 6, 7]);
  });

  it('holds the figure against releases further apart: 3, then 6, then 3 gone and one new', () => {
    const first = [1, 2, 3].map((n) => pupil(n, 8));
    const six = [...first, ...[4, 5, 6].map((n) => pupil(n, 2))];
    const later = [...[4, 5, 6].map((n) => pupil(n, 2)), pupil(7, 9)];
    const seen = seenAlong([first, six, later]);
    expect(seen.map(mood)).toEqual([8, 5, 5]);
  });

  it('holds the figure when one pupil sends anew, and lets it move when others come with it', () => {
    const three = [pupil(1, 2), pupil(2, 4), pupil(3, 6)];
    const resent = [pupil(1, 10, true, 'v2'), pupil(2, 4), pupil(3, 6)];
    const seen = seenAlong([three, resent, [...resent, pupil(4, 1), pupil(5, 9)]]);
    expect(seen.map(mood)).toEqual([4, 4, 6]);
  });

  it('withdraws a figure when fewer than three answers are left, and shows it again from the same ones', () => {
    const three = [pupil(1, 2), pupil(2, 4), pupil(3, 6)];
    const seen = seenAlong([three, three.slice(0, 2), three, [...three.slice(0, 2), pupil(4, 10)]]);
    // One pupil in another's place tells only how their two answers differ, neither answer: it may show.
    expect(seen.map(mood)).toEqual([4, undefined, 4, 5.3]);
  });

  it('holds one question whose answers changed by one, while another moves', () => {
    const base = [pupil(1, 2), pupil(2, 4), pupil(3, 6)];
    // Three more pupils, but only one answers the scale: its average would give that pupil away.
    const more = [4, 5, 6].map((n) => ({
      personId: `p${n}`,
      version: 'v1',
      answers: n === 4 ? { mood: 10, again: false } : { again: false },
    }));
    const [, next] = seenAlong([base, [...base, ...more]]);
    expect(next?.responses).toBe(6);
    expect(next?.averages).toEqual({ mood: 4, again: 50 });
  });

  it('counts only answers on the scale: a number past it from a hostile device is no answer', () => {
    const three = [pupil(1, 2), pupil(2, 4), pupil(3, 6)];
    const hostile = [4, 5, 6].map((n) => pupil(n, 1e308));
    expect(releaseStats(undefined, [...three, ...hostile], questions).averages.mood).toBe(4);
  });

  it('remembers a question that left the form, should it come back', () => {
    const three = [pupil(1, 2), pupil(2, 4), pupil(3, 6)];
    const first = releaseStats(undefined, three, questions);
    const without = releaseStats(first, three, [{ id: 'again', kind: 'yesNo' }]);
    expect(without.averages).toEqual({ again: 100 });
    // Back with one more answer: released, it would give the fourth pupil's answer away.
    const back = releaseStats(without, [...three, pupil(4, 10)], questions);
    expect(back.averages.mood).toBeUndefined();
    expect(releaseStats(back, [...three, pupil(4, 10), pupil(5, 8)], questions).averages.mood).toBe(6);
  });

  it('makes the same basis whatever order the respondents come in', () => {
    const three = [pupil(1, 2), pupil(2, 4), pupil(3, 6)];
    expect(releaseStats(undefined, [...three].reverse(), questions)).toEqual(
      releaseStats(undefined, three, questions),
    );
  });

  it('takes a basis it cannot read as nothing released before', () => {
    const three = [pupil(1, 2), pupil(2, 4), pupil(3, 6)];
    for (const basis of [null, 'x', { from: [1, 2] }, { from: ['p1 v1'], averages: 3 }])
      expect(releaseStats({ averages: {}, basis }, three, questions).averages).toEqual({
        mood: 4,
        again: 100,
      });
  });
});
