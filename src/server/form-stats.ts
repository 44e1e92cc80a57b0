// Mentors never receive their mentees' individual answers to a closed form; once at least three have
// answered, the server keeps a `formStats` record for the mentor: the number of responses and the
// average of each scale (and the share of «да» for yes/no questions), nothing more; below three, nothing.
import { readKeys } from '../domain/access';
import { jsonEqual } from '../domain/canonical-json';
import { average, MIN_AGGREGATE } from '../domain/forms/results';
import type { SyncedRecord } from '../domain/record';
import { derivedId } from './secrets';
import type { ServerClock } from './server-clock';
import type { StorageTx } from './storage/storage';

const live = (r: SyncedRecord | undefined): r is SyncedRecord => r !== undefined && r.deleted === undefined;

type QuestionLike = { id?: unknown; kind?: unknown };

function averagesOf(
  questions: readonly QuestionLike[],
  answers: readonly Record<string, unknown>[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const q of questions) {
    if (typeof q.id !== 'string') continue;
    const given = answers.map((a) => a[q.id as string]);
    if (q.kind === 'scale') {
      const value = average(given.filter((x): x is number => typeof x === 'number'));
      if (value !== null) out[q.id] = value;
    } else if (q.kind === 'yesNo') {
      const yesNo = given.filter((x): x is boolean => typeof x === 'boolean');
      if (yesNo.length) out[q.id] = Math.round((yesNo.filter(Boolean).length / yesNo.length) * 100);
    }
  }
  return out;
}

async function get(tx: StorageTx, schoolId: string, id: unknown): Promise<SyncedRecord | undefined> {
  return typeof id === 'string' ? (await tx.getRecord(schoolId, id))?.record : undefined;
}

/** Recomputes the statistics a response counts in (its template, its pair's mentor). */
export async function refreshFormStats(
  tx: StorageTx,
  clock: ServerClock,
  schoolId: string,
  response: SyncedRecord,
): Promise<void> {
  const assignment = await get(tx, schoolId, response.fields.assignmentId);
  const pair = await get(tx, schoolId, assignment?.fields.pairId);
  const template = await get(tx, schoolId, assignment?.fields.templateId);
  if (!live(assignment) || !pair || !template || template.fields.visibleToMentor === true) return;
  const mentorId = String(pair.fields.mentorId);
  const answers: Record<string, unknown>[] = [];
  for (const p of (await tx.findByRef(schoolId, 'pair', mentorId)).filter(
    (x) => live(x) && x.fields.mentorId === mentorId,
  )) {
    const assignments = (await tx.findByRef(schoolId, 'formAssignment', p.id)).filter(
      (a) => live(a) && a.fields.templateId === template.id && a.fields.personId !== mentorId,
    );
    for (const a of assignments) {
      for (const r of await tx.findByRef(schoolId, 'formResponse', a.id)) {
        if (live(r) && r.fields.submittedAt)
          answers.push((r.fields.answers as Record<string, unknown>) ?? {});
      }
    }
  }
  const id = derivedId('form-stats', template.id, mentorId);
  const existing = (await tx.getRecord(schoolId, id))?.record;
  // Below three responses there is nothing to show: the record (if any) is emptied, not deleted, so that
  // it can fill again later (a tombstone would win on every device for good).
  const isEnough = answers.length >= MIN_AGGREGATE;
  if (!isEnough && !existing) return;
  const questions = Array.isArray(template.fields.questions)
    ? (template.fields.questions as QuestionLike[])
    : [];
  const fields = {
    templateId: template.id,
    mentorId,
    responses: isEnough ? answers.length : 0,
    averages: isEnough ? averagesOf(questions, answers) : {},
  };
  if (existing && jsonEqual(existing.fields, fields)) return;
  const s = clock.stamp();
  const record: SyncedRecord = {
    id,
    type: 'formStats',
    fields,
    stamps: Object.fromEntries(Object.keys(fields).map((k) => [k, s])),
  };
  const fieldRevs = Object.fromEntries(Object.keys(fields).map((k) => [k, 0]));
  await tx.putRecord(
    schoolId,
    { record, fieldRevs, parents: { templateId: template.id, mentorId } },
    readKeys(record),
    [template.id, mentorId],
  );
}
