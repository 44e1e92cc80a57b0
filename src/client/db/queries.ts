// Every query the screens read: those of the shell and the homes (home-queries.ts, in a phone's first
// load) and the others, here, which come with the chunks of the screens past the first ones.

import { TEMPLATE_KINDS } from '../../domain/questionnaires/template-kinds';
import type { SyncedRecord } from '../../domain/record';
import type { RecordType } from '../../domain/record-types';
import type { NastavnikDb } from './database';
import {
  createHomeQueries,
  type HomeQueries,
  hasText,
  isLive,
  liveOnly,
  recordsByKeys,
} from './home-queries';
import { allOf } from './live';

const collator = new Intl.Collator('ru');
// Built-in questionnaires in the methodology's order, a school's own after them.
const TEMPLATE_ORDER: readonly (string | null | undefined)[] = TEMPLATE_KINDS;
const templateOrder = (t: SyncedRecord<'formTemplate'>) => {
  const i = TEMPLATE_ORDER.indexOf(t.fields.builtIn);
  return i === -1 ? TEMPLATE_ORDER.length : i;
};
const byName = (a: SyncedRecord<'person'>, b: SyncedRecord<'person'>) =>
  collator.compare(a.fields.fullName ?? '', b.fields.fullName ?? '');

/** `home`: the app's own, so that its memory of meetings' pairs is shared. */
export function createQueries(db: NastavnikDb, home: HomeQueries = createHomeQueries(db)) {
  return {
    ...home,
    /** The changes waiting to be sent, oldest first. */
    outbox: () => db.outbox.orderBy('seq').toArray(),
    rejected: () => db.rejected.toArray(),
    people: () => liveOnly(db.records('person').toArray()).then((rows) => rows.sort(byName)),
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
    /** The consents of several people (recordsByKeys: by their index for a few, one read for many). */
    consentsOfPeople: (personIds: readonly string[]) =>
      recordsByKeys(
        personIds,
        () => db.records('consent').where('fields.personId').anyOf(personIds).toArray(),
        db.records('consent'),
        (c) => c.fields.personId ?? '',
      ),
    pair: (id: string) => db.records('pair').get(id),
    pairs: () => liveOnly(db.records('pair').toArray()),
    meeting: (id: string) => db.records('meeting').get(id),
    plan: (id: string) => db.records('plan').get(id),
    goalsOfPlan: (planId: string) =>
      liveOnly(db.records('goal').where('fields.planId').equals(planId).toArray()),
    fitAnswersOf: (pairId: string) =>
      liveOnly(db.records('fitAnswer').where('fields.pairId').equals(pairId).toArray()),
    unfitAnswers: () =>
      liveOnly(db.records('fitAnswer').toArray()).then((rows) => rows.filter((a) => a.fields.fits === false)),
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
    assignmentsOfTemplate: (templateId: string) =>
      liveOnly(db.records('formAssignment').where('fields.templateId').equals(templateId).toArray()),
    assignment: (id: string) => db.records('formAssignment').get(id),
    allAssignments: () => liveOnly(db.records('formAssignment').toArray()),
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
    /** The district's view: one summary per school, by name. */
    schoolSummaries: () =>
      liveOnly(db.records('schoolSummary').toArray()).then((rows) =>
        rows.sort((a, b) => collator.compare(a.fields.schoolName ?? '', b.fields.schoolName ?? '')),
      ),
  };
}

export type Queries = ReturnType<typeof createQueries>;
