// Enrolment result on the device: the session and the user's own person record.
import { mergeRecords } from '../../domain/merge';
import type { EnrolResponse } from '../../domain/sync-contract';
import type { NastavnikDb } from './database';
import { type Session, setMeta } from './meta';

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
    await people.put(existing ? mergeRecords(existing, enrolment.person) : enrolment.person);
    await setMeta(db, 'session', session);
    await setMeta(db, 'cursor', null);
  });
  return session;
}
