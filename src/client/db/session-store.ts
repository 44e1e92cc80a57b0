// Enrolment result on the device: the session and the user's own person record.
import { mergeRecords } from '../../domain/merge';
import { isOfType } from '../../domain/record';
import type { EnrolResponse } from '../../domain/sync-contract';
import type { NastavnikDb } from './database';
import { browserStorage, type MirrorStorage } from './draft-mirror';
import { dropEveryDraftCopy } from './drafts';
import { getSession, SESSION_KEY, type Session, setMeta, startPullOver } from './meta';

/**
 * Keeps a new enrolment. A device enrolled before (disconnected, then given a new code for the same
 * person) keeps its outbox and drafts, sent under the new sign-in. When the code is another person's,
 * everything the device held for the one before leaves it first — their unsent typing, drafts and
 * refused changes too: sent under the new person's sign-in they would be that person's writes (or
 * refused, and shown to them), and a school's phone handed on would show one mentor's notes about a
 * pupil to the next (the sign-in screen says so before the code is entered). `copies`: where the
 * drafts' saves wait (drafts.ts; localStorage unless a test gives its own).
 */
export async function saveEnrolment(
  db: NastavnikDb,
  enrolment: EnrolResponse,
  copies: MirrorStorage | null = browserStorage(),
): Promise<Session> {
  const before = await getSession(db);
  if (before && before.personId !== enrolment.person.id) await wipeDevice(db, copies);
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

/** Empties every table of the device's database: records, outbox, refused changes, drafts, search, meta. */
async function wipeDevice(db: NastavnikDb, copies: MirrorStorage | null): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) await table.clear();
  });
  // And the copies of drafts' saves a reload cut off, which the next start would restore.
  dropEveryDraftCopy(copies);
}
