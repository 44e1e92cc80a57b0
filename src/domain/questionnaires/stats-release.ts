// What a mentor may see of their mentees' answers to a closed form, and when it may change. A mentor
// reads aggregates only (the number who answered, each scale's average, the share of «да»), each made
// of at least MIN_AGGREGATE mentees' answers. But figures recomputed as answers come and go give single
// answers away to a mentor who notes them: four answers averaged 3.5 and five average 3.8, so the fifth
// answered 5; releases further apart combine the same way (3 answers, then 6, then 4 of them), and a
// sum of two newcomers' answers gives both away when it is 20 on a 1–10 scale. So each question's
// figure grows in whole cohorts: it is released from a set of answers only when that set holds every
// answer of the set last released, unchanged, and at least MIN_AGGREGATE more. A mentor then learns
// sums over disjoint groups of at least MIN_AGGREGATE mentees each — what the first figure tells, no
// more. Anything else (an answer sent anew, a mentee gone, one or two newcomers) leaves the figure as
// it was. What the figure was last released from is kept with it (`basis`).

import { percentOf } from '../percent';
import { scaleAnswer } from './answers';
import { average, MIN_AGGREGATE } from './results';

/** One mentee's latest sent response. */
export type Respondent = { personId: string; answers: Readonly<Record<string, unknown>> };

/** A question of the form as far as the figures go (questions are JSON the server only bounds). */
export type StatsQuestion = { id?: unknown; kind?: unknown; min?: unknown; max?: unknown };

/**
 * What each question's figure was last released from, as the record keeps it: `from` lists the answers
 * (`personId answer`), `averages[questionId]` indexes into it. Kept on the `formStats` record for
 * curators (mentors never receive it: access.ts).
 */
type StatsBasis = { from: string[]; averages: Record<string, number[]> };

/** The figures a mentor reads and what they were made from. */
export type ReleasedStats = { responses: number; averages: Record<string, number>; basis: StatsBasis };

/**
 * An answer as the rule tells answers apart: whose, and what (a response sent anew with the same answer
 * to this question is the same answer to it).
 */
const keyOf = (r: Respondent, questionId: string) => `${r.personId} ${JSON.stringify(r.answers[questionId])}`;

/**
 * Whether a figure made of `now` may replace the one made of `last`: it is the same set, or the first
 * of at least MIN_AGGREGATE, or `last` with every answer unchanged and at least MIN_AGGREGATE more.
 */
export function mayRelease(last: readonly string[], now: readonly string[]): boolean {
  if (now.length < MIN_AGGREGATE) return false;
  const current = new Set(now);
  if (!last.every((key) => current.has(key))) return false;
  const added = now.length - last.length;
  return added === 0 || last.length === 0 || added >= MIN_AGGREGATE;
}

/** `answer` as it counts in `question`'s figure — a scale's number, a yes or no — or null when it does not. */
function counted(question: StatsQuestion, answer: unknown): number | boolean | null {
  if (question.kind === 'scale') return scaleAnswer(question, answer);
  return question.kind === 'yesNo' && typeof answer === 'boolean' ? answer : null;
}

/** The figure of counted answers (at least one): a scale's average, or the share of «да» in per cent. */
function figureOf(answers: readonly (number | boolean)[]): number {
  const numbers = answers.filter((x): x is number => typeof x === 'number');
  if (numbers.length) return average(numbers) ?? 0;
  return percentOf(answers.filter((x) => x === true).length, answers.length) ?? 0;
}

/** A kept basis as the record holds it: each question's last released set. Anything malformed: none. */
function readBasis(basis: unknown): Map<string, string[]> {
  const released = new Map<string, string[]>();
  if (typeof basis !== 'object' || basis === null) return released;
  const { from, averages } = basis as Partial<Record<keyof StatsBasis, unknown>>;
  if (!Array.isArray(from) || !from.every((x) => typeof x === 'string')) return released;
  if (typeof averages !== 'object' || averages === null) return released;
  for (const [id, indexes] of Object.entries(averages))
    if (Array.isArray(indexes))
      released.set(
        id,
        indexes.flatMap((i) => (typeof from[i] === 'string' ? [from[i] as string] : [])),
      );
  return released;
}

/**
 * The figures to show after a change of the respondents, from those shown before (`previous`: the
 * record's fields, or undefined when there is none yet). The count is the number of respondents from
 * MIN_AGGREGATE on (it holds no answer). Each question's figure is recomputed from every current
 * respondent who answered it when `mayRelease` allows; else it keeps the value last released, or is
 * withdrawn while fewer than MIN_AGGREGATE answers are left. What each figure was last released from
 * is kept for good, a question that leaves the form included.
 * Source: the methodology's rule that a mentor sees a questionnaire's results only in aggregate.
 */
export function releaseStats(
  previous: { averages?: unknown; basis?: unknown } | undefined,
  respondents: readonly Respondent[],
  questions: readonly StatsQuestion[],
): ReleasedStats {
  const released = readBasis(previous?.basis);
  const shown = (previous?.averages ?? {}) as Record<string, unknown>;
  const averages: Record<string, number> = {};
  for (const question of questions) {
    if (typeof question.id !== 'string') continue;
    const id = question.id;
    const answering = respondents.flatMap((r) => {
      const answer = counted(question, r.answers[id]);
      return answer === null ? [] : [{ key: keyOf(r, id), answer }];
    });
    if (answering.length < MIN_AGGREGATE) continue;
    const now = answering.map((x) => x.key).sort();
    if (mayRelease(released.get(id) ?? [], now)) {
      averages[id] = figureOf(answering.map((x) => x.answer));
      released.set(id, now);
      continue;
    }
    const kept = shown[id];
    if (typeof kept === 'number') averages[id] = kept;
  }
  return {
    responses: respondents.length >= MIN_AGGREGATE ? respondents.length : 0,
    averages,
    basis: basisOf(released),
  };
}

/** The basis as the record keeps it, from each question's released set. */
function basisOf(released: ReadonlyMap<string, readonly string[]>): StatsBasis {
  const from = new Map<string, number>();
  const indexOf = (key: string) => {
    if (!from.has(key)) from.set(key, from.size);
    return from.get(key) as number;
  };
  const basis: StatsBasis = { from: [], averages: {} };
  for (const [id, set] of [...released].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    basis.averages[id] = set.map(indexOf);
  basis.from = [...from.keys()];
  return basis;
}

/**
 * A kept basis with `personId`'s answers under `alias` instead of their id: a person erased (consent
 * withdrawn, 152-ФЗ art. 9) leaves no trace of whose answers those were, while each figure still counts
 * their answer as one that left — so it stays as it was, as for any mentee gone, rather than being
 * recomputed without it (which would give the answer away by the difference). `alias` must be new and
 * unguessable (a random id). Null when the basis does not name the person.
 */
export function forgetRespondent(basis: unknown, personId: string, alias: string): StatsBasis | null {
  const released = readBasis(basis);
  const prefix = `${personId} `;
  let isNamed = false;
  for (const [id, set] of released)
    released.set(
      id,
      set.map((key) => {
        if (!key.startsWith(prefix)) return key;
        isNamed = true;
        return `${alias} ${key.slice(prefix.length)}`;
      }),
    );
  return isNamed ? basisOf(released) : null;
}
