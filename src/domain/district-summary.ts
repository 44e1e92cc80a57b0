// What the municipality sees of a school: the monitoring figures of the target model side by side with
// the other schools — coverage against the target share, pairs working, meetings held, satisfaction,
// roadmap stages done. Counts and averages only: no name, no answer of anyone. A satisfaction average is
// made of at least three answers and grows only in whole cohorts (questionnaires/stats-release.ts): a
// figure recomputed after each answer would give each answer away to someone who notes the figures
// (averages 9 of three and 7.25 of four: the fourth answered 2).

import { dashboardOf, type Monitoring } from './monitoring-facts';
import { average, MIN_AGGREGATE } from './questionnaires/results';
import { mayRelease } from './questionnaires/stats-release';
import type { SchoolSummaryFields } from './record-types';
import { ROADMAP_STAGES, stageProgress } from './roadmap';

type Figures = Omit<SchoolSummaryFields, 'schoolId' | 'schoolName' | 'computedAt' | 'sourceRev'>;

type Source = keyof Monitoring['satisfaction'];
const SOURCES: readonly Source[] = ['finalMentee', 'interimMentee', 'finalMentor', 'interimMentor'];

/**
 * A questionnaire's figure as last released, and the answers it was made of: each respondent's latest,
 * hidden (see `schoolFigures`).
 */
type Released = { from: string[]; figure: number };

/** What each questionnaire's satisfaction was last released from, as the summary keeps it. */
type SatisfactionBasis = Partial<Record<Source, Released>>;

/** A kept basis as the record holds it; anything malformed counts as nothing released. */
function readBasis(basis: unknown): SatisfactionBasis {
  const out: SatisfactionBasis = {};
  if (typeof basis !== 'object' || basis === null) return out;
  for (const source of SOURCES) {
    const r = (basis as Record<string, unknown>)[source] as Partial<Released> | undefined;
    if (
      r &&
      Array.isArray(r.from) &&
      r.from.every((k) => typeof k === 'string') &&
      typeof r.figure === 'number' &&
      Number.isFinite(r.figure)
    )
      out[source] = { from: r.from, figure: r.figure };
  }
  return out;
}

/**
 * A kept basis with the entries of `personId`'s `answers` (a response deleted, or its respondent erased:
 * consent withdrawn, 152-ФЗ art. 9) under fresh aliases: an entry is
 * `hide('<questionnaire> <personId> <answer>')`, which the server can compute again (it holds the key).
 * Each figure still counts the answer as one that left, and so stays as it was. Null when no entry is
 * theirs.
 */
export function forgetInBasis(
  basis: unknown,
  personId: string,
  answers: Iterable<number>,
  hide: (answer: string) => string,
  alias: () => string,
): SatisfactionBasis | null {
  const kept = readBasis(basis);
  const values = [...answers];
  let isNamed = false;
  for (const source of SOURCES) {
    const released = kept[source];
    if (!released) continue;
    const theirs = new Set(values.map((a) => hide(`${source} ${personId} ${a}`)));
    const from = released.from.map((key) => (theirs.has(key) ? alias() : key));
    if (from.some((key, i) => key !== released.from[i])) isNamed = true;
    kept[source] = { ...released, from };
  }
  return isNamed ? kept : null;
}

/**
 * Each questionnaire's figure after a change of its answers: released anew from the current answers when
 * `mayRelease` allows, else kept as last released. Shown while at least MIN_AGGREGATE answers are there.
 */
function release(
  m: Monitoring,
  previous: SatisfactionBasis,
  hide: (answer: string) => string,
): { basis: SatisfactionBasis; shown: Partial<Record<Source, number>> } {
  const basis: SatisfactionBasis = {};
  const shown: Partial<Record<Source, number>> = {};
  for (const source of SOURCES) {
    // Each respondent once, by their latest answer (a set of one person's answers would be theirs); the
    // questionnaire is part of what is hidden, so that one pupil's entries cannot be matched across two
    // questionnaires' sets (which would single out the pupils in one and not the other).
    const now = m.satisfaction[source].latest;
    const from = now.map((a) => hide(`${source} ${a.personId} ${a.answer}`));
    const figure = average(now.map((a) => a.answer));
    const last = previous[source];
    const released = figure !== null && mayRelease(last?.from ?? [], from) ? { from, figure } : last;
    if (released) basis[source] = released;
    if (released && now.length >= MIN_AGGREGATE) shown[source] = released.figure;
  }
  return { basis, shown };
}

/**
 * A stage is done when the curator ticked it or when the data shows it complete (100 %).
 * Source: the roadmap of the target model (domain/roadmap.ts).
 */
function stagesDone(m: Monitoring): number {
  const ticked = new Set((m.programme?.fields.stages ?? []).filter((s) => s.done).map((s) => s.key));
  return ROADMAP_STAGES.filter((s) => ticked.has(s.key) || stageProgress(s.key, m.roadmap).percent === 100)
    .length;
}

/**
 * A school's figures as of `today` (YYYY-MM-DD). `previous`: the basis the school's summary keeps
 * (`satisfactionBasis`), if any. `hide` turns an answer (`personId answer`) into what the summary keeps of
 * it: the district reads the summary whole, so the server keeps a keyed hash, never the answer.
 * Source of the satisfaction figures: the final questionnaires when at least MIN_AGGREGATE answered, else
 * the interim one (the target model's monitoring).
 */
export function schoolFigures(
  m: Monitoring,
  today: string,
  previous: unknown = undefined,
  hide: (answer: string) => string = (answer) => answer,
): Figures {
  const d = dashboardOf(m, today);
  const { basis, shown } = release(m, readBasis(previous), hide);
  const p = m.programme?.fields;
  return {
    schoolYear: p?.schoolYear ?? null,
    studentsTotal: p?.studentsTotal ?? 0,
    teachersTotal: p?.teachersTotal ?? 0,
    targetShare: d.coverage.target,
    studentsIn: d.coverage.studentsIn,
    teachersIn: d.coverage.teachersIn,
    coverageStudents: d.coverage.students,
    coverageTeachers: d.coverage.teachers,
    coverageAll: d.coverage.all,
    pairs: d.pairs,
    workingPairs: d.workingPairs,
    meetings: d.meetings,
    satisfactionMentees: shown.finalMentee ?? shown.interimMentee ?? null,
    satisfactionMentors: shown.finalMentor ?? shown.interimMentor ?? null,
    satisfactionBasis: basis,
    stagesDone: stagesDone(m),
    stagesTotal: ROADMAP_STAGES.length,
  };
}
