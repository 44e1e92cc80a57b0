// Checks a pair's members with the same consent rule the server keeps (domain/access.ts).
import { mayReceivePerson } from '../../domain/access';
import { isMinor } from '../../domain/minor';
import type { SyncedRecord } from '../../domain/record';
import type { Queries } from '../db/queries';
import { todayIso } from '../i18n/format';
import { t } from '../i18n/i18n';

/**
 * The people of `people` no pair may name: minors (marked, or under 18 by the birth date) without a valid
 * parental consent, whose data the server sends to nobody but curators (`mayReceivePerson`).
 */
export async function withoutConsent(
  queries: Queries,
  people: readonly SyncedRecord<'person'>[],
): Promise<SyncedRecord<'person'>[]> {
  const today = todayIso();
  const found: SyncedRecord<'person'>[] = [];
  for (const person of people) {
    if (!isMinor(person.fields, today)) continue;
    const consents = await queries.consentsOf(person.id);
    const facts = {
      id: person.id,
      isMinor: true,
      hasConsent: consents.some((c) => c.fields.withdrawn === false),
    };
    if (!mayReceivePerson(facts)) found.push(person);
  }
  return found;
}

/** The members of `pairs` no pair may name (`withoutConsent`): an order may not approve their pairs. */
export async function membersWithoutConsent(
  queries: Queries,
  pairs: readonly SyncedRecord<'pair'>[],
): Promise<SyncedRecord<'person'>[]> {
  const ids = [...new Set(pairs.flatMap((p) => [p.fields.mentorId ?? '', ...(p.fields.menteeIds ?? [])]))];
  return withoutConsent(queries, await queries.peopleByIds(ids.filter(Boolean)));
}

export async function pairFormErrors(
  queries: Queries,
  draft: { mentorId: string; menteeIds: string[] },
): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  if (!draft.mentorId) errors.mentorId = t('pairs.needMentor');
  if (draft.menteeIds.length === 0) errors.menteeIds = t('pairs.needMentee');
  if (draft.menteeIds.includes(draft.mentorId)) errors.menteeIds = t('pairs.selfMentor');
  const members = await queries.peopleByIds([draft.mentorId, ...draft.menteeIds].filter(Boolean));
  for (const person of await withoutConsent(queries, members)) {
    const message = t('pairs.minorNoConsent', { name: person.fields.fullName ?? person.id });
    if (person.id === draft.mentorId) errors.mentorId = message;
    else errors.menteeIds = message;
  }
  return errors;
}
