// Enrolment result on the device: the session and the user's own person record.
import { mergeRecords } from '../../domain/merge';
import { isOfType } from '../../domain/record';
import type { EnrolResponse } from '../../domain/sync-contract';
import type { NastavnikDb } from './database';
import { SESSION_KEY, type Session, setMeta, startPullOver } from './meta';

export async function saveEnrolment(db: NastavnikDb, enrolment: EnrolResponse): Promise<Session> {
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
