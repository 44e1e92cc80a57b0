// Checks a new pair before it is written, with the same consent rule the server keeps.
import { mayReceivePerson } from '../../domain/access';
import { isMinor } from '../../domain/minor';
import type { Queries } from '../db/queries';
import { todayIso } from '../i18n/format';
import { t } from '../i18n/i18n';

export async function pairFormErrors(
  queries: Queries,
  draft: { mentorId: string; menteeIds: string[] },
): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  if (!draft.mentorId) errors.mentorId = t('pairs.needMentor');
  if (draft.menteeIds.length === 0) errors.menteeIds = t('pairs.needMentee');
  if (draft.menteeIds.includes(draft.mentorId)) errors.menteeIds = t('pairs.selfMentor');
  for (const id of [draft.mentorId, ...draft.menteeIds].filter(Boolean)) {
    const person = await queries.person(id);
    const consents = await queries.consentsOf(id);
    const facts = {
      id,
      isMinor: person !== undefined && isMinor(person.fields, todayIso()),
      hasConsent: consents.some((c) => c.fields.withdrawn === false),
    };
    if (!mayReceivePerson(facts)) {
      const message = t('pairs.minorNoConsent', { name: person?.fields.fullName ?? id });
      if (id === draft.mentorId) errors.mentorId = message;
      else errors.menteeIds = message;
    }
  }
  return errors;
}
