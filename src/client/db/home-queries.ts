// The queries the shell and the homes of mentors and mentees read: a phone's first screen loads this
// part only. Every other query is in queries.ts, which the other screens' chunks bring (useQueries).
// They page and count rather than load whole tables, and they filter tombstones after toArray(), which
// lets Dexie read with getAll() instead of walking a cursor.

import type { SyncedRecord } from '../../domain/record';
import type { RecordType } from '../../domain/record-types';
import type { NastavnikDb } from './database';
import { goneDraftKeys } from './gone-drafts';
import { deliveredKey, getMeta, getSession, getSyncStatus } from './meta';

/**
 * Whether the school has a change of this device: `waiting` in the outbox, `refused` by the server
 * (see the sync screen), or `delivered` — acknowledged by the server at `at` (when this device sent it)
 * or received from the server (`at` null).
 */
export type Delivery = { state: 'waiting' | 'refused' | 'delivered'; at: string | null };

export const isLive = <R extends SyncedRecord>(r: R | undefined): r is R =>
  r !== undefined && r.deleted === undefined;
// Chained with then() on Dexie's own promise: a live query keeps tracking what is read after it,
// whereas awaiting a native promise would drop the live query's context in the browser.
export const liveOnly = <R extends SyncedRecord>(rows: PromiseLike<(R | undefined)[]>) =>
  rows.then((r) => r.filter(isLive)) as unknown as Promise<R[]>;
const FEW_KEYS = 50;

/**
 * The live records of `table` among `keys`: up to FEW_KEYS read by key (`readFew`: a bulkGet, or an
 * index's anyOf), more in one read of the whole table kept by `keyOf` — one getAll is quicker than many
 * lookups, and a screen asking for that many reads most of a school anyway. Chained as liveOnly is.
 */
export function recordsByKeys<R extends SyncedRecord>(
  keys: readonly string[],
  readFew: () => PromiseLike<(R | undefined)[]>,
  table: { toArray(): PromiseLike<(R | undefined)[]> },
  keyOf: (record: R) => string,
): Promise<R[]> {
  if (keys.length <= FEW_KEYS) return liveOnly(readFew());
  const wanted = new Set(keys);
  return liveOnly(table.toArray()).then((rows) => rows.filter((r) => wanted.has(keyOf(r))));
}
// A copy whose text this user may not read comes without it (domain/access.ts): nothing to put back.
export const hasText = (copy: SyncedRecord<'conflict'>) => typeof copy.fields.text === 'string';

/** Newest first: by date, then by id (ids are time-ordered). */
const newestFirst = (a: SyncedRecord<'meeting'>, b: SyncedRecord<'meeting'>) =>
  (b.fields.date ?? '').localeCompare(a.fields.date ?? '') || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0);

export function createHomeQueries(db: NastavnikDb) {
  /** The live records of `type` under `ids`, read as recordsByKeys reads. */
  const byIds = <T extends RecordType>(type: T, ids: readonly string[]) =>
    recordsByKeys(
      ids,
      () => db.records(type).bulkGet([...ids]),
      db.records(type),
      (r) => r.id,
    );
  // A meeting's pair never changes (it is fixed at creation), so it is remembered once read.
  const pairOfMeeting = new Map<string, string>();
  return {
    session: () => getSession(db).then((s) => s ?? null),
    syncStatus: () => getSyncStatus(db),
    outboxCount: () => db.outbox.count(),
    rejectedCount: () => db.rejected.count(),
    /** Drafts whose form no longer opens (gone-drafts.ts). */
    goneDrafts: () => goneDraftKeys(db),
    delivery: (recordId: string): Promise<Delivery> =>
      db.outbox
        .where('recordId')
        .equals(recordId)
        .count()
        .then((waiting) =>
          waiting > 0
            ? { state: 'waiting' as const, at: null }
            : db.rejected.get(recordId).then((refused) =>
                refused
                  ? { state: 'refused' as const, at: null }
                  : getMeta<string>(db, deliveredKey(recordId)).then((at) => ({
                      state: 'delivered' as const,
                      at: at ?? null,
                    })),
              ),
        ),
    person: (id: string) => db.records('person').get(id),
    /** Many people are read in one getAll of the table rather than one request each. */
    peopleByIds: (ids: string[]) => byIds('person', ids),
    pairsAsMentor: (personId: string) =>
      liveOnly(db.records('pair').where('fields.mentorId').equals(personId).toArray()),
    pairsAsMentee: (personId: string) =>
      liveOnly(db.records('pair').where('fields.menteeIds').equals(personId).toArray()),
    /** A pair's meetings, newest first (by date, then by id: the later written first). */
    meetingsOfPair: (pairId: string) =>
      liveOnly(db.records('meeting').where('fields.pairId').equals(pairId).toArray()).then((rows) =>
        rows.sort(newestFirst),
      ),
    pairsByIds: (ids: string[]) => liveOnly(db.records('pair').bulkGet(ids)),
    /** Many plans (a mentor's overdue tasks' over a thousand pairs) in one read, as people are. */
    plansByIds: (ids: string[]) => byIds('plan', ids),
    plansOfPairs: (pairIds: readonly string[]) =>
      liveOnly(db.records('plan').where('fields.pairId').anyOf(pairIds).toArray()),
    tasksOfPlans: (planIds: readonly string[]) =>
      liveOnly(db.records('task').where('fields.planId').anyOf(planIds).toArray()),
    /** Tasks whose due date is before `today` and that are not done. */
    overdueTasks: (today: string) =>
      liveOnly(
        db.records('task').where('fields.due').between('0000-01-01', today, true, false).toArray(),
      ).then((rows) => rows.filter((t) => t.fields.status !== 'done')),
    /**
     * Which of `pairIds` have a meeting dated from `since` to `until` (today; at most RECENT_DAYS
     * back: record-codec.ts). The index of recent meetings gives the meetings' ids alone (deleted
     * meetings are not in it); only meetings not seen before are read, so a home screen opened again
     * does not read thousands of meetings, notes and all, to learn this.
     */
    pairsMetSince: (pairIds: readonly string[], since: string, until: string) =>
      db
        .records('meeting')
        .where('recentDay')
        .between(since, until, true, true)
        .primaryKeys()
        .then((keys) => {
          const ids = keys as string[];
          return db
            .records('meeting')
            .bulkGet(ids.filter((id) => !pairOfMeeting.has(id)))
            .then((unseen) => {
              for (const m of unseen) if (m?.fields.pairId) pairOfMeeting.set(m.id, m.fields.pairId);
              const met = new Set(ids.flatMap((id) => pairOfMeeting.get(id) ?? []));
              return new Set(pairIds.filter((id) => met.has(id)));
            });
        }),
    /**
     * The conflict copies for this person to put back: their own, and those kept for curators (their
     * authors may no longer read them) — a curator's device also holds everyone else's copies, which are
     * their authors' to handle. A deleted (dismissed) copy is in no index. Few: read whole.
     */
    keptTexts: (personId: string) =>
      liveOnly(db.records('conflict').orderBy('fields.recordId').toArray()).then((copies) =>
        copies.filter(
          (c) => hasText(c) && (c.fields.authorId === personId || c.fields.keptFor === 'curators'),
        ),
      ),
    assignmentsOf: (personId: string) =>
      liveOnly(db.records('formAssignment').where('fields.personId').equals(personId).toArray()),
    responsesTo: (assignmentIds: readonly string[]) =>
      liveOnly(db.records('formResponse').where('fields.assignmentId').anyOf(assignmentIds).toArray()),
    statsOfMentor: (mentorId: string) =>
      liveOnly(db.records('formStats').where('fields.mentorId').equals(mentorId).toArray()),
    templatesByIds: (ids: string[]) => liveOnly(db.records('formTemplate').bulkGet(ids)),
    draft: (key: string) => db.drafts.get(key),
  };
}

export type HomeQueries = ReturnType<typeof createHomeQueries>;
