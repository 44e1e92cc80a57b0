// Giving questionnaires: who may be given one (a minor without their parents' consent may not), whom a
// choice of pairs reaches, and the forms made for them.
import { mayReceivePerson } from '../../domain/access';
import type { SyncedRecord } from '../../domain/record';
import type { Queries } from '../db/queries';
import type { Repository } from '../db/repository';
import type { WriteFailure } from '../db/write-failure';

/** A form to give: to whom, and about which pair (null: about no pair). */
export type Target = { personId: string; pairId: string | null };

/** Whom of the chosen pairs a form goes to. */
export type Whom = 'mentees' | 'mentors' | 'both';

/**
 * Who may be given a form, by the rule the server keeps for what reaches a device (mayReceivePerson): a
 * minor without their parents' consent (missing or withdrawn) receives no form, and their data stays with
 * curators. A person not on this device counts as withheld.
 */
export function withheldOf(
  people: readonly SyncedRecord<'person'>[],
  consents: readonly SyncedRecord<'consent'>[],
): (personId: string) => boolean {
  const consented = new Set(
    consents.filter((c) => c.fields.withdrawn === false).map((c) => c.fields.personId ?? ''),
  );
  const byId = new Map(people.map((p) => [p.id, p]));
  return (id) => {
    const person = byId.get(id);
    return (
      person === undefined ||
      !mayReceivePerson({ id, isMinor: person.fields.minor === true, hasConsent: consented.has(id) })
    );
  };
}

/**
 * Whether a form given is left out of those expected to answer («ответили N из M», the response rate):
 * it is when it was not answered and its person can no longer receive it (`isWithheld`, withheldOf: a
 * minor whose parents withdrew their consent since, a person erased). «Ответили 3 из 4» where the fourth
 * can never answer was a rate no one could reach. A form answered before the withdrawal still counts, in
 * both figures: the answer was given.
 */
export function isAssignmentWithheld(
  assignment: SyncedRecord<'formAssignment'>,
  isAnswered: boolean,
  isWithheld: (personId: string) => boolean,
): boolean {
  return !isAnswered && isWithheld(assignment.fields.personId ?? '');
}

/**
 * The forms to give within these pairs: to their mentees, their mentors or both. A withheld mentee is
 * left out, and so is the mentor of a pair left with no other mentee: the mentor's device no longer holds
 * that pair, and would be asked about a pair they cannot see.
 */
export function targetsOf(
  pairs: readonly SyncedRecord<'pair'>[],
  whom: Whom,
  isWithheld: (personId: string) => boolean,
): Target[] {
  return pairs.flatMap(({ id: pairId, fields: { mentorId, menteeIds = [] } }) => {
    const mentees = menteeIds.filter((id) => !isWithheld(id));
    if (mentees.length === 0) return [];
    return [
      ...(whom !== 'mentors' ? mentees.map((personId) => ({ personId, pairId })) : []),
      ...(whom !== 'mentees' && mentorId && !isWithheld(mentorId) ? [{ personId: mentorId, pairId }] : []),
    ];
  });
}

/**
 * Gives questionnaire `templateId` to `targets` (due date `due`, yyyy-mm-dd, or none): the forms not given
 * yet are made in one write — all of them or, on failure, none —; a target given it already is skipped.
 * Answers how many were made and how many skipped, or the write's failure.
 */
export async function assign(
  repo: Repository,
  queries: Queries,
  templateId: string,
  targets: Target[],
  due: string | null,
): Promise<{ ok: true; created: number; skipped: number } | { ok: false; result: WriteFailure }> {
  const existing = await queries.assignmentsOfTemplate(templateId);
  const key = (t: Target) => `${t.personId}|${t.pairId ?? ''}`;
  const have = new Set(
    existing.map((a) => key({ personId: a.fields.personId ?? '', pairId: a.fields.pairId ?? null })),
  );
  const fresh = [...new Map(targets.map((t) => [key(t), t])).values()].filter((t) => !have.has(key(t)));
  if (fresh.length > 0) {
    const result = await repo.createMany(
      'formAssignment',
      fresh.map((target) => ({ templateId, personId: target.personId, pairId: target.pairId, due })),
    );
    if (!result.ok) return { ok: false, result };
  }
  return { ok: true, created: fresh.length, skipped: targets.length - fresh.length };
}
