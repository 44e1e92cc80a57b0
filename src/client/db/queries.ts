// Read-only queries the screens use. They page and count rather than load whole tables, and they
// filter tombstones after toArray(), which lets Dexie read with getAll() instead of walking a cursor.

import { TEMPLATE_KINDS } from '../../domain/questionnaires/template-kinds';
import type { SyncedRecord } from '../../domain/record';
import type { RecordType } from '../../domain/record-types';
import type { NastavnikDb } from './database';
import { allOf } from './live';
import { deliveredKey, getMeta, getSession, getSyncStatus } from './meta';

/**
 * Whether the school has a change of this device: `waiting` in the outbox, `refused` by the server
 * (see the sync screen), or `delivered` — acknowledged by the server at `at` (when this device sent it)
 * or received from the server (`at` null).
 */
export type Delivery = { state: 'waiting' | 'refused' | 'delivered'; at: string | null };

const isLive = <R extends SyncedRecord>(r: R | undefined): r is R =>
  r !== undefined && r.deleted === undefined;
// Chained with then() on Dexie's own promise: a live query keeps tracking what is read after it,
// whereas awaiting a native promise would drop the live query's context in the browser.
const liveOnly = <R extends SyncedRecord>(rows: PromiseLike<(R | undefined)[]>) =>
  rows.then((r) => r.filter(isLive)) as unknown as Promise<R[]>;
// A copy whose text this user may not read comes without it (domain/access.ts): nothing to put back.
const hasText = (copy: SyncedRecord<'conflict'>) => typeof copy.fields.text === 'string';
const collator = new Intl.Collator('ru');
// Built-in questionnaires in the methodology's order, a school's own after them.
const TEMPLATE_ORDER: readonly (string | null | undefined)[] = TEMPLATE_KINDS;
const templateOrder = (t: SyncedRecord<'formTemplate'>) => {
  const i = TEMPLATE_ORDER.indexOf(t.fields.builtIn);
  return i === -1 ? TEMPLATE_ORDER.length : i;
};
const byName = (a: SyncedRecord<'person'>, b: SyncedRecord<'person'>) =>
  collator.compare(a.fields.fullName ?? '', b.fields.fullName ?? '');

/** Newest first: by date, then by id (ids are time-ordered). */
const newestFirst = (a: SyncedRecord<'meeting'>, b: SyncedRecord<'meeting'>) =>
  (b.fields.date ?? '').localeCompare(a.fields.date ?? '') || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0);

export function createQueries(db: NastavnikDb) {
  // A meeting's pair never changes (it is fixed at creation), so it is remembered once read.
  const pairOfMeeting = new Map<string, string>();
  return {
    session: () => getSession(db).then((s) => s ?? null),
    syncStatus: () => getSyncStatus(db),
    outboxCount: () => db.outbox.count(),
    /** The changes waiting to be sent, oldest first. */
    outbox: () => db.outbox.orderBy('seq').toArray(),
    rejected: () => db.rejected.toArray(),
    rejectedCount: () => db.rejected.count(),
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
    people: () => liveOnly(db.records('person').toArray()).then((rows) => rows.sort(byName)),
    /** Many people are read in one getAll of the table rather than one request each. */
    peopleByIds: (ids: string[]) =>
      ids.length <= 50
        ? liveOnly(db.records('person').bulkGet(ids))
        : liveOnly(db.records('person').toArray()).then((rows) => {
            const wanted = new Set(ids);
            return rows.filter((p) => wanted.has(p.id));
          }),
    allConsents: () => liveOnly(db.records('consent').toArray()),
    orders: () =>
      liveOnly(db.records('order').toArray()).then((rows) =>
        rows.sort((a, b) => (b.fields.date ?? '').localeCompare(a.fields.date ?? '')),
      ),
    order: (id: string) => db.records('order').get(id),
    materials: () =>
      liveOnly(db.records('material').toArray()).then((rows) =>
        rows.sort((a, b) => collator.compare(a.fields.title ?? '', b.fields.title ?? '')),
      ),
    /** One record of any type, if it is on this device and not deleted. */
    record: <T extends RecordType>(type: T, id: string) =>
      db
        .records(type)
        .get(id)
        .then((r) => (isLive(r) ? r : undefined)),
    programme: (id: string) => db.records('programme').get(id),
    consentsOf: (personId: string) =>
      liveOnly(db.records('consent').where('fields.personId').equals(personId).toArray()),
    pair: (id: string) => db.records('pair').get(id),
    pairs: () => liveOnly(db.records('pair').toArray()),
    pairsAsMentor: (personId: string) =>
      liveOnly(db.records('pair').where('fields.mentorId').equals(personId).toArray()),
    pairsAsMentee: (personId: string) =>
      liveOnly(db.records('pair').where('fields.menteeIds').equals(personId).toArray()),
    meeting: (id: string) => db.records('meeting').get(id),
    /** A pair's meetings, newest first (by date, then by id: the later written first). */
    meetingsOfPair: (pairId: string) =>
      liveOnly(db.records('meeting').where('fields.pairId').equals(pairId).toArray()).then((rows) =>
        rows.sort(newestFirst),
      ),
    plan: (id: string) => db.records('plan').get(id),
    plansByIds: (ids: string[]) => liveOnly(db.records('plan').bulkGet(ids)),
    plansOfPairs: (pairIds: readonly string[]) =>
      liveOnly(db.records('plan').where('fields.pairId').anyOf(pairIds).toArray()),
    goalsOfPlan: (planId: string) =>
      liveOnly(db.records('goal').where('fields.planId').equals(planId).toArray()),
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
    fitAnswersOf: (pairId: string) =>
      liveOnly(db.records('fitAnswer').where('fields.pairId').equals(pairId).toArray()),
    unfitAnswers: () =>
      liveOnly(db.records('fitAnswer').toArray()).then((rows) => rows.filter((a) => a.fields.fits === false)),
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
    conflictsOf: (recordId: string) =>
      liveOnly(db.records('conflict').where('fields.recordId').equals(recordId).toArray()).then((copies) =>
        copies.filter(hasText),
      ),
    /**
     * How many people, pairs and meetings the school has, from index counts alone: a deleted record
     * keeps no fields, so it is in none of these indexes. Reads no record, whatever the school's size.
     */
    counts: () =>
      allOf([
        db.records('person').orderBy('fields.kind').count(),
        db.records('pair').orderBy('fields.mentorId').count(),
        db.records('meeting').orderBy('fields.pairId').count(),
      ]).then(([people, pairs, meetings]) => ({ people, pairs, meetings })),
    templates: () =>
      liveOnly(db.records('formTemplate').toArray()).then((rows) =>
        rows
          .filter((t) => t.fields.archived !== true)
          .sort(
            (a, b) =>
              templateOrder(a) - templateOrder(b) ||
              collator.compare(a.fields.title ?? '', b.fields.title ?? ''),
          ),
      ),
    template: (id: string) => db.records('formTemplate').get(id),
    assignmentsOf: (personId: string) =>
      liveOnly(db.records('formAssignment').where('fields.personId').equals(personId).toArray()),
    assignmentsOfTemplate: (templateId: string) =>
      liveOnly(db.records('formAssignment').where('fields.templateId').equals(templateId).toArray()),
    assignment: (id: string) => db.records('formAssignment').get(id),
    allAssignments: () => liveOnly(db.records('formAssignment').toArray()),
    responsesTo: (assignmentIds: readonly string[]) =>
      liveOnly(db.records('formResponse').where('fields.assignmentId').anyOf(assignmentIds).toArray()),
    statsOfMentor: (mentorId: string) =>
      liveOnly(db.records('formStats').where('fields.mentorId').equals(mentorId).toArray()),
    templatesByIds: (ids: string[]) => liveOnly(db.records('formTemplate').bulkGet(ids)),
    /**
     * For aggregates over thousands of meetings and tasks: getAll() of the whole table, which Chromium
     * serves far faster than walking an index's keys with a cursor (measured: 6,000 meetings in tens of
     * milliseconds against 300).
     */
    allMeetingRecords: () => liveOnly(db.records('meeting').toArray()),
    allTasks: () => liveOnly(db.records('task').toArray()),
    allPlans: () => liveOnly(db.records('plan').toArray()),
    /** Every meeting, by pair and then date. */
    allMeetings: () =>
      liveOnly(db.records('meeting').toArray()).then((rows) =>
        rows.sort(
          (a, b) =>
            (a.fields.pairId ?? '').localeCompare(b.fields.pairId ?? '') ||
            (a.fields.date ?? '').localeCompare(b.fields.date ?? ''),
        ),
      ),
    draft: (key: string) => db.drafts.get(key),
    /** The district's view: one summary per school, by name. */
    schoolSummaries: () =>
      liveOnly(db.records('schoolSummary').toArray()).then((rows) =>
        rows.sort((a, b) => collator.compare(a.fields.schoolName ?? '', b.fields.schoolName ?? '')),
      ),
  };
}

export type Queries = ReturnType<typeof createQueries>;
