// The record types of the sync contract, their fields and the rules the server keeps for them.
// Client and server validate with these same schemas.
import * as v from 'valibot';
import {
  bool,
  clockTime,
  dayOrDateTime,
  dict,
  finite,
  id,
  int,
  isoDate,
  isoDateTime,
  jsonValue,
  list,
  nonEmptyText,
  oneOf,
  orNull,
  text,
  webLink,
} from './field-schemas';
import { TEMPLATE_KINDS } from './questionnaires/template-kinds';
import type { RecordTypeName } from './record-type-names';

export const PERSON_KINDS = ['student', 'teacher', 'other'] as const;
export const PAIR_STATUSES = ['proposed', 'approved', 'active', 'finished', 'ended'] as const;
/** The statuses of a pair still at work (or about to be): not finished, not ended. */
export const OPEN_PAIR_STATUSES: ReadonlySet<string> = new Set(['proposed', 'approved', 'active']);
export const MEETING_KINDS = ['organisational', 'trial', 'planning', 'regular', 'final'] as const;
export const TASK_STATUSES = ['todo', 'doing', 'done'] as const;
export const MEETING_STATUSES = ['held', 'planned', 'cancelled'] as const;

export type PersonKind = (typeof PERSON_KINDS)[number];
export type PairStatus = (typeof PAIR_STATUSES)[number];
export type MeetingKind = (typeof MEETING_KINDS)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];

export type TypeSpec = {
  fields: Record<string, v.GenericSchema>;
  required: readonly string[];
  /** References fixed at creation: who may read a record is derived from them. */
  parents?: readonly string[];
  /**
   * Texts people type (every text field people write, short or long — names, titles, notes — but not
   * codes chosen from a list nor pasted links): a concurrent edit that loses, or one typed into a record
   * deleted meanwhile, is kept as a conflict copy for its author. Nothing typed is lost.
   */
  typedText?: readonly string[];
};

const LONG = 20_000;

/** Texts inside a record's lists, which `maxTextLength` (top-level fields) does not reach. */
export const NESTED_TEXT_MAX = { mentoringForm: 100, stageResponsible: 300 } as const;

export const RECORD_TYPES = {
  person: {
    fields: {
      fullName: nonEmptyText(200),
      kind: oneOf(PERSON_KINDS),
      minor: bool(),
      classOrSubject: orNull(text(100)),
      archived: bool(),
      /** What the person needs and likes, in the curator's words (the intake questionnaire has the rest). */
      needs: orNull(text(2000)),
      interests: orNull(text(2000)),
      /** Requests about a mentee from the class teacher, the psychologist or the parents. Curators only. */
      requests: orNull(text(4000)),
      /** A mentor has been trained for the programme (roadmap stage 3). */
      trained: bool(),
      /** Tells namesakes apart at import; decides who is a minor. Curators only. */
      birthDate: orNull(isoDate()),
      /**
       * Phones, e-mail — for a minor, the legal representative's — for the methodology's bases of mentors
       * and mentees. Curators only.
       */
      contacts: orNull(text(500)),
    },
    required: ['fullName', 'kind'],
    typedText: ['fullName', 'classOrSubject', 'needs', 'interests', 'requests', 'contacts'],
  },
  consent: {
    fields: {
      personId: id(),
      signedBy: nonEmptyText(200),
      date: dayOrDateTime(),
      withdrawn: bool(),
      scope: orNull(text(1000)),
      withdrawnDate: orNull(dayOrDateTime()),
    },
    required: ['personId', 'signedBy', 'date', 'withdrawn'],
    parents: ['personId'],
    typedText: ['signedBy', 'scope'],
  },
  pair: {
    fields: {
      mentorId: id(),
      menteeIds: v.pipe(
        list(id(), 30),
        v.minLength(1, 'expected at least one mentee'),
        v.check((ids) => new Set(ids).size === ids.length, 'a mentee is listed twice'),
      ),
      form: nonEmptyText(100),
      status: oneOf(PAIR_STATUSES),
      startDate: orNull(isoDate()),
      endReason: orNull(text(1000)),
      /** The approval order that approved the pair. */
      orderId: orNull(id()),
      /** The pair this one replaces after a failed trial meeting. */
      replacesId: orNull(id()),
      /** Status changes, oldest first: the pair's life is kept. */
      history: list(
        v.strictObject(
          { date: isoDate(), status: oneOf(PAIR_STATUSES), note: orNull(text(1000)) },
          'expected { date, status, note }',
        ),
        100,
      ),
    },
    required: ['mentorId', 'menteeIds', 'form', 'status'],
    typedText: ['endReason'],
  },
  meeting: {
    fields: {
      pairId: id(),
      date: isoDate(),
      startTime: orNull(clockTime()),
      kind: oneOf(MEETING_KINDS),
      durationMin: int(0, 1440),
      topics: list(nonEmptyText(100), 30),
      notes: text(LONG),
      privateNotes: orNull(text(LONG)),
      status: oneOf(MEETING_STATUSES),
      cancelReason: orNull(text(1000)),
      /** For a group: the mentees who came. */
      attendance: list(id(), 30),
      /** Agreed next steps; `taskId` once a step became a task of the IDP. */
      nextSteps: list(
        v.strictObject(
          { id: nonEmptyText(40), text: nonEmptyText(500), taskId: orNull(id()) },
          'expected a next step { id, text, taskId }',
        ),
        30,
      ),
    },
    required: ['pairId', 'date', 'kind', 'durationMin', 'notes'],
    parents: ['pairId'],
    typedText: ['notes', 'privateNotes', 'cancelReason'],
  },
  plan: {
    fields: { pairId: id(), menteeId: id(), title: nonEmptyText(300) },
    required: ['pairId', 'menteeId', 'title'],
    parents: ['pairId', 'menteeId'],
    typedText: ['title'],
  },
  goal: {
    fields: {
      planId: id(),
      title: nonEmptyText(300),
      description: orNull(text(5000)),
      area: orNull(text(200)),
      targetDate: orNull(isoDate()),
      order: finite(),
    },
    required: ['planId', 'title'],
    parents: ['planId'],
    typedText: ['title', 'description', 'area'],
  },
  task: {
    fields: {
      planId: id(),
      goalId: orNull(id()),
      title: nonEmptyText(300),
      status: oneOf(TASK_STATUSES),
      due: orNull(dayOrDateTime()),
      evidence: orNull(text(5000)),
      order: finite(),
    },
    required: ['planId', 'title', 'status', 'due'],
    parents: ['planId'],
    typedText: ['title', 'evidence'],
  },
  formTemplate: {
    fields: {
      title: nonEmptyText(300),
      description: orNull(text(2000)),
      kind: oneOf(TEMPLATE_KINDS),
      sections: list(jsonValue(1000), 50),
      // Questions are checked in full by the form editor (forms/questions.ts); the contract leaves their
      // shape to each app, so the server only bounds them.
      questions: list(jsonValue(20_000), 200),
      visibleToMentor: bool(),
      version: int(1, 1_000_000),
      /** Which built-in questionnaire this is, if any. */
      builtIn: orNull(text(40)),
      /** The template this one is a new version or a copy of. */
      previousId: orNull(id()),
      archived: bool(),
    },
    required: ['title', 'questions'],
    typedText: ['title', 'description'],
  },
  formAssignment: {
    fields: { templateId: id(), personId: id(), pairId: orNull(id()), due: orNull(dayOrDateTime()) },
    required: ['templateId', 'personId', 'pairId', 'due'],
    parents: ['templateId', 'personId', 'pairId'],
  },
  formResponse: {
    fields: {
      assignmentId: id(),
      answers: dict(jsonValue(LONG), 500),
      submittedAt: orNull(isoDateTime()),
      templateVersion: int(1, 1_000_000),
    },
    required: ['assignmentId', 'answers', 'submittedAt'],
    parents: ['assignmentId'],
  },
  /** «Подходит ли пара?» after the trial meeting: one answer per person, a «no» goes to the curator. */
  fitAnswer: {
    fields: { pairId: id(), personId: id(), fits: bool(), comment: orNull(text(2000)) },
    required: ['pairId', 'personId', 'fits'],
    parents: ['pairId', 'personId'],
    typedText: ['comment'],
  },
  /** The school's programme: one record per school (PROGRAMME_ID), kept by curators. */
  programme: {
    fields: {
      schoolName: orNull(text(300)),
      directorName: orNull(text(200)),
      schoolYear: v.pipe(v.string(), v.regex(/^\d{4}-\d{4}$/, 'expected a school year like 2026-2027')),
      /** The whole roster, for coverage: how many students and teachers the school has. */
      studentsTotal: int(0, 100_000),
      teachersTotal: int(0, 10_000),
      /** The share of the roster to involve, in per cent (the national target is 70). */
      targetShare: int(0, 100),
      forms: list(nonEmptyText(NESTED_TEXT_MAX.mentoringForm), 30),
      stages: list(
        v.strictObject(
          {
            key: nonEmptyText(20),
            deadline: orNull(isoDate()),
            responsible: orNull(text(NESTED_TEXT_MAX.stageResponsible)),
            done: bool(),
          },
          'expected a roadmap stage { key, deadline, responsible, done }',
        ),
        20,
      ),
    },
    required: ['schoolYear'],
    typedText: ['schoolName', 'directorName'],
  },
  /** An order («приказ») approving pairs: printable and downloadable as a Word document. */
  order: {
    fields: {
      number: nonEmptyText(40),
      date: isoDate(),
      title: nonEmptyText(300),
      pairIds: list(id(), 500),
      signer: orNull(text(200)),
    },
    required: ['number', 'date', 'title', 'pairIds'],
    typedText: ['number', 'title', 'signer'],
  },
  /** A methodological material for mentors (roadmap stage 3): curators keep them, everyone reads them. */
  material: {
    fields: {
      title: nonEmptyText(300),
      url: orNull(webLink()),
      description: orNull(text(4000)),
    },
    required: ['title'],
    typedText: ['title', 'description'],
  },
  /**
   * Averages of a form's submitted answers about one mentor's pairs, made by the server from at least 3
   * responses and grown only in whole cohorts of three (questionnaires/stats-release.ts); `basis`, what
   * each figure was last released from, is read by curators only.
   */
  formStats: {
    fields: {
      templateId: id(),
      mentorId: id(),
      responses: int(0, 1_000_000),
      averages: dict(finite(), 500),
      basis: jsonValue(1_000_000, 4),
    },
    required: ['templateId', 'mentorId', 'responses', 'averages'],
    parents: ['templateId', 'mentorId'],
  },
  /**
   * A school's monitoring figures for the municipality, made by the server in the district's namespace:
   * counts and averages only, never a person (see district-summary.ts).
   */
  schoolSummary: {
    fields: {
      schoolId: id(),
      schoolName: nonEmptyText(300),
      schoolYear: orNull(text(20)),
      computedAt: isoDateTime(),
      /** The school's revision the figures were computed at. */
      sourceRev: int(0, Number.MAX_SAFE_INTEGER),
      studentsTotal: int(0, 100_000),
      teachersTotal: int(0, 10_000),
      targetShare: int(0, 100),
      studentsIn: int(0, 100_000),
      teachersIn: int(0, 10_000),
      coverageStudents: orNull(int(0, 100_000)),
      coverageTeachers: orNull(int(0, 100_000)),
      coverageAll: orNull(int(0, 100_000)),
      pairs: int(0, 1_000_000),
      workingPairs: int(0, 1_000_000),
      meetings: int(0, 100_000_000),
      satisfactionMentees: orNull(finite()),
      satisfactionMentors: orNull(finite()),
      /** What each satisfaction figure was last released from: hashed answers (district-summary.ts). */
      satisfactionBasis: jsonValue(1_000_000, 4),
      stagesDone: int(0, 20),
      stagesTotal: int(0, 20),
    },
    required: ['schoolId', 'schoolName', 'computedAt'],
  },
  conflict: {
    fields: {
      recordId: id(),
      recordType: nonEmptyText(40),
      field: nonEmptyText(120),
      text: text(LONG),
      authorId: id(),
      lostStamp: nonEmptyText(100),
      /** `curators` when its author may no longer read the record: kept for curators alone. */
      keptFor: oneOf(['author', 'curators']),
    },
    required: ['recordId', 'recordType', 'field', 'text', 'authorId'],
    parents: ['authorId'],
  },
} as const satisfies Record<string, TypeSpec>;

export type RecordType = keyof typeof RECORD_TYPES;

export const RECORD_TYPE_NAMES = Object.keys(RECORD_TYPES) as RecordType[];

export function isRecordType(type: string): type is RecordType {
  return Object.hasOwn(RECORD_TYPES, type);
}

type SchemaParts = { type: string; wrapped?: unknown; requirement?: unknown; pipe?: readonly SchemaParts[] };

/** The `max_length` a schema (piped, perhaps nullable, perhaps a pipe within a pipe) sets, if any. */
function maxLengthOf(schema: SchemaParts | undefined): number | undefined {
  if (!schema) return undefined;
  if (schema.type === 'nullable' || schema.type === 'optional')
    return maxLengthOf(schema.wrapped as SchemaParts);
  const pipe = schema.pipe ?? [];
  const found = pipe.find((item) => item.type === 'max_length')?.requirement;
  if (typeof found === 'number') return found;
  // A pipe's first item is the schema it pipes: text(max) inside nonEmptyText(max).
  return pipe[0] && pipe[0] !== schema ? maxLengthOf(pipe[0]) : undefined;
}

/**
 * The most characters `field` of `type` takes, as its schema says — for a form's limit, said under the
 * field before the save would be refused (undefined: not a text with a limit).
 */
export function maxTextLength(type: RecordType, field: string): number | undefined {
  const fields = RECORD_TYPES[type].fields as Record<string, unknown>;
  return Object.hasOwn(fields, field) ? maxLengthOf(fields[field] as SchemaParts) : undefined;
}

/** The fields of each record type as its schema outputs them (`SyncedRecord<T>`, record.ts, makes each optional). */
type Output<S> = S extends v.GenericSchema ? v.InferOutput<S> : never;
type FieldsOf<T extends RecordType> = {
  [K in keyof (typeof RECORD_TYPES)[T]['fields']]: Output<(typeof RECORD_TYPES)[T]['fields'][K]>;
};
export type SchoolSummaryFields = FieldsOf<'schoolSummary'>;

export type FieldsByType = { [T in RecordType]: FieldsOf<T> };

// The light list of names (record-type-names.ts) must name exactly these types.
type SameNames = [RecordType] extends [RecordTypeName]
  ? [RecordTypeName] extends [RecordType]
    ? true
    : false
  : false;
true satisfies SameNames;
