// Who may read and write what: the contract's matrix as pure functions over facts the server looks up.
// A record is readable under "keys"; a viewer holds "grants"; a record reaches a non-curator when one of
// its keys is among their grants. Keys depend only on fields fixed at creation, so they never go stale.
import type { Change, Rejection, SyncedRecord } from './record';
import { SERVER_MADE_TYPES } from './record-type-names';

export type Viewer = { personId: string; isCurator: boolean };

export type Membership = { id: string; mentorId: string; menteeIds: readonly string[] };
export type PlanLink = { id: string; pairId: string; menteeId: string };
export type PersonFacts = { id: string; isMinor: boolean; hasConsent: boolean };

/** What the server looks up about a non-curator before computing their grants. */
export type ScopeFacts = {
  pairs: readonly Membership[];
  plans: readonly PlanLink[];
  people: readonly PersonFacts[];
  /** Form templates whose responses the pair's mentor may read (`visibleToMentor`). */
  mentorVisibleTemplateIds: readonly string[];
};

export type AssignmentLink = { personId: string; pairId: string | null; templateId: string };

/** What a response's keys need of its assignment: whom it was given to, for which pair and form. */
export function assignmentLinkOf(assignment: SyncedRecord<'formAssignment'>): AssignmentLink {
  const { personId = '', pairId = null, templateId = '' } = assignment.fields;
  return { personId, pairId, templateId };
}

const TEMPLATES_KEY = 'templates';
const MATERIALS_KEY = 'materials';

/** Fields of a person that people in the same pair see; the rest stays with the person and curators. */
const SHARED_PERSON_FIELDS: readonly string[] = ['fullName', 'kind', 'classOrSubject'];

/**
 * Fields of a person that only curators read — the person themself included: the requests of the class
 * teacher, the psychologist and the parents are «только для куратора» (roadmap stage 1).
 */
const CURATOR_ONLY_PERSON_FIELDS: readonly string[] = ['requests'];

/** Record types a non-curator may write at all (each further limited by `checkWrite`). */
const NON_CURATOR_TYPES: readonly string[] = [
  'meeting',
  'plan',
  'goal',
  'task',
  'fitAnswer',
  'formResponse',
  'conflict',
];

function str(record: Pick<SyncedRecord, 'fields'>, field: string): string {
  const value = record.fields[field];
  return typeof value === 'string' ? value : '';
}

/** Keys under which a record may be read by someone other than a curator. */
export function readKeys(record: SyncedRecord, assignment?: AssignmentLink): string[] {
  switch (record.type) {
    case 'person':
      return [`person:${record.id}`];
    case 'pair':
      return [`pair:${record.id}`];
    case 'meeting':
      return [`pair:${str(record, 'pairId')}`];
    case 'plan':
      return [`plan:${record.id}`];
    case 'task':
    case 'goal':
      return [`plan:${str(record, 'planId')}`];
    case 'fitAnswer':
      return [`author:${str(record, 'personId')}`];
    case 'formTemplate':
      return [TEMPLATES_KEY];
    case 'material':
      return [MATERIALS_KEY];
    // A form given within a pair, and the answer to it, reach the pair's mentor under a key of the pair
    // and the person it was given to: the mentor's grants name only the mentees they may read today.
    case 'formAssignment': {
      const pairId = str(record, 'pairId');
      const personId = str(record, 'personId');
      return [`assignee:${personId}`, ...(pairId ? [`assigned:${pairId}:${personId}`] : [])];
    }
    case 'formResponse':
      if (!assignment) return [];
      return [
        `assignee:${assignment.personId}`,
        ...(assignment.pairId
          ? [`response:${assignment.templateId}:${assignment.pairId}:${assignment.personId}`]
          : []),
      ];
    case 'conflict':
      // A copy kept for curators alone (its author may no longer read the record) is under no key.
      return record.fields.keptFor === 'curators' ? [] : [`author:${str(record, 'authorId')}`];
    case 'formStats':
      return [`author:${str(record, 'mentorId')}`];
    default:
      // consent and anything unknown: curators only.
      return [];
  }
}

export function mayReceivePerson(person: PersonFacts): boolean {
  return !person.isMinor || person.hasConsent;
}

export function grantsFor(viewer: Viewer, facts: ScopeFacts): Set<string> {
  const me = viewer.personId;
  const people = new Map(facts.people.map((p) => [p.id, p]));
  const grants = new Set<string>([`assignee:${me}`, `author:${me}`, TEMPLATES_KEY, MATERIALS_KEY]);
  const grantPerson = (id: string) => {
    const person = people.get(id);
    if (person && mayReceivePerson(person)) grants.add(`person:${id}`);
  };
  // A minor without their parents' consent (or someone whose record was deleted): their data stays with
  // curators, their own device included — it keeps the school's forms and materials only, and their
  // writes into anything else are refused.
  const self = people.get(me);
  if (!self || !mayReceivePerson(self)) return new Set([TEMPLATES_KEY, MATERIALS_KEY]);
  grantPerson(me);
  // A minor whose parents' consent is missing or withdrawn: nothing of theirs reaches their mentor —
  // neither their person record nor their IDP, forms or answers; a pair left with no other mentee, with
  // its meetings, no longer reaches the mentor at all (their device is told to drop it; the curator
  // keeps it).
  // A person of whom nothing is known (deleted, or never a person) counts as withheld: the rule fails
  // closed, or deleting a minor's record would hand their IDP and answers back to the mentor.
  const isWithheld = (id: string) => {
    const person = people.get(id);
    return person === undefined || !mayReceivePerson(person);
  };
  for (const pair of facts.pairs) {
    if (pair.mentorId === me) {
      // Only the pair's mentees of today: one who left the group takes their IDP, forms and answers
      // along (they stay with the curator), whoever keeps the pair.
      const mentees = pair.menteeIds.filter((id) => !isWithheld(id));
      if (mentees.length === 0) continue;
      grants.add(`pair:${pair.id}`);
      // No record is kept under this name any more (assignments were, before they were keyed per
      // mentee): a device whose scope held `mentor:<pair>` is thus told to drop what it received under
      // it, unless a key of today lets it keep it.
      grants.add(`pair-mentor:${pair.id}`);
      for (const id of mentees) {
        grantPerson(id);
        grants.add(`assigned:${pair.id}:${id}`);
        for (const t of facts.mentorVisibleTemplateIds) grants.add(`response:${t}:${pair.id}:${id}`);
      }
      for (const plan of facts.plans)
        if (plan.pairId === pair.id && mentees.includes(plan.menteeId)) grants.add(`plan:${plan.id}`);
    } else if (pair.menteeIds.includes(me)) {
      grants.add(`pair:${pair.id}`);
      grantPerson(pair.mentorId);
      for (const plan of facts.plans) {
        if (plan.pairId === pair.id && plan.menteeId === me) grants.add(`plan:${plan.id}`);
      }
    }
  }
  // Conflict copies of one's own texts are read under the keys of the record they were typed into, as
  // the author's (copyKeys): a mentor taken off the pair, or whose mentee's consent was withdrawn, reads
  // the copies of that pair's texts no more, and their device is told to drop them.
  for (const grant of [...grants]) grants.add(`copy:${me}:${grant}`);
  return grants;
}

/**
 * The keys a conflict copy of `field` is read under by its author `authorId`: `recordKeys` (the keys the
 * record it was typed into is read under) — for a field with a read rule of its own, the key of that
 * rule (`meeting.privateNotes`: the pair's mentor) — each as the author's (see grantsFor).
 */
export function copyKeys(
  authorId: string,
  record: Pick<SyncedRecord, 'type' | 'fields'>,
  field: string,
  recordKeys: readonly string[],
): string[] {
  const keys =
    record.type === 'meeting' && field === 'privateNotes'
      ? [`pair-mentor:${str(record, 'pairId')}`]
      : recordKeys;
  return keys.map((k) => `copy:${authorId}:${k}`);
}

export function canRead(viewer: Viewer, grants: ReadonlySet<string>, keys: readonly string[]): boolean {
  return viewer.isCurator || keys.some((k) => grants.has(k));
}

/**
 * THE rule for reading one field of a record the viewer may read (see `canRead`): every route that sends
 * data — pull, enrolment answer, conflict copies, purge, export, rejection reasons — goes through it.
 * `record` needs its id, type and the fields fixed at creation (for a deleted record, its parents).
 *
 * - curators read every field;
 * - a person's own record: all but CURATOR_ONLY_PERSON_FIELDS; someone else's: SHARED_PERSON_FIELDS;
 * - `meeting.privateNotes`: only the pair's mentor (contract, "Rules that the server keeps");
 * - `formStats.basis`: curators only (which mentee's response each figure was made of: stats-release.ts);
 * - `conflict.text`: as the field of the record it was typed into (a person's curators-only fields);
 * - any other field of a readable record: readable.
 */
export function mayReadField(
  viewer: Viewer,
  grants: ReadonlySet<string>,
  record: Pick<SyncedRecord, 'id' | 'type' | 'fields'>,
  field: string,
): boolean {
  if (viewer.isCurator) return true;
  switch (record.type) {
    case 'person':
      return record.id === viewer.personId
        ? !CURATOR_ONLY_PERSON_FIELDS.includes(field)
        : SHARED_PERSON_FIELDS.includes(field);
    case 'meeting':
      return field !== 'privateNotes' || grants.has(`pair-mentor:${str(record, 'pairId')}`);
    case 'formStats':
      return field !== 'basis';
    case 'conflict': {
      // A copy's text is read as the field it was typed into, by whoever reads it now: its author may
      // since have lost the right (a curator who typed a curators-only field, enrolled later as a
      // mentor). Private notes are already keyed under the pair's mentor (copyKeys), whose id the copy
      // does not carry.
      const recordType = str(record, 'recordType');
      if (field !== 'text' || recordType === 'meeting') return true;
      const typedInto = { id: str(record, 'recordId'), type: recordType, fields: {} };
      return mayReadField(viewer, grants, typedInto, str(record, 'field').split('.')[0] as string);
    }
    default:
      return true;
  }
}

/** The copy of a readable record that this viewer receives: the fields they may not read are left out. */
export function redactFor(record: SyncedRecord, viewer: Viewer, grants: ReadonlySet<string>): SyncedRecord {
  if (viewer.isCurator) return record;
  const names = Object.keys(record.stamps);
  if (names.every((name) => mayReadField(viewer, grants, record, name))) return record;
  const fields: SyncedRecord['fields'] = {};
  const stamps: SyncedRecord['stamps'] = {};
  for (const name of names) {
    if (!mayReadField(viewer, grants, record, name)) continue;
    fields[name] = record.fields[name];
    stamps[name] = record.stamps[name] as string;
  }
  return { ...record, fields, stamps };
}

/** What of `record` (readable under `keys`) this viewer may receive: null when nothing at all. */
export function readableCopy(
  record: SyncedRecord,
  keys: readonly string[],
  viewer: Viewer,
  grants: ReadonlySet<string>,
): SyncedRecord | null {
  return canRead(viewer, grants, keys) ? redactFor(record, viewer, grants) : null;
}

const isServerMade = (type: string): boolean => (SERVER_MADE_TYPES as readonly string[]).includes(type);

/** False for record types this viewer may never write, whatever the record: no lookups are needed. */
export function mayWriteType(viewer: Viewer, type: string): boolean {
  if (isServerMade(type) && type !== 'conflict') return false;
  return viewer.isCurator || NON_CURATOR_TYPES.includes(type);
}

/** Facts about a record's parents that decide who may write it. */
export type WriteContext = {
  pair?: Membership;
  plan?: PlanLink;
  assignment?: AssignmentLink;
};

const MENTEE_TASK_FIELDS = ['status', 'evidence'];

function forbidden(change: Change, reason: string): Rejection {
  return { id: change.id, code: 'forbidden', reason };
}

/** Null when the viewer may write this change, else the rejection to send back. */
export function checkWrite(
  viewer: Viewer,
  change: Change,
  existing: SyncedRecord | undefined,
  ctx: WriteContext,
): Rejection | null {
  const me = viewer.personId;
  if (change.type === 'conflict') {
    const onlyDeletes = Object.keys(change.fields).length === 0 && change.deleted !== undefined;
    const isAuthor = existing !== undefined && existing.fields.authorId === me;
    if (existing && onlyDeletes && (viewer.isCurator || isAuthor)) return null;
    return forbidden(change, 'conflict copies are made by the server; their author may only dismiss them');
  }
  if (isServerMade(change.type)) return forbidden(change, `${change.type} records are made by the server`);
  if (viewer.isCurator) return null;
  const isPairMentor = ctx.pair?.mentorId === me;
  switch (change.type) {
    case 'meeting':
    case 'plan':
    case 'goal':
      return isPairMentor ? null : forbidden(change, `only the pair's mentor may write a ${change.type}`);
    case 'fitAnswer': {
      const isMember = isPairMentor || (ctx.pair?.menteeIds.includes(me) ?? false);
      const isOwn = (existing?.fields.personId ?? change.fields.personId) === me;
      return isMember && isOwn
        ? null
        : forbidden(change, 'each member of a pair answers for themselves only');
    }
    case 'task': {
      if (isPairMentor) return null;
      const isOwnPlan = ctx.plan?.menteeId === me;
      const onlyOwnFields = Object.keys(change.fields).every((f) => MENTEE_TASK_FIELDS.includes(f));
      if (isOwnPlan && existing && change.deleted === undefined && onlyOwnFields) return null;
      return forbidden(change, 'a mentee may only change the status and evidence of tasks in their own plan');
    }
    case 'formResponse':
      // Deleting one is the curator's: a response deleted takes every later answer to the form with it.
      if (change.deleted !== undefined)
        return forbidden(change, 'only a curator may delete a response; it stays as a draft until sent');
      return ctx.assignment?.personId === me
        ? null
        : forbidden(change, 'only the person a form is assigned to may answer it');
    default:
      return forbidden(change, `only a curator may write a ${change.type}`);
  }
}

/**
 * A sent response is final for everyone but curators. Re-sending the very values it holds (a retry after a
 * lost answer) is accepted as no change; anything else is refused with code `sent`.
 */
export function checkSent(
  viewer: Viewer,
  change: Change,
  existing: SyncedRecord | undefined,
  sameValue: (a: unknown, b: unknown) => boolean,
): 'ok' | 'no-op' | Rejection {
  if (viewer.isCurator || change.type !== 'formResponse' || !existing) return 'ok';
  const submittedAt = existing.fields.submittedAt;
  if (submittedAt === null || submittedAt === undefined) return 'ok';
  const isSame =
    change.deleted === undefined &&
    Object.entries(change.fields).every(([name, value]) => sameValue(existing.fields[name], value));
  if (isSame) return 'no-op';
  return {
    id: change.id,
    code: 'sent',
    reason: 'this response was sent already; only a curator can reopen it',
  };
}

/** A pair may not name a minor who has no valid parental consent. */
export function pairConsentProblem(
  pair: SyncedRecord<'pair'>,
  people: ReadonlyMap<string, PersonFacts>,
): string | null {
  const members = [pair.fields.mentorId, ...(pair.fields.menteeIds ?? [])];
  for (const id of members) {
    if (id === undefined) continue;
    const person = people.get(id);
    if (!person) return `person ${id} does not exist`;
    if (!mayReceivePerson(person)) return `person ${id} is a minor without a valid parental consent`;
  }
  return null;
}
