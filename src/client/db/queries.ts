// Read-only queries the screens use. They page and count rather than load whole tables.
import type { SyncedRecord } from '../../domain/record';
import type { NastavnikDb } from './database';
import { getSession, getSyncStatus } from './meta';

const live = (r: SyncedRecord) => r.deleted === undefined;

export function createQueries(db: NastavnikDb) {
  return {
    session: async () => (await getSession(db)) ?? null,
    syncStatus: () => getSyncStatus(db),
    outboxCount: () => db.outbox.count(),
    rejected: () => db.rejected.toArray(),
    rejectedCount: () => db.rejected.count(),
    person: (id: string) => db.records('person').get(id),
    people: async () => (await db.records('person').toArray()).filter(live).sort(byName),
    peopleByIds: async (ids: string[]) =>
      (await db.records('person').bulkGet(ids)).filter((p): p is SyncedRecord => !!p),
    consentsOf: (personId: string) =>
      db.records('consent').where('fields.personId').equals(personId).filter(live).toArray(),
    pair: (id: string) => db.records('pair').get(id),
    pairs: async () => (await db.records('pair').toArray()).filter(live),
    pairsAsMentor: (personId: string) =>
      db.records('pair').where('fields.mentorId').equals(personId).filter(live).toArray(),
    pairsAsMentee: (personId: string) =>
      db.records('pair').where('fields.menteeIds').equals(personId).filter(live).toArray(),
    meeting: (id: string) => db.records('meeting').get(id),
    /** A pair's meetings, newest first. */
    meetingsOfPair: (pairId: string) =>
      db
        .records('meeting')
        .where('[fields.pairId+fields.date]')
        .between([pairId, ''], [pairId, '\uffff'])
        .reverse()
        .filter(live)
        .toArray(),
    plansOfPairs: (pairIds: readonly string[]) =>
      db.records('plan').where('fields.pairId').anyOf(pairIds).filter(live).toArray(),
    plan: (id: string) => db.records('plan').get(id),
    goalsOfPlan: (planId: string) =>
      db.records('goal').where('fields.planId').equals(planId).filter(live).toArray(),
    tasksOfPlans: (planIds: readonly string[]) =>
      db.records('task').where('fields.planId').anyOf(planIds).filter(live).toArray(),
    /** Tasks whose due date is before `today` and that are not done. */
    overdueTasks: (today: string) =>
      db
        .records('task')
        .where('fields.due')
        .between('0000-01-01', today, true, false)
        .filter((t) => live(t) && t.fields.status !== 'done')
        .toArray(),
    /** Pair ids with a meeting on or after `since` (held or planned). */
    pairsMetSince: async (since: string) => {
      const ids = new Set<string>();
      await db
        .records('meeting')
        .where('fields.date')
        .aboveOrEqual(since)
        .each((m) => {
          if (live(m) && m.fields.status !== 'cancelled') ids.add(String(m.fields.pairId));
        });
      return ids;
    },
    fitAnswersOf: (pairId: string) =>
      db.records('fitAnswer').where('fields.pairId').equals(pairId).filter(live).toArray(),
    unfitAnswers: async () =>
      (await db.records('fitAnswer').toArray()).filter((a) => live(a) && a.fields.fits === false),
    conflictsOf: (recordId: string) =>
      db.records('conflict').where('fields.recordId').equals(recordId).filter(live).toArray(),
    counts: async () => ({
      people: await db.records('person').filter(live).count(),
      pairs: await db.records('pair').filter(live).count(),
      meetings: await db.records('meeting').filter(live).count(),
    }),
    draft: (key: string) => db.drafts.get(key),
  };
}

export type Queries = ReturnType<typeof createQueries>;

function byName(a: SyncedRecord, b: SyncedRecord): number {
  return String(a.fields.fullName ?? '').localeCompare(String(b.fields.fullName ?? ''), 'ru');
}
