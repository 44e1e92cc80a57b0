// The set-up steps of a new programme, in the order a curator takes them, each ticked from the data:
// the school, class lists, consents, mentors, pairs, the approval order.

import { isMinor } from '../../domain/minor';
import type { SyncedRecord } from '../../domain/record';
import { PROGRAMME_ID } from '../../domain/record-type-names';
import { allOf } from '../db/live';
import type { Queries } from '../db/queries';
import { todayIso } from '../i18n/format';

type SetupStepKey = 'school' | 'lists' | 'consents' | 'mentors' | 'pairs' | 'order';

/** `progress`: how far a step of many items has come (the minors whose parents' consent is recorded). */
export type SetupStep = {
  key: SetupStepKey;
  isDone: boolean;
  href: string;
  progress?: { done: number; of: number };
};

/** Pure: the steps for what the device holds. `curatorId` is the curator's own person, not a mentor. */
function setupSteps(input: {
  programme: SyncedRecord<'programme'> | undefined;
  people: readonly SyncedRecord<'person'>[];
  consents: readonly SyncedRecord<'consent'>[];
  pairs: readonly SyncedRecord<'pair'>[];
  orders: number;
  curatorId: string;
}): SetupStep[] {
  const people = input.people.filter((p) => p.fields.archived !== true);
  const students = people.filter((p) => p.fields.kind === 'student');
  const consented = new Set(
    input.consents.filter((c) => c.fields.withdrawn === false).map((c) => c.fields.personId ?? ''),
  );
  const today = todayIso();
  const minors = students.filter((p) => isMinor(p.fields, today));
  const school = input.programme?.fields;
  return [
    { key: 'school', isDone: Boolean(school?.schoolName && school.directorName), href: '/programme' },
    { key: 'lists', isDone: students.length > 0, href: '/people/import' },
    {
      key: 'consents',
      isDone: students.length > 0 && minors.every((p) => consented.has(p.id)),
      href: '/people',
      progress: { done: minors.filter((p) => consented.has(p.id)).length, of: minors.length },
    },
    {
      key: 'mentors',
      isDone: people.some((p) => p.fields.kind === 'teacher' && p.id !== input.curatorId),
      href: '/people',
    },
    { key: 'pairs', isDone: input.pairs.length > 0, href: '/pairs' },
    { key: 'order', isDone: input.orders > 0, href: '/orders' },
  ];
}

export function loadSetup(queries: Queries, curatorId: string): Promise<SetupStep[]> {
  return allOf([
    queries.programme(PROGRAMME_ID),
    queries.people(),
    queries.allConsents(),
    queries.pairs(),
    queries.orders(),
  ]).then(([programme, people, consents, pairs, orders]) =>
    setupSteps({ programme, people, consents, pairs, orders: orders.length, curatorId }),
  );
}
