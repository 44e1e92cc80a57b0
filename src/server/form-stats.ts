// Mentors never receive their mentees' individual answers to a closed form; once at least three of
// them have answered, the server keeps a `formStats` record for the mentor: how many answered and the
// average of each scale (and the share of «да» for yes/no questions), nothing more; below three, nothing.
// Each mentee counts once, by their latest sent response: three responses of one pupil (a form
// assigned each term, or sent again and again) are one pupil's answers, never an aggregate. The figures
// grow only in whole cohorts of at least three answers (questionnaires/stats-release.ts).
import { mayReceivePerson, readKeys } from '../domain/access';
import { jsonEqual } from '../domain/canonical-json';
import { type Respondent, releaseStats, type StatsQuestion } from '../domain/questionnaires/stats-release';
import { isOfType, type SyncedRecord } from '../domain/record';
import type { RecordType } from '../domain/record-types';
import { personFacts } from './scope';
import { derivedId } from './secrets';
import type { ServerClock } from './server-clock';
import type { StorageTx } from './storage/storage';

const live = <R extends SyncedRecord>(r: R | undefined): r is R => r !== undefined && r.deleted === undefined;

// Questions are JSON the server only bounds (record-types.ts): an item may be anything.
const isQuestionLike = (q: unknown): q is StatsQuestion => typeof q === 'object' && q !== null;

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
  // A deleted pair keeps only its parents, which do not name its mentor: there is no one to count for;
  // nor is there for a mentor erased (a pair keeps their id until a curator's device changes it).
  const mentorId = pair.fields.mentorId;
  const mentor = mentorId ? (await tx.getRecord(schoolId, mentorId))?.record : undefined;
  return mentorId && mentor?.type === 'person' && mentor.deleted === undefined
    ? { template, mentorId }
    : null;
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
  const latest = new Map<string, { submittedAt: string; answers: Readonly<Record<string, unknown>> }>();
  for (const p of (await tx.findByRef(schoolId, 'pair', mentorId)).filter(
    (x) => live(x) && x.fields.mentorId === mentorId,
  )) {
    // The pair's mentees of today only: one who left takes their answers along (access.ts), and a form
    // given within the pair to anyone else never counts in its mentor's figures.
    const mentees = p.fields.menteeIds ?? [];
    const assignments = (await tx.findByRef(schoolId, 'formAssignment', p.id)).filter(
      (a) => live(a) && a.fields.templateId === template.id && mentees.includes(a.fields.personId as string),
    );
    for (const a of assignments) {
      const personId = a.fields.personId as string;
      // A minor whose parents' consent is missing or withdrawn, or anyone whose record was deleted
      // (access.ts fails closed alike): nothing of theirs reaches the mentor.
      const facts = await personFacts(tx, schoolId, personId);
      if (!facts || !mayReceivePerson(facts)) continue;
      for (const r of await tx.findByRef(schoolId, 'formResponse', a.id)) {
        const submittedAt = r.fields.submittedAt;
        if (!live(r) || typeof submittedAt !== 'string') continue;
        const known = latest.get(personId);
        // As moments, not text: «2026-11-25T12:00:00+03:00» was sent before «2026-11-25T10:00:00Z».
        if (!known || Date.parse(submittedAt) > Date.parse(known.submittedAt))
          latest.set(personId, { submittedAt, answers: r.fields.answers ?? {} });
      }
    }
  }
  const respondents: Respondent[] = [...latest].map(([personId, { answers }]) => ({ personId, answers }));
  const id = derivedId('form-stats', template.id, mentorId);
  const existing = (await tx.getRecord(schoolId, id))?.record;
  const questions = (template.fields.questions ?? []).filter(isQuestionLike);
  const released = releaseStats(existing?.fields, respondents, questions);
  // Nothing released yet and nothing to release: no record. Once made, a record is emptied rather than
  // deleted when too few answers are left, so that it can fill again (a tombstone would win for good).
  if (!existing && released.responses === 0 && Object.keys(released.averages).length === 0) return;
  const fields = { templateId: template.id, mentorId, ...released };
  if (existing && jsonEqual(existing.fields, fields)) return;
  const s = clock.stampPast(existing);
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
