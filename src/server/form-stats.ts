// Mentors never receive their mentees' individual answers to a closed form; once at least three of
// them have answered, the server keeps a `formStats` record for the mentor: how many answered and the
// average of each scale (and the share of «да» for yes/no questions), nothing more; below three, nothing.
// Each mentee counts once, by their latest sent response: three responses of one pupil (a form
// assigned each term, or sent again and again) are one pupil's answers, never an aggregate.
import { mayReceivePerson, readKeys } from '../domain/access';
import { jsonEqual } from '../domain/canonical-json';
import { average, MIN_AGGREGATE } from '../domain/questionnaires/results';
import { isOfType, type SyncedRecord } from '../domain/record';
import type { RecordType } from '../domain/record-types';
import { personFacts } from './scope';
import { derivedId } from './secrets';
import type { ServerClock } from './server-clock';
import type { StorageTx } from './storage/storage';

const live = <R extends SyncedRecord>(r: R | undefined): r is R => r !== undefined && r.deleted === undefined;

type QuestionLike = { id?: unknown; kind?: unknown };
// Questions are JSON the server only bounds (record-types.ts): an item may be anything.
const isQuestionLike = (q: unknown): q is QuestionLike => typeof q === 'object' && q !== null;

function averagesOf(
  questions: readonly QuestionLike[],
  answers: readonly Record<string, unknown>[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const q of questions) {
    if (typeof q.id !== 'string') continue;
    const given = answers.map((a) => a[q.id as string]);
    // Each question on its own needs three who answered it: an average of one pupil's answer is theirs.
    if (q.kind === 'scale') {
      const numbers = given.filter((x): x is number => typeof x === 'number');
      const value = numbers.length >= MIN_AGGREGATE ? average(numbers) : null;
      if (value !== null) out[q.id] = value;
    } else if (q.kind === 'yesNo') {
      const yesNo = given.filter((x): x is boolean => typeof x === 'boolean');
      if (yesNo.length >= MIN_AGGREGATE)
        out[q.id] = Math.round((yesNo.filter(Boolean).length / yesNo.length) * 100);
    }
  }
  return out;
}

/** The record `id` if it is a `type` (deleted or not). */
async function get<T extends RecordType>(
  tx: StorageTx,
  schoolId: string,
  id: string | null | undefined,
  type: T,
): Promise<SyncedRecord<T> | undefined> {
  const record = id ? (await tx.getRecord(schoolId, id))?.record : undefined;
  return record && isOfType(record, type) ? record : undefined;
}

/** What a response counts in: its template's statistics for its pair's mentor (null: none are kept). */
export type StatsSubject = { template: SyncedRecord<'formTemplate'>; mentorId: string };

/** The statistics `response` counts in, if any (a closed form about a pair that has a mentor). */
export async function statsSubjectOf(
  tx: StorageTx,
  schoolId: string,
  response: SyncedRecord<'formResponse'>,
): Promise<StatsSubject | null> {
  const assignment = await get(tx, schoolId, response.fields.assignmentId, 'formAssignment');
  const pair = await get(tx, schoolId, assignment?.fields.pairId, 'pair');
  const template = await get(tx, schoolId, assignment?.fields.templateId, 'formTemplate');
  if (!live(assignment) || !pair || !template || template.fields.visibleToMentor === true) return null;
  // A deleted pair keeps only its parents, which do not name its mentor: there is no one to count for.
  const mentorId = pair.fields.mentorId;
  return mentorId ? { template, mentorId } : null;
}

/**
 * Recomputes the statistics of `template` for `mentorId` from the sent responses of the mentor's
 * mentees: once per push that sent any (sync-service.ts), never once per response, so that a push of
 * many responses reads the mentor's responses once.
 */
export async function refreshFormStats(
  tx: StorageTx,
  clock: ServerClock,
  schoolId: string,
  { template, mentorId }: StatsSubject,
): Promise<void> {
  // Each respondent's latest sent response.
  const latest = new Map<string, { submittedAt: string; answers: Record<string, unknown> }>();
  for (const p of (await tx.findByRef(schoolId, 'pair', mentorId)).filter(
    (x) => live(x) && x.fields.mentorId === mentorId,
  )) {
    const assignments = (await tx.findByRef(schoolId, 'formAssignment', p.id)).filter(
      (a) => live(a) && a.fields.templateId === template.id && a.fields.personId !== mentorId,
    );
    for (const a of assignments) {
      const personId = a.fields.personId as string;
      // A minor whose parents' consent is missing or withdrawn: nothing of theirs reaches the mentor.
      const facts = await personFacts(tx, schoolId, personId);
      if (facts && !mayReceivePerson(facts)) continue;
      for (const r of await tx.findByRef(schoolId, 'formResponse', a.id)) {
        const submittedAt = r.fields.submittedAt;
        if (!live(r) || typeof submittedAt !== 'string') continue;
        const known = latest.get(personId);
        if (!known || submittedAt > known.submittedAt)
          latest.set(personId, { submittedAt, answers: r.fields.answers ?? {} });
      }
    }
  }
  const answers = [...latest.values()].map((x) => x.answers);
  const id = derivedId('form-stats', template.id, mentorId);
  const existing = (await tx.getRecord(schoolId, id))?.record;
  // Below three respondents there is nothing to show: the record (if any) is emptied, not deleted, so that
  // it can fill again later (a tombstone would win on every device for good).
  const isEnough = answers.length >= MIN_AGGREGATE;
  if (!isEnough && !existing) return;
  const questions = (template.fields.questions ?? []).filter(isQuestionLike);
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
