// What a person's erasure takes along on the server (docs/sync-protocol.md, "Deleted records are
// erased"). The curator's app deletes the person's records one by one before the person
// (people-model.ts erasePerson), but an older app, or a second curator's device that never held some of
// them, may leave any behind: the server finishes the job when the person's own delete arrives,
// whatever came before it.
import { randomUUID } from 'node:crypto';
import { forgetInBasis } from '../domain/district-summary';
import { stripTombstone } from '../domain/merge';
import { forgetRespondent } from '../domain/questionnaires/stats-release';
import { isOfType, type SyncedRecord } from '../domain/record';
import type { RecordType } from '../domain/record-types';
import { summaryHider } from './district-service';
import { refreshFormStats } from './form-stats';
import { DISTRICT_ID } from './namespaces';
import { derivedId } from './secrets';
import type { StoredRow } from './storage/storage';
import { type PushSession, withParents } from './sync-session';

/**
 * Erases everything of `personId` (just deleted) that is still live: their consents, their fit answers,
 * their IDPs (plans made for them as a mentee, with goals and tasks), the forms given to them with their
 * answers; the conflict copies of texts they typed or that others typed into those records (kept for
 * them or for curators); their id beside their answers in the basis of a mentor's form statistics and
 * (with each answer that leaves) of the school's summary for the district; and
 * their devices (revoked, the names typed at enrolment blanked) and unused invites.
 * Each record is deleted as a device's delete would be (kept without its fields, under its keys), so
 * every device that holds it is told. Source: 152-ФЗ art. 9 (consent withdrawn: the data is destroyed).
 */
export async function eraseWithPerson(session: PushSession, personId: string): Promise<void> {
  const { tx, caller } = session;
  const school = caller.schoolId;
  // Read live earlier in this push (a meeting's attendance), it is read again, deleted.
  session.forget(personId);
  const find = (type: RecordType, id: string) => tx.findByRef(school, type, id);
  const plans = (await find('plan', personId)).filter(
    (p) => p.deleted !== undefined || p.fields.menteeId === personId,
  );
  const assignments = await find('formAssignment', personId);
  const theirs: SyncedRecord[] = [
    ...(await find('consent', personId)),
    ...(await find('fitAnswer', personId)),
    ...plans,
    ...assignments,
  ];
  for (const plan of plans) theirs.push(...(await find('goal', plan.id)), ...(await find('task', plan.id)));
  // A mentor's figures of their mentees' answers name them (mentorId): they go with the mentor.
  theirs.push(
    ...(await find('formStats', personId)).filter(
      (x) => x.deleted !== undefined || x.fields.mentorId === personId,
    ),
  );
  for (const assignment of assignments) theirs.push(...(await find('formResponse', assignment.id)));
  const copies = new Map<string, SyncedRecord>();
  for (const id of [personId, ...theirs.map((r) => r.id)])
    for (const copy of await find('conflict', id)) copies.set(copy.id, copy);
  for (const record of [...theirs, ...copies.values()])
    if (record.deleted === undefined) await tombstone(session, record.id);
  // Who came to a group's meeting is data about them; the meeting stays the group's. Every meeting is
  // looked at: their pairs may have let them go before (the curator's app does), and a pair's meetings
  // are not indexed by its former members. An erasure is rare; a school has some thousands of meetings.
  for (const meeting of await tx.listByType(school, 'meeting'))
    if (meeting.deleted === undefined && meeting.fields.attendance?.includes(personId))
      await pruneAttendance(session, meeting);
  await forgetInStats(session, personId, assignments);
  await tx.forgetDevicesOf(school, personId, new Date(session.clock.now()).toISOString());
}

/**
 * Erases the live meetings and «Подходит ли пара?» answers of `pairId` (just deleted), with the conflict
 * copies of texts typed into them: a deleted pair's records belong to nothing any more, and their texts
 * are about its people — left, a mentor's notes about an erased only mentee stayed in the curator's
 * search, backups and monthly figures. The curator's app deletes them itself before the pair
 * (people-model.ts erasePerson).
 */
export async function eraseWithPair(session: PushSession, pairId: string): Promise<void> {
  const { tx, caller } = session;
  const ofPair = (records: SyncedRecord[]) =>
    records.filter((r) => r.deleted === undefined && r.fields.pairId === pairId);
  const records = [
    ...ofPair(await tx.findByRef(caller.schoolId, 'meeting', pairId)),
    ...ofPair(await tx.findByRef(caller.schoolId, 'fitAnswer', pairId)),
  ];
  for (const record of records) {
    for (const copy of await tx.findByRef(caller.schoolId, 'conflict', record.id))
      if (copy.deleted === undefined) await tombstone(session, copy.id);
    await tombstone(session, record.id);
  }
}

/**
 * The fields (`<type>.<field>`) the server writes in its own name into records under ids it does not
 * derive, besides their delete (an erasure's): a school's own backup holds them (restore-service.ts).
 */
export const SERVER_STAMPED_FIELDS: readonly string[] = ['meeting.attendance'];

/**
 * Takes out of the attendance of `meeting` (as stored) the people erased, and those `mayStay` says
 * no to, as the server's change stamped after every stamp of the meeting (the meeting's other fields
 * are kept; every device is sent the list). After a person's erasure; and after a device's write, whose
 * list may add only the pair's mentees — so that no one can name anyone else there and watch whether
 * the server takes them out (which would tell them who was erased) — and put back no one erased: a
 * device that had not heard of an erasure sends the list it had.
 */
export async function pruneAttendance(
  session: PushSession,
  meeting: SyncedRecord,
  mayStay: (personId: string) => boolean = () => true,
): Promise<void> {
  const attendance = meeting.deleted === undefined ? meeting.fields.attendance : undefined;
  if (!Array.isArray(attendance)) return;
  const kept: unknown[] = [];
  for (const personId of attendance) {
    if (typeof personId !== 'string' || !mayStay(personId)) continue;
    const person = await session.parent(personId);
    if (person?.record.type !== 'person' || person.record.deleted === undefined) kept.push(personId);
  }
  if (kept.length === attendance.length) return;
  const school = session.caller.schoolId;
  const row = await session.tx.getRecord(school, meeting.id);
  if (row) await putField(session, school, row, 'attendance', kept);
}

/** Deletes the stored record `id` in the server's name: fields erased, keys and parents kept. */
async function tombstone(session: PushSession, id: string): Promise<void> {
  const { tx, caller, clock } = session;
  const row = await tx.getRecord(caller.schoolId, id);
  if (!row || row.record.deleted !== undefined) return;
  if (row.record.type === 'formResponse') await forgetAnswerInSummary(session, row);
  session.forget(id);
  await tx.putRecord(
    caller.schoolId,
    {
      ...row,
      record: stripTombstone({ ...row.record, deleted: clock.stampPast(row.record) }),
      fieldRevs: { ...row.fieldRevs, deleted: 0 },
      writers: {},
    },
    null,
    null,
  );
}

/**
 * The form statistics of the forms given to the person: their id leaves each basis (under a random
 * alias, stats-release.ts forgetRespondent), and the figures are recomputed without them.
 */
async function forgetInStats(session: PushSession, personId: string, assignments: readonly SyncedRecord[]) {
  const { tx, caller, clock } = session;
  const school = caller.schoolId;
  const templates = new Set<string>();
  for (const a of assignments) {
    const templateId = (await tx.getRecord(school, a.id))?.parents?.templateId ?? a.fields.templateId;
    if (typeof templateId === 'string') templates.add(templateId);
  }
  const alias = `erased-${randomUUID()}`;
  for (const templateId of templates) {
    const template = (await tx.getRecord(school, templateId))?.record;
    if (!template || !isOfType(template, 'formTemplate')) continue;
    for (const stats of await tx.findByRef(school, 'formStats', templateId)) {
      const row = await tx.getRecord(school, stats.id);
      const mentorId = stats.fields.mentorId;
      if (!row || stats.deleted !== undefined || typeof mentorId !== 'string') continue;
      const basis = forgetRespondent(stats.fields.basis, personId, alias);
      if (basis === null) continue;
      await putField(session, school, row, 'basis', basis);
      await refreshFormStats(tx, clock, school, { template, mentorId });
    }
  }
}

/** `row` (of `schoolId`'s namespace) with its field `name` set to `value`, as the server's change of it. */
async function putField(
  session: PushSession,
  schoolId: string,
  row: StoredRow,
  name: string,
  value: unknown,
): Promise<void> {
  const record = {
    ...row.record,
    fields: { ...row.record.fields, [name]: value },
    stamps: { ...row.record.stamps, [name]: session.clock.stampPast(row.record) },
  };
  await session.tx.putRecord(
    schoolId,
    { ...row, record, fieldRevs: { ...row.fieldRevs, [name]: 0 } },
    null,
    null,
  );
}

/**
 * A sent response leaving (deleted, or erased with its respondent): the school's summary for the
 * district keeps keyed hashes of `<questionnaire> <person> <answer>` (district-service.ts
 * summaryHider), and those of this response's answers are put under fresh random ones
 * (district-summary.ts forgetInBasis) — with the server's key, an erased pupil's answer could be read
 * back by trying ten values. A figure still counts the answer as one that left, and stays as it was.
 * `response`: the stored row before its delete, with its answers.
 */
export async function forgetAnswerInSummary(session: PushSession, response: StoredRow): Promise<void> {
  const { tx, caller } = session;
  const school = caller.schoolId;
  const { answers, assignmentId } = withParents(response).fields;
  const values = Object.values(typeof answers === 'object' && answers !== null ? answers : {}).filter(
    (a): a is number => Number.isSafeInteger(a),
  );
  const assignment = typeof assignmentId === 'string' ? await session.parent(assignmentId) : undefined;
  const personId = assignment && withParents(assignment).fields.personId;
  if (values.length === 0 || typeof personId !== 'string') return;
  // Before the summary is read: a refresh of it (district-service.ts) must not write back what it read
  // before this change.
  await tx.lockSchool(DISTRICT_ID);
  const row = await tx.getRecord(DISTRICT_ID, derivedId('school-summary', school));
  if (!row || row.record.deleted !== undefined) return;
  const hide = await summaryHider(tx, school);
  const alias = () => hide(`erased ${randomUUID()}`);
  const basis = forgetInBasis(row.record.fields.satisfactionBasis, personId, values, hide, alias);
  if (basis === null) return;
  await putField(session, DISTRICT_ID, row, 'satisfactionBasis', basis);
}
