import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStorage } from '../../../tests/support/memory-storage';
import type { SyncedRecord } from '../../domain/record';
import type { EnrolResponse } from '../../domain/sync-contract';
import { NastavnikDb } from './database';
import { keepCopy, leftCopies } from './draft-mirror';
import { createDrafts } from './drafts';
import { getSession } from './meta';
import { createRepository } from './repository';
import { saveEnrolment } from './session-store';

let db: NastavnikDb;
afterEach(() => db?.close());

const stamp = '2026-11-01T10:00:00.000Z_0000_server';
const person = (id: string, fullName: string): SyncedRecord => ({
  id,
  type: 'person',
  fields: { fullName, kind: 'teacher' },
  stamps: { fullName: stamp, kind: stamp },
});
const enrolment = (personId: string, fullName: string, token: string): EnrolResponse => ({
  token,
  person: person(personId, fullName),
  role: 'mentor',
  schoolId: 'school',
  deviceId: `device-${token}`,
});
const MENTOR = '0193a3f0-0000-7000-8000-0000000000a1';
const NEXT = '0193a3f0-0000-7000-8000-0000000000b2';
const PAIR = '0193a3f0-0000-7000-8000-000000000001';

/** A device signed in as MENTOR, with a meeting typed and not sent, and a form's draft. */
async function deviceWithUnsentMeeting() {
  db = new NastavnikDb(`session-${Math.random()}`, { indexedDB, IDBKeyRange });
  await saveEnrolment(db, enrolment(MENTOR, 'Наставникова Анна', 'first'));
  const notes = 'Стесняется, говорит тихо. Мама просила не вызывать к доске.';
  await createRepository(db).create('meeting', { pairId: PAIR, date: '2026-11-25', kind: 'regular', notes });
  await createDrafts(db).save(`meeting:new:${PAIR}`, { notes: 'Черновик о встрече' });
  return notes;
}

describe('signing a device in again', () => {
  it('with the same person’s new code keeps what waits to be sent and the drafts', async () => {
    const notes = await deviceWithUnsentMeeting();
    await saveEnrolment(db, enrolment(MENTOR, 'Наставникова Анна', 'second'));
    expect((await getSession(db))?.token).toBe('second');
    const waiting = await db.outbox.toArray();
    expect(waiting.map((e) => e.change.fields.notes)).toEqual([notes]);
    expect(await db.drafts.count()).toBe(1);
  });

  it('with another person’s code leaves nothing of the one before: no unsent notes, drafts or records', async () => {
    await deviceWithUnsentMeeting();
    await saveEnrolment(db, enrolment(NEXT, 'Следующий Борис', 'other'));
    expect((await getSession(db))?.personId).toBe(NEXT);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.drafts.count()).toBe(0);
    expect(await db.records('meeting').count()).toBe(0);
    expect((await db.records('person').toArray()).map((p) => p.id)).toEqual([NEXT]);
  });

  it('with another person’s code drops the copies of drafts a reload cut off; with the same person’s, keeps them', async () => {
    await deviceWithUnsentMeeting();
    const copies = memoryStorage();
    const cutOff = {
      key: `meeting:new:${PAIR}`,
      value: { notes: 'Недописанное' },
      context: null,
      token: 't',
    };
    keepCopy(copies, cutOff);
    await saveEnrolment(db, enrolment(MENTOR, 'Наставникова Анна', 'second'), copies);
    expect(leftCopies(copies).map((c) => c.value)).toEqual([cutOff.value]);
    await saveEnrolment(db, enrolment(NEXT, 'Следующий Борис', 'other'), copies);
    expect(leftCopies(copies)).toEqual([]);
  });
});
