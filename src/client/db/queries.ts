// Read-only queries the screens use. They page and count rather than load whole tables, and they
// filter tombstones after toArray(), which lets Dexie read with getAll() instead of walking a cursor.
import type { SyncedRecord } from '../../domain/record';
import type { NastavnikDb } from './database';
import { getSession, getSyncStatus } from './meta';

const live = (r: SyncedRecord | undefined): r is SyncedRecord => r !== undefined && r.deleted === undefined;
const liveOnly = async (rows: Promise<(SyncedRecord | undefined)[]>) => (await rows).filter(live);
const collator = new Intl.Collator('ru');
const byName = (a: SyncedRecord, b: SyncedRecord) =>
  collator.compare(String(a.fields.fullName ?? ''), String(b.fields.fullName ?? ''));

export function createQueries(db: NastavnikDb) {
  return {
    session: async () => (await getSession(db)) ?? null,
    syncStatus: () => getSyncStatus(db),
    outboxCount: () => db.outbox.count(),
    rejected: () => db.rejected.toArray(),
    rejectedCount: () => db.rejected.count(),
    person: (id: string) => db.records('person').get(id),
    people: async () => (await liveOnly(db.records('person').toArray())).sort(byName),
    peopleByIds: (ids: string[]) => liveOnly(db.records('person').bulkGet(ids)),
    consentsOf: (personId: string) =>
      liveOnly(db.records('consent').where('fields.personId').equals(personId).toArray()),
    pair: (id: string) => db.records('pair').get(id),
    pairs: () => liveOnly(db.records('pair').toArray()),
    pairsAsMentor: (personId: string) =>
      liveOnly(db.records('pair').where('fields.mentorId').equals(personId).toArray()),
    pairsAsMentee: (personId: string) =>
      liveOnly(db.records('pair').where('fields.menteeIds').equals(personId).toArray()),
    meeting: (id: string) => db.records('meeting').get(id),
    /** A pair's meetings, newest first. */
    meetingsOfPair: async (pairId: string) =>
      (
        await liveOnly(
          db
            .records('meeting')
            .where('[fields.pairId+fields.date]')
            .between([pairId, ''], [pairId, '\uffff'])
            .toArray(),
        )
      ).reverse(),
    plan: (id: string) => db.records('plan').get(id),
    plansByIds: (ids: string[]) => liveOnly(db.records('plan').bulkGet(ids)),
    plansOfPairs: (pairIds: readonly string[]) =>
      liveOnly(db.records('plan').where('fields.pairId').anyOf(pairIds).toArray()),
    goalsOfPlan: (planId: string) =>
      liveOnly(db.records('goal').where('fields.planId').equals(planId).toArray()),
    tasksOfPlans: (planIds: readonly string[]) =>
      liveOnly(db.records('task').where('fields.planId').anyOf(planIds).toArray()),
    /** Tasks whose due date is before `today` and that are not done. */
    overdueTasks: async (today: string) =>
      (
        await liveOnly(
          db.records('task').where('fields.due').between('0000-01-01', today, true, false).toArray(),
        )
      ).filter((t) => t.fields.status !== 'done'),
    /** Pair ids with a meeting dated from `since` to `until`, read from index keys without loading meetings. */
    pairsMetSince: async (since: string, until: string) => {
      const keys = (await db
        .records('meeting')
        .where('[fields.date+fields.pairId]')
        .between([since, ''], [until, '\uffff'])
        .keys()) as unknown as [string, string][];
      return new Set(keys.map((k) => k[1]));
    },
    fitAnswersOf: (pairId: string) =>
      liveOnly(db.records('fitAnswer').where('fields.pairId').equals(pairId).toArray()),
    unfitAnswers: async () =>
      (await liveOnly(db.records('fitAnswer').toArray())).filter((a) => a.fields.fits === false),
    conflictsOf: (recordId: string) =>
      liveOnly(db.records('conflict').where('fields.recordId').equals(recordId).toArray()),
    counts: async () => ({
      people: (await liveOnly(db.records('person').toArray())).length,
      pairs: (await liveOnly(db.records('pair').toArray())).length,
      meetings: await db
        .records('meeting')
        .filter((m) => m.deleted === undefined)
        .count(),
    }),
    draft: (key: string) => db.drafts.get(key),
  };
}

export type Queries = ReturnType<typeof createQueries>;
