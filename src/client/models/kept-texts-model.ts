// Where each kept text (a conflict copy) belongs: the record it was typed into, by its current title or
// name, a link to the screen that shows it, and whether the text can be written back into that field —
// a top-level text field of a record this viewer may write (a text inside a structure, `answers.x` or
// `history.x`, is copied by hand).
import { checkWrite, mayWriteType, type Viewer, type WriteContext } from '../../domain/access';
import type { SyncedRecord } from '../../domain/record';
import { isRecordType, type RecordType } from '../../domain/record-types';
import { typedFields } from '../../domain/typed-texts';
import type { Queries } from '../db/queries';
import type { Repository } from '../db/repository';
import type { WriteResult } from '../db/types';
import { formatDay } from '../i18n/format';
import { UNSEEN } from './edit-model';

export type KeptTarget = {
  /** The record's title or name now; null when it is not on this device (deleted, or not readable). */
  title: string | null;
  /** Where the record opens; null where no screen shows it. */
  link: string | null;
  /** The text can be written back into its field («Вернуть»). */
  canPutBack: boolean;
};

function titleOf(record: SyncedRecord): string | null {
  const f = record.fields as Record<string, unknown>;
  if (record.type === 'meeting' && typeof f.date === 'string') return formatDay(f.date);
  for (const key of ['title', 'fullName', 'schoolName', 'number', 'signedBy']) {
    if (typeof f[key] === 'string' && f[key]) return f[key] as string;
  }
  return null;
}

/** Whether `field` is a top-level text a user types into, of a type that has it. */
export function isTopLevelText(type: string, field: string): type is RecordType {
  // A text inside a structure is named `<field>.<part>`: only the fields typed whole have no dot.
  return isRecordType(type) && !field.includes('.') && typedFields(type).includes(field);
}

async function placeOf(
  queries: Queries,
  record: SyncedRecord,
  viewer: Viewer,
): Promise<{ link: string | null; ctx: WriteContext }> {
  const f = record.fields as Record<string, unknown>;
  const membership = async (pairId: unknown) => {
    const pair = typeof pairId === 'string' ? await queries.pair(pairId) : undefined;
    return pair
      ? { id: pair.id, mentorId: pair.fields.mentorId ?? '', menteeIds: pair.fields.menteeIds ?? [] }
      : undefined;
  };
  switch (record.type) {
    case 'person':
      return { link: viewer.isCurator ? `/people/${record.id}` : null, ctx: {} };
    case 'consent':
      return { link: viewer.isCurator ? `/people/${f.personId}` : null, ctx: {} };
    case 'pair':
      return { link: `/pair/${record.id}`, ctx: { pair: await membership(record.id) } };
    case 'meeting':
      return { link: `/meeting/${record.id}`, ctx: { pair: await membership(f.pairId) } };
    case 'fitAnswer':
      return { link: `/pair/${f.pairId}`, ctx: { pair: await membership(f.pairId) } };
    case 'plan':
    case 'goal':
    case 'task': {
      const planId = record.type === 'plan' ? record.id : f.planId;
      const plan = typeof planId === 'string' ? await queries.plan(planId) : undefined;
      if (!plan) return { link: null, ctx: {} };
      const link = { id: plan.id, pairId: plan.fields.pairId ?? '', menteeId: plan.fields.menteeId ?? '' };
      return {
        link: `/pair/${link.pairId}/plan/${link.menteeId}`,
        ctx: { plan: link, pair: await membership(link.pairId) },
      };
    }
    case 'formTemplate':
      return { link: viewer.isCurator ? `/forms/${record.id}` : null, ctx: {} };
    case 'order':
      return { link: `/orders/${record.id}`, ctx: {} };
    case 'material':
      return { link: '/materials', ctx: {} };
    case 'programme':
      return { link: '/programme', ctx: {} };
    default:
      return { link: null, ctx: {} };
  }
}

/** The target of each copy, by the copy's id. */
export async function loadKeptTargets(
  queries: Queries,
  viewer: Viewer,
  copies: readonly SyncedRecord<'conflict'>[],
): Promise<Map<string, KeptTarget>> {
  const entries = await Promise.all(
    copies.map(async (c): Promise<[string, KeptTarget]> => {
      const type = c.fields.recordType ?? '';
      const field = c.fields.field ?? '';
      const record = isRecordType(type) ? await queries.record(type, c.fields.recordId ?? '') : undefined;
      if (!record) return [c.id, { title: null, link: null, canPutBack: false }];
      const { link, ctx } = await placeOf(queries, record, viewer);
      const change = { id: record.id, type, fields: { [field]: c.fields.text ?? '' }, stamps: {} };
      const canPutBack =
        isTopLevelText(type, field) &&
        mayWriteType(viewer, type) &&
        checkWrite(viewer, change as never, record, ctx) === null;
      return [c.id, { title: titleOf(record), link, canPutBack }];
    }),
  );
  return new Map(entries);
}

/** Writes a kept text back into its field; the copy stays until the user dismisses it. */
export function putBack(repo: Repository, copy: SyncedRecord<'conflict'>): Promise<WriteResult> {
  const type = copy.fields.recordType ?? '';
  const field = copy.fields.field ?? '';
  if (!isTopLevelText(type, field))
    return Promise.resolve({
      ok: false,
      code: 'invalid',
      reason: `field '${field}' is not a text to put back`,
    });
  // Put back over whatever the record holds now, which the list never showed: written as from a view of
  // nothing, so that the server keeps the text it replaces for its author (edit-model.ts UNSEEN).
  return repo.update(type, copy.fields.recordId ?? '', { [field]: copy.fields.text ?? '' }, UNSEEN);
}
