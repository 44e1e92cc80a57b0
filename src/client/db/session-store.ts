// Enrolment result on the device: the session and the user's own person record.
import { mergeRecords } from '../../domain/merge';
import { isOfType } from '../../domain/record';
import type { EnrolResponse } from '../../domain/sync-contract';
import type { NastavnikDb } from './database';
import { getSession, SESSION_KEY, type Session, setMeta, startPullOver } from './meta';

/**
 * Keeps a new enrolment. A device enrolled before (disconnected, then given a new code) keeps its outbox
 * and drafts, sent under the new sign-in; when the code is another person's, what the device held for the
 * one before leaves it first — all but what waits to be sent.
 */
export async function saveEnrolment(db: NastavnikDb, enrolment: EnrolResponse): Promise<Session> {
  const before = await getSession(db);
  // Loaded only then: the first screens' code carries none of the write path (first-load.test.ts).
  if (before && before.personId !== enrolment.person.id)
    await (await import('./sync-store')).dropProgrammeData(db, before.personId);
  const session: Session = {
    token: enrolment.token,
    personId: enrolment.person.id,
    role: enrolment.role,
    schoolId: enrolment.schoolId,
    deviceId: enrolment.deviceId,
  };
  const people = db.records('person');
  await db.transaction('rw', [people, db.meta], async () => {
    const existing = await people.get(enrolment.person.id);
    const person = existing ? mergeRecords(existing, enrolment.person) : enrolment.person;
    if (isOfType(person, 'person')) await people.put(person);
    await setMeta(db, SESSION_KEY, session);
    await startPullOver(db);
  });
  return session;
}
