// What a mentor may see of their mentees' answers to a closed form, and when it may change. A mentor
// reads aggregates only (the number who answered, each scale's average, the share of «да»), each made
// of at least MIN_AGGREGATE mentees' answers. But figures recomputed as answers come and go give single
// answers away to a mentor who notes them: four answers averaged 3.5 and five average 3.8, so the fifth
// answered 5 — and releases further apart combine the same way (3 answers, then 6, then 4 of which 3
// were the first: the fourth's answer is 4·avg₃ − 3·avg₁). Each average is a sum over a set of
// answers; a mentor who has seen several such sums can solve for one answer exactly when that answer's
// unit vector lies in the span of the sets seen. So before a figure changes, the new set is checked
// against every set it was released from before (`basis`), and it is released only if no single
// answer would follow from them all; otherwise the figure stays as it was.
import { scaleAnswer } from './answers';
import { average, MIN_AGGREGATE } from './results';

/** One mentee's latest sent response; `version` differs whenever what they sent differs. */
export type Respondent = { personId: string; version: string; answers: Readonly<Record<string, unknown>> };

/** A question of the form as far as the figures go (questions are JSON the server only bounds). */
export type StatsQuestion = { id?: unknown; kind?: unknown; min?: unknown; max?: unknown };

/**
 * What each question's figure was released from, every time, as the record keeps it: `from` lists the
 * responses (`personId version`), `averages[questionId]` the sets released, each as indexes into `from`.
 * Kept on the `formStats` record for curators (mentors never receive it: access.ts).
 */
type StatsBasis = { from: string[]; averages: Record<string, number[][]> };

/** The figures a mentor reads and what they were made from. */
export type ReleasedStats = { responses: number; averages: Record<string, number>; basis: StatsBasis };

const keyOf = (r: Respondent) => `${r.personId} ${r.version}`;

/** The rank of 0/1 rows (Gaussian elimination with partial pivoting; entries below 1e-9 count as 0). */
function rankOf(rows: number[][]): number {
  const m = rows.map((row) => [...row]);
  const width = m[0]?.length ?? 0;
  let rank = 0;
  for (let col = 0; col < width && rank < m.length; col++) {
    let best = rank;
    for (let r = rank + 1; r < m.length; r++)
      if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[best]?.[col] ?? 0)) best = r;
    const pivot = m[best] as number[];
    const lead = pivot[col] ?? 0;
    if (Math.abs(lead) < 1e-9) continue;
    m[best] = m[rank] as number[];
    m[rank] = pivot;
    for (let r = rank + 1; r < m.length; r++) {
      const row = m[r] as number[];
      const factor = (row[col] ?? 0) / lead;
      if (factor !== 0) for (let c = col; c < width; c++) row[c] = (row[c] ?? 0) - factor * (pivot[c] ?? 0);
    }
    rank++;
  }
  return rank;
}

/**
 * Whether something of one mentee alone follows from the sums over `sets` (each a set of responses,
 * `personId version`): one of their answers, or how their answer changed between two of their
 * responses. It does exactly when the span of the sets' indicator vectors meets the span of that
 * mentee's own columns, that is when leaving their columns out lowers the rank.
 */
export function revealsSomeone(sets: readonly (readonly string[])[]): boolean {
  const columns = new Map<string, number>();
  for (const set of sets) for (const key of set) if (!columns.has(key)) columns.set(key, columns.size);
  const rows = sets.map((set) => {
    const row: number[] = new Array(columns.size).fill(0);
    for (const key of set) row[columns.get(key) as number] = 1;
    return row;
  });
  const rank = rankOf(rows);
  const byPerson = new Map<string, number[]>();
  for (const [key, col] of columns) {
    const person = key.slice(0, key.indexOf(' '));
    byPerson.set(person, [...(byPerson.get(person) ?? []), col]);
  }
  for (const own of byPerson.values()) {
    const others = rows.map((row) => row.filter((_, c) => !own.includes(c)));
    if (rankOf(others) < rank) return true;
  }
  return false;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((key) => b.includes(key));

/** The value of one question's figure: a scale's average, or the share of «да» in per cent. */
function figureOf(question: StatsQuestion, answers: readonly unknown[]): number | null {
  if (question.kind === 'scale')
    return average(answers.flatMap((x) => (scaleAnswer(question, x) === null ? [] : [x as number])));
  const yesNo = answers.filter((x): x is boolean => typeof x === 'boolean');
  return yesNo.length ? Math.round((yesNo.filter(Boolean).length / yesNo.length) * 100) : null;
}

/** Whether `answer` counts in `question`'s figure. */
function counts(question: StatsQuestion, answer: unknown): boolean {
  if (question.kind === 'scale') return scaleAnswer(question, answer) !== null;
  if (question.kind === 'yesNo') return typeof answer === 'boolean';
  return false;
}

/** A kept basis as the record holds it: each question's released sets. Anything malformed counts as none. */
function readBasis(basis: unknown): Map<string, string[][]> {
  const released = new Map<string, string[][]>();
  if (typeof basis !== 'object' || basis === null) return released;
  const { from, averages } = basis as Partial<Record<keyof StatsBasis, unknown>>;
  if (!Array.isArray(from) || !from.every((x) => typeof x === 'string')) return released;
  if (typeof averages !== 'object' || averages === null) return released;
  const keys = (indexes: unknown) =>
    Array.isArray(indexes)
      ? indexes.flatMap((i) => (typeof from[i] === 'string' ? [from[i] as string] : []))
      : [];
  for (const [id, sets] of Object.entries(averages))
    if (Array.isArray(sets))
      released.set(
        id,
        sets.map(keys).filter((set) => set.length > 0),
      );
  return released;
}

/**
 * The figures to show after a change of the respondents, from those shown before (`previous`: the
 * record's fields, or undefined when there is none yet). The count is the number of respondents from
 * MIN_AGGREGATE on (it holds no answer). Each question's figure is recomputed from every current
 * respondent who answered it when at least MIN_AGGREGATE did and no single answer would follow from
 * this set together with every set the figure was released from before (`revealsSomeone`); else it
 * keeps the value last released, or is withdrawn when fewer than MIN_AGGREGATE answers are left. What
 * each figure was released from is kept for good, a question that leaves the form included.
 * Source: the methodology's rule that a mentor sees a questionnaire's results only in aggregate.
 */
export function releaseStats(
  previous: { averages?: unknown; basis?: unknown } | undefined,
  respondents: readonly Respondent[],
  questions: readonly StatsQuestion[],
): ReleasedStats {
  const released = readBasis(previous?.basis);
  const shown = (previous?.averages ?? {}) as Record<string, unknown>;
  // In one order whatever order storage gave: the same respondents make the same basis.
  const sorted = [...respondents].sort((a, b) =>
    a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0,
  );
  const averages: Record<string, number> = {};
  const checked = new Map<string, boolean>();
  for (const question of questions) {
    if (typeof question.id !== 'string') continue;
    const id = question.id;
    const answering = sorted.filter((r) => counts(question, r.answers[id]));
    if (answering.length < MIN_AGGREGATE) continue;
    const now = answering.map(keyOf);
    const sets = released.get(id) ?? [];
    const isKnown = sets.some((set) => sameSet(set, now));
    const candidate = [...sets, now];
    // Questions everyone answered share their sets: each distinct history is checked once.
    const memoKey = JSON.stringify(candidate);
    if (!checked.has(memoKey)) checked.set(memoKey, revealsSomeone(candidate));
    if (isKnown || !checked.get(memoKey)) {
      const value = figureOf(
        question,
        answering.map((r) => r.answers[id]),
      );
      if (value === null) continue;
      averages[id] = value;
      if (!isKnown) released.set(id, [...sets, now]);
      continue;
    }
    const kept = shown[id];
    if (typeof kept === 'number') averages[id] = kept;
  }
  const from = new Map<string, number>();
  const indexOf = (key: string) => {
    if (!from.has(key)) from.set(key, from.size);
    return from.get(key) as number;
  };
  const basis: StatsBasis = { from: [], averages: {} };
  for (const [id, sets] of released) basis.averages[id] = sets.map((set) => set.map(indexOf));
  basis.from = [...from.keys()];
  return { responses: sorted.length >= MIN_AGGREGATE ? sorted.length : 0, averages, basis };
}
