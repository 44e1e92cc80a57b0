// A pair's life: proposed → approved (by an order) → active → finished, or ended early with a reason.
// Each change is added to the pair's history.

import type { Fields, SyncedRecord } from '../../domain/record';
import { PROGRAMME_ID } from '../../domain/record-type-names';
import type { PairStatus } from '../../domain/record-types';
import type { DraftEnd } from '../db/drafts';
import type { Queries } from '../db/queries';
import type { Repository, WriteResult } from '../db/repository';
import type { Step } from '../db/undo';
import { mentoringFormsOf } from './programme-model';

/** A status change as an undoable step: `before` holds what the change overwrites. */
export function statusChange(
  pair: SyncedRecord<'pair'>,
  status: PairStatus,
  today: string,
  note: string | null = null,
): Step {
  const after = statusFields(pair, status, today, note);
  // A pair made before history was kept has none: undo leaves it an empty one (the field is a list).
  const fields: Fields = pair.fields;
  const before = Object.fromEntries(
    Object.keys(after).map((k) => [k, fields[k] ?? (k === 'history' ? [] : null)]),
  );
  return { op: 'update', type: 'pair', id: pair.id, before, after };
}

function statusFields(pair: SyncedRecord<'pair'>, status: PairStatus, today: string, note: string | null) {
  const history = [...(pair.fields.history ?? []), { date: today, status, note }];
  return {
    status,
    history,
    ...(status === 'ended' ? { endReason: note } : {}),
    ...(status === 'active' && !pair.fields.startDate ? { startDate: today } : {}),
  };
}

/**
 * Moves a pair to `status`, adding the change to its history. The history is extended as stored when the
 * write runs, so a change made just before (not yet on screen) stays in it.
 */
export function setPairStatus(
  repo: Repository,
  pair: SyncedRecord<'pair'>,
  status: PairStatus,
  today: string,
  note: string | null = null,
  extra: Record<string, unknown> = {},
): Promise<WriteResult> {
  // Built on the pair as stored when the write runs, so a change made just before stays in its history.
  return repo.update('pair', pair.id, (current) => ({
    ...statusFields(current ?? pair, status, today, note),
    ...extra,
  }));
}

export function createPair(
  repo: Repository,
  fields: { mentorId: string; menteeIds: string[]; form: string; replacesId?: string | null },
  today: string,
  endsDraft?: DraftEnd,
): Promise<WriteResult> {
  return repo.create(
    'pair',
    {
      mentorId: fields.mentorId,
      menteeIds: fields.menteeIds,
      form: fields.form,
      status: 'proposed',
      startDate: null,
      replacesId: fields.replacesId ?? null,
      history: [{ date: today, status: 'proposed', note: null }],
    },
    undefined,
    { endsDraft },
  );
}

export function loadMentoringForms(queries: Queries): Promise<string[]> {
  return queries.programme(PROGRAMME_ID).then(mentoringFormsOf);
}

/** The likely form for a mentor and a mentee, from who they are. */
export function guessMentoringForm(
  mentor: SyncedRecord<'person'> | undefined,
  mentee: SyncedRecord<'person'> | undefined,
  forms: readonly string[],
): string {
  const side = (p: SyncedRecord<'person'> | undefined) =>
    p?.fields.kind === 'teacher' ? 'учитель' : 'ученик';
  const wanted = `${side(mentor)}–${side(mentee)}`;
  return forms.includes(wanted) ? wanted : (forms[0] ?? wanted);
}
