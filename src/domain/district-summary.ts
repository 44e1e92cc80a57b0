// What the municipality sees of a school: the monitoring figures of the target model side by side with
// the other schools — coverage against the target share, pairs working, meetings held, satisfaction,
// roadmap stages done. Counts and averages only: no name, no answer of anyone; an average of fewer than
// three responses is withheld, as for mentors' statistics (forms/results.ts MIN_AGGREGATE).

import { dashboardOf, type Monitoring } from './monitoring-facts';
import { MIN_AGGREGATE } from './questionnaires/results';
import type { SchoolSummaryFields } from './record-types';
import { ROADMAP_STAGES, stageProgress } from './roadmap';

type Figures = Omit<SchoolSummaryFields, 'schoolId' | 'schoolName' | 'computedAt' | 'sourceRev'>;

/** The final questionnaires' average when enough were answered, else the interim one's, else null. */
function satisfactionOf(
  final: { average: number | null; responses: number },
  interim: { average: number | null; responses: number },
): number | null {
  if (final.responses >= MIN_AGGREGATE) return final.average;
  if (interim.responses >= MIN_AGGREGATE) return interim.average;
  return null;
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

/** A school's figures as of `today` (YYYY-MM-DD). */
export function schoolFigures(m: Monitoring, today: string): Figures {
  const d = dashboardOf(m, today);
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
    satisfactionMentees: satisfactionOf(m.satisfaction.finalMentee, m.satisfaction.interimMentee),
    satisfactionMentors: satisfactionOf(m.satisfaction.finalMentor, m.satisfaction.interimMentor),
    stagesDone: stagesDone(m),
    stagesTotal: ROADMAP_STAGES.length,
  };
}
