// The school's programme record: made on the first change, with the roadmap's stages and defaults.
import { MENTORING_FORMS } from '../../../domain/meeting-series';
import type { SyncedRecord } from '../../../domain/record';
import { PROGRAMME_ID } from '../../../domain/record-types';
import { defaultDeadline, ROADMAP_STAGES, schoolYearOf } from '../../../domain/roadmap';
import type { Repository, WriteResult } from '../../db/repository';

export type Stage = { key: string; deadline: string | null; responsible: string | null; done: boolean };

export function defaultsFor(today: string) {
  const schoolYear = schoolYearOf(today);
  return {
    schoolName: null,
    directorName: null,
    schoolYear,
    studentsTotal: 0,
    teachersTotal: 0,
    targetShare: 70,
    forms: [...MENTORING_FORMS],
    stages: ROADMAP_STAGES.map((s) => ({
      key: s.key,
      deadline: defaultDeadline(s, schoolYear),
      responsible: s.responsible,
      done: false,
    })),
  };
}

export function stagesOf(programme: SyncedRecord | undefined, today: string): Stage[] {
  const saved = (programme?.fields.stages as Stage[] | undefined) ?? [];
  return defaultsFor(today).stages.map((d) => saved.find((s) => s.key === d.key) ?? d);
}

export function saveProgramme(
  repo: Repository,
  programme: SyncedRecord | undefined,
  patch: Record<string, unknown>,
  today: string,
): Promise<WriteResult> {
  if (!programme) return repo.create('programme', { ...defaultsFor(today), ...patch }, PROGRAMME_ID);
  return repo.update('programme', PROGRAMME_ID, patch);
}
