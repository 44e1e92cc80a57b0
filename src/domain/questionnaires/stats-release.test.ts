import { describe, expect, it } from 'vitest';
import {
  forgetRespondent,
  mayRelease,
  type ReleasedStats,
  type Respondent,
  releaseStats,
} from './stats-release';

const questions = [
  { id: 'mood', kind: 'scale' },
  { id: 'again', kind: 'yesNo' },
  { id: 'why', kind: 'text' },
];

const pupil = (n: number, mood: number, again = true): Respondent => ({
  personId: `p${n}`,
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
const again = (s: ReleasedStats | undefined) => s?.averages.again;

describe('when a figure may change', () => {
  it('from the first three answers on, then only by whole cohorts of three more, the earlier unchanged', () => {
    const abc = ['a 1', 'b 1', 'c 1'];
    expect(mayRelease([], ['a 1', 'b 1'])).toBe(false);
    expect(mayRelease([], abc)).toBe(true);
    expect(mayRelease(abc, abc)).toBe(true);
    // One or two newcomers: their answer, or a sum of two that may be 20 on a 1–10 scale.
    expect(mayRelease(abc, [...abc, 'd 1'])).toBe(false);
    expect(mayRelease(abc, [...abc, 'd 1', 'e 1'])).toBe(false);
    expect(mayRelease(abc, [...abc, 'd 1', 'e 1', 'f 1'])).toBe(true);
    // Someone gone, or answering anew: the difference would be theirs.
    expect(mayRelease(abc, ['b 1', 'c 1', 'd 1', 'e 1', 'f 1', 'g 1'])).toBe(false);
    expect(mayRelease(abc, ['a 2', 'b 1', 'c 1', 'd 1', 'e 1', 'f 1'])).toBe(false);
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

  it('never moves by one or two answers: the figure waits for three newcomers', () => {
    const all = [1, 2, 3, 4, 5, 6, 7].map((n) => pupil(n, n));
    const seen = seenAlong(all.map((_, i) => all.slice(0, i + 1)));
    expect(seen.map(mood)).toEqual([undefined, undefined, 2, 2, 2, 3.5, 3.5]);
    // The count holds no answer: it is always the number who answered.
    expect(seen.map((s) => s.responses)).toEqual([0, 0, 3, 4, 5, 6, 7]);
  });

  it('holds the figure against releases further apart: 3, then 6, then 3 gone and one new', () => {
    const first = [1, 2, 3].map((n) => pupil(n, 8));
    const six = [...first, ...[4, 5, 6].map((n) => pupil(n, 2))];
    const later = [...[4, 5, 6].map((n) => pupil(n, 2)), pupil(7, 9)];
    expect(seenAlong([first, six, later]).map(mood)).toEqual([8, 5, 5]);
  });

  it('takes a response sent anew as a change only of the answers that changed', () => {
    const three = [pupil(1, 3, true), pupil(2, 4, true), pupil(3, 6, false)];
    // The first pupil sends anew, changing only «again»; then one newcomer answers alone.
    const resent = [pupil(1, 3, false), pupil(2, 4, true), pupil(3, 6, false)];
    const seen = seenAlong([three, resent, [...resent, pupil(4, 9, false)]]);
    // Neither figure tells the newcomer's answers (a mentor doing 4·avg₄ − 3·avg₃ gets nothing new).
    expect(seen.map(mood)).toEqual([4.3, 4.3, 4.3]);
    expect(seen.map(again)).toEqual([67, 67, 67]);
    // Three newcomers take the unchanged mood answers in; «again» changed, so it stays.
    const more = [...resent, pupil(4, 9, false), pupil(5, 1, true), pupil(6, 5, true)];
    const last = releaseStats(seen[2], more, questions);
    expect(last.averages).toEqual({ mood: 4.7, again: 67 });
  });

  it('withdraws a figure when fewer than three answers are left, and shows it again from the same ones', () => {
    const three = [pupil(1, 2), pupil(2, 4), pupil(3, 6)];
    const seen = seenAlong([three, three.slice(0, 2), three, [...three.slice(0, 2), pupil(4, 10)]]);
    expect(seen.map(mood)).toEqual([4, undefined, 4, 4]);
  });

  it('holds one question whose answers grew by one, while another grows by three', () => {
    const base = [pupil(1, 2), pupil(2, 4), pupil(3, 6)];
    const more = [4, 5, 6].map((n) => ({
      personId: `p${n}`,
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
    const back = releaseStats(without, [...three, pupil(4, 10)], questions);
    expect(back.averages.mood).toBeUndefined();
    const later = [...three, pupil(4, 10), pupil(5, 8), pupil(6, 6)];
    expect(releaseStats(back, later, questions).averages.mood).toBe(6);
  });

  it('makes the same basis whatever order the respondents come in', () => {
    const three = [pupil(1, 2), pupil(2, 4), pupil(3, 6)];
    expect(releaseStats(undefined, [...three].reverse(), questions)).toEqual(
      releaseStats(undefined, three, questions),
    );
  });

  it('takes a basis it cannot read as nothing released before', () => {
    const three = [pupil(1, 2), pupil(2, 4), pupil(3, 6)];
    for (const basis of [null, 'x', { from: [1, 2] }, { from: ['p1 2'], averages: 3 }])
      expect(releaseStats({ averages: {}, basis }, three, questions).averages).toEqual({
        mood: 4,
        again: 100,
      });
  });
});

describe('a person erased', () => {
  it('leaves no trace of whose answers the figures were made of, and the figures do not give theirs away', () => {
    const [shown] = seenAlong([[pupil(1, 2), pupil(2, 4), pupil(3, 9), pupil(4, 5)]]);
    const basis = forgetRespondent(shown?.basis, 'p1', 'erased-x');
    expect(JSON.stringify(basis)).not.toContain('p1 ');
    expect(basis?.from).toContain('erased-x 2');
    // Recomputed without them: the figure stays as it was (a new one of p2 and p3 would tell p1's answer).
    const after = releaseStats({ ...shown, basis }, [pupil(2, 4), pupil(3, 9), pupil(4, 5)], questions);
    expect(mood(after)).toBe(mood(shown));
    expect(mood(after)).toBe(5);
    expect(JSON.stringify(after)).not.toContain('p1 ');
    expect(forgetRespondent(shown?.basis, 'p9', 'erased-y')).toBeNull();
  });
});
