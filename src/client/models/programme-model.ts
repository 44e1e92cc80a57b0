// The school's programme record: made on the first change, with the roadmap's stages and defaults.
// Defaults are written as defaults (see domain/defaults.ts): they fill only what the record lacks and
// never win over a value typed on this device or another, so typing fast into a new school loses nothing.

import { MENTORING_FORMS } from '../../domain/meeting-series';
import type { SyncedRecord } from '../../domain/record';
import { PROGRAMME_ID } from '../../domain/record-type-names';
import { defaultDeadline, ROADMAP_STAGES } from '../../domain/roadmap';
import { schoolYearOf } from '../../domain/school-year';
import type { Repository, WriteResult } from '../db/repository';
import { UNSEEN } from './edit-model';

export type Stage = { key: string; deadline: string | null; responsible: string | null; done: boolean };

function defaultsFor(today: string) {
  const schoolYear = schoolYearOf(today);
  return {
    schoolName: null,
    directorName: null,
    schoolYear,
    // No totals: a school of 0 students is not a default but a wrong figure. An empty field says «not
    // entered yet» (the dashboard asks for them), and there is no «0» to type next to.
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

/**
 * The school's list of forms of mentoring: the target model's five until the curator writes a list. The
 * programme's screen shows this list too, so that it never reads empty while pairs are offered five.
 */
export function mentoringFormsOf(programme: SyncedRecord<'programme'> | undefined): string[] {
  const own = programme?.fields.forms ?? [];
  return own.length ? own : [...MENTORING_FORMS];
}

export function stagesOf(programme: SyncedRecord<'programme'> | undefined, today: string): Stage[] {
  const saved = programme?.fields.stages ?? [];
  return defaultsFor(today).stages.map((d) => saved.find((s) => s.key === d.key) ?? d);
}

/** Writes settings of the programme, making the record with its defaults on first use. */
/** A count as people type it: digits, grouped by spaces («1 250»); null when it is not one. */
export function parseCount(text: string): number | null {
  const digits = text.replace(/[\s\u00a0\u202f]/g, '');
  return /^\d{1,9}$/.test(digits) ? Number(digits) : null;
}

/** A share in per cent, with or without its sign («70», «70 %»); null unless 0–100. */
export function parsePercent(text: string): number | null {
  const count = parseCount(text.replace(/%\s*$/, ''));
  return count !== null && count <= 100 ? count : null;
}

/**
 * A school year as people write it — «2026-2027», «2026/2027», «2026–2027», «2026/27» — as stored
 * («2026-2027»); null unless its second year follows its first.
 */
export function parseSchoolYear(text: string): string | null {
  const match = /^\s*(\d{4})\s*[-–—/]\s*(\d{4}|\d{2})\s*$/.exec(text);
  if (!match) return null;
  const first = Number(match[1]);
  const given = match[2] as string;
  const second = given.length === 2 ? Math.floor(first / 100) * 100 + Number(given) : Number(given);
  return second === first + 1 ? `${first}-${second}` : null;
}

export function saveProgramme(
  repo: Repository,
  patch: Record<string, unknown>,
  today: string,
  isBehind = false,
): Promise<WriteResult> {
  // Typed over a text that changed meanwhile (another curator's): made as from a view of nothing, so
  // that the server keeps the text it replaces for its author (edit-model.ts UNSEEN).
  return repo.update('programme', PROGRAMME_ID, patch, {
    defaults: defaultsFor(today),
    ...(isBehind ? UNSEEN : {}),
  });
}

/**
 * Changes one roadmap stage. The stages are one field: the change is made to the stages as stored when
 * the write runs, so a quick edit of another stage just before (not yet shown on screen) is kept.
 */
export function saveStage(
  repo: Repository,
  key: string,
  patch: Partial<Stage>,
  today: string,
): Promise<WriteResult> {
  return repo.update(
    'programme',
    PROGRAMME_ID,
    (current) => ({ stages: stagesOf(current, today).map((s) => (s.key === key ? { ...s, ...patch } : s)) }),
    { defaults: defaultsFor(today) },
  );
}
