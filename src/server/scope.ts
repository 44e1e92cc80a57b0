// What a non-curator may read: facts looked up in storage, turned into grants by the pure rules of
// domain/access.ts, and fingerprinted into the pull cursor so a changed scope is noticed.
import { createHash } from 'node:crypto';
import type { Membership, PersonFacts, PlanLink, ScopeFacts } from '../domain/access';
import { isMinor } from '../domain/minor';
import type { SyncedRecord } from '../domain/record';
import type { StorageTx } from './storage/storage';

const live = (r: SyncedRecord) => r.deleted === undefined;

export async function personFacts(
  tx: StorageTx,
  schoolId: string,
  id: string,
): Promise<PersonFacts | undefined> {
  const row = await tx.getRecord(schoolId, id);
  if (row?.record.type !== 'person' || !live(row.record)) return undefined;
  const consents = await tx.findByRef(schoolId, 'consent', id);
  return {
    id,
    // Marked a minor, or under 18 by the birth date on the server's day (domain/minor.ts).
    isMinor: isMinor(row.record.fields, new Date().toISOString().slice(0, 10)),
    hasConsent: consents.some((c) => live(c) && c.fields.withdrawn === false),
  };
}

export function toMembership(pair: SyncedRecord<'pair'>): Membership {
  return { id: pair.id, mentorId: pair.fields.mentorId ?? '', menteeIds: pair.fields.menteeIds ?? [] };
}

export function toPlanLink(plan: SyncedRecord<'plan'>): PlanLink {
  return { id: plan.id, pairId: plan.fields.pairId ?? '', menteeId: plan.fields.menteeId ?? '' };
}

export async function scopeFacts(tx: StorageTx, schoolId: string, personId: string): Promise<ScopeFacts> {
  const pairs = (await tx.findByRef(schoolId, 'pair', personId)).filter(live).map(toMembership);
  const plans: PlanLink[] = [];
  for (const pair of pairs) {
    plans.push(...(await tx.findByRef(schoolId, 'plan', pair.id)).filter(live).map(toPlanLink));
  }
  const ids = new Set([personId, ...pairs.flatMap((p) => [p.mentorId, ...p.menteeIds])]);
  const people: PersonFacts[] = [];
  for (const id of ids) {
    const facts = await personFacts(tx, schoolId, id);
    if (facts) people.push(facts);
  }
  // Only a mentor's grants use them (responses to forms about their pairs that the form lets them read).
  const isMentor = pairs.some((p) => p.mentorId === personId);
  const mentorVisibleTemplateIds = isMentor
    ? await tx.idsWhereTrue(schoolId, 'formTemplate', 'visibleToMentor')
    : [];
  return { pairs, plans, people, mentorVisibleTemplateIds };
}

export const ALL_SCOPE = 'all';

export function scopeHash(grants: ReadonlySet<string>): string {
  return createHash('sha256')
    .update([...grants].sort().join('\n'))
    .digest('hex')
    .slice(0, 20);
}
