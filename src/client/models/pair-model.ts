// Everything the pair page shows, loaded by index for this one pair.
import { type Progress, progressOf } from '../../domain/idp';
import type { SyncedRecord } from '../../domain/record';
import { MEETING_KINDS, type MeetingKind } from '../../domain/record-types';
import type { Queries } from '../db/queries';
import { withoutConsent } from './pair-checks-model';

export type PairPage = {
  pair: SyncedRecord<'pair'>;
  mentor: SyncedRecord<'person'> | undefined;
  mentees: {
    id: string;
    person: SyncedRecord<'person'> | undefined;
    planId: string | null;
    progress: Progress;
  }[];
  meetings: SyncedRecord<'meeting'>[];
  /** The date each kind of the series was first held, if it was. */
  series: { kind: MeetingKind; firstHeld: string | null }[];
  hasTrial: boolean;
  myFit: SyncedRecord<'fitAnswer'> | undefined;
  hasUnfit: boolean;
  /**
   * Members who are minors without a valid parental consent (withdrawn since the pair was made, or a
   * birth date typed later): the server sends nothing of theirs to the others, so the pair cannot work
   * for them until a consent is recorded. Read on a curator's device, which holds the consents.
   */
  withoutConsent: SyncedRecord<'person'>[];
};

export async function loadPair(queries: Queries, pairId: string, viewerId: string): Promise<PairPage | null> {
  const pair = await queries.pair(pairId);
  if (!pair || pair.deleted !== undefined) return null;
  const menteeIds = pair.fields.menteeIds ?? [];
  const people = new Map(
    (await queries.peopleByIds([pair.fields.mentorId ?? '', ...menteeIds])).map((p) => [p.id, p]),
  );
  const meetings = await queries.meetingsOfPair(pairId);
  const held = meetings.filter((m) => (m.fields.status ?? 'held') === 'held');
  const plans = await queries.plansOfPairs([pairId]);
  const tasks = await queries.tasksOfPlans(plans.map((p) => p.id));
  const mentees = menteeIds.map((id) => {
    const plan = plans.find((p) => p.fields.menteeId === id);
    const own = plan ? tasks.filter((t) => t.fields.planId === plan.id) : [];
    return {
      id,
      person: people.get(id),
      planId: plan?.id ?? null,
      progress: progressOf(own.map((t) => ({ status: t.fields.status ?? '', due: t.fields.due }))),
    };
  });
  const series = MEETING_KINDS.map((kind) => {
    const dates = held.filter((m) => m.fields.kind === kind).map((m) => m.fields.date ?? '');
    return { kind, firstHeld: dates.length ? (dates.sort()[0] as string) : null };
  });
  const fits = await queries.fitAnswersOf(pairId);
  const unconsented = await withoutConsent(queries, [...people.values()]);
  return {
    pair,
    mentor: people.get(pair.fields.mentorId ?? ''),
    mentees,
    meetings,
    series,
    hasTrial: held.some((m) => m.fields.kind === 'trial'),
    myFit: fits.find((f) => f.fields.personId === viewerId),
    hasUnfit: fits.some((f) => f.fields.fits === false),
    withoutConsent: unconsented,
  };
}
