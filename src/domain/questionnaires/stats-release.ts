// What a mentor may see of their mentees' answers to a closed form, and when it may change. A mentor
// reads aggregates only (the number who answered, each scale's average, the share of «да»), each made
// of at least MIN_AGGREGATE mentees' answers. But a figure recomputed after every answer gives one
// pupil's answer away to a mentor who notes it before and after (differencing: four answers averaged
// 3.5, five average 3.8, so the fifth answered 5). So each figure is released in steps: it changes only
// when at least MIN_AGGREGATE of the answers it is made of have changed (come, gone or been sent anew),
// and then reflects them all at once. What each figure was made from is kept with it (`basis`).
import { scaleAnswer } from './answers';
import { average, MIN_AGGREGATE } from './results';

/** One mentee's latest sent response; `version` differs whenever what they sent differs. */
export type Respondent = { personId: string; version: string; answers: Readonly<Record<string, unknown>> };

/** A question of the form as far as the figures go (questions are JSON the server only bounds). */
export type StatsQuestion = { id?: unknown; kind?: unknown; min?: unknown; max?: unknown };

/**
 * What each released figure was made from, as the record keeps it: `from` lists the responses
 * (`personId version`), `responses` and `averages[questionId]` index into it. Kept on the `formStats`
 * record for curators (mentors never receive it: access.ts).
 */
type StatsBasis = { from: string[]; responses: number[]; averages: Record<string, number[]> };

/** The figures a mentor reads and what they were made from. */
export type ReleasedStats = { responses: number; averages: Record<string, number>; basis: StatsBasis };

const keyOf = (r: Respondent) => `${r.personId} ${r.version}`;
const personOf = (key: string) => key.slice(0, key.indexOf(' '));

/** How many mentees differ between two sets of responses: came, gone, or sent anew. */
function changedPeople(before: readonly string[], now: readonly string[]): number {
  const was = new Map(before.map((key) => [personOf(key), key]));
  let changed = 0;
  for (const key of now) {
    const earlier = was.get(personOf(key));
    if (earlier !== key) changed++;
    was.delete(personOf(key));
  }
  return changed + was.size;
}

/**
 * Whether a figure made of `now` may replace the one made of `before`: at least MIN_AGGREGATE answers,
 * and either the very same ones (nothing new is learned) or at least MIN_AGGREGATE of them changed.
 */
function mayRelease(before: readonly string[], now: readonly string[]): boolean {
  if (now.length < MIN_AGGREGATE) return false;
  const changed = changedPeople(before, now);
  return changed === 0 || changed >= MIN_AGGREGATE;
}

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

/** A kept basis as the record holds it; anything malformed counts as nothing released before. */
function readBasis(basis: unknown): { responses: string[]; averages: Map<string, string[]> } {
  const empty = { responses: [], averages: new Map<string, string[]>() };
  if (typeof basis !== 'object' || basis === null) return empty;
  const { from, responses, averages } = basis as Partial<Record<keyof StatsBasis, unknown>>;
  if (!Array.isArray(from) || !from.every((x) => typeof x === 'string' && x.includes(' '))) return empty;
  const keys = (indexes: unknown) =>
    Array.isArray(indexes) ? indexes.flatMap((i) => (typeof from[i] === 'string' ? [from[i]] : [])) : [];
  const byQuestion = new Map<string, string[]>();
  if (typeof averages === 'object' && averages !== null)
    for (const [id, indexes] of Object.entries(averages)) byQuestion.set(id, keys(indexes));
  return { responses: keys(responses), averages: byQuestion };
}

/**
 * The figures to show after a change of the respondents, from those shown before (`previous`: the
 * record's fields, or undefined when there is none yet). Each figure — the count and each question's
 * value — is recomputed from every current respondent when the rule above allows it, kept as it was
 * when fewer than MIN_AGGREGATE of its answers changed, and withdrawn when fewer than MIN_AGGREGATE
 * answers are left (the basis of what was last shown stays, so it can come back only the same way).
 * Source: the methodology's rule that a mentor sees a questionnaire's results only in aggregate.
 */
export function releaseStats(
  previous: { responses?: unknown; averages?: unknown; basis?: unknown } | undefined,
  respondents: readonly Respondent[],
  questions: readonly StatsQuestion[],
): ReleasedStats {
  const before = readBasis(previous?.basis);
  const shown = (previous?.averages ?? {}) as Record<string, unknown>;
  const from = new Map<string, number>();
  const indexOf = (key: string) => {
    if (!from.has(key)) from.set(key, from.size);
    return from.get(key) as number;
  };
  const result: ReleasedStats = {
    responses: 0,
    averages: {},
    basis: { from: [], responses: [], averages: {} },
  };

  // In one order whatever order storage gave: the same respondents make the same basis.
  const sorted = [...respondents].sort((a, b) =>
    a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0,
  );
  const everyone = sorted.map(keyOf);
  if (mayRelease(before.responses, everyone)) {
    result.responses = everyone.length;
    result.basis.responses = everyone.map(indexOf);
  } else {
    const wasShown = typeof previous?.responses === 'number' && previous.responses > 0;
    if (wasShown && everyone.length >= MIN_AGGREGATE) result.responses = previous.responses as number;
    result.basis.responses = before.responses.map(indexOf);
  }

  for (const question of questions) {
    if (typeof question.id !== 'string') continue;
    const id = question.id;
    const answering = sorted.filter((r) => counts(question, r.answers[id]));
    const now = answering.map(keyOf);
    const earlier = before.averages.get(id) ?? [];
    const value = figureOf(
      question,
      answering.map((r) => r.answers[id]),
    );
    if (mayRelease(earlier, now) && value !== null) {
      result.averages[id] = value;
      result.basis.averages[id] = now.map(indexOf);
      continue;
    }
    const kept = shown[id];
    if (typeof kept === 'number' && now.length >= MIN_AGGREGATE) result.averages[id] = kept;
    if (earlier.length) result.basis.averages[id] = earlier.map(indexOf);
  }
  result.basis.from = [...from.keys()];
  return result;
}
