// The participants base: who is in it, whose consent is missing, who is in a pair; and erasing a person.
import { distinctClasses, foldClass, foldText, hasClass } from '../../domain/fold-text';
import { isMinor } from '../../domain/minor';
import type { SyncedRecord } from '../../domain/record';
import { allOf } from '../db/live';
import type { Queries } from '../db/queries';
import type { Repository, WriteResult } from '../db/repository';
import { todayIso } from '../i18n/format';

export type PersonRow = {
  person: SyncedRecord<'person'>;
  hasConsent: boolean;
  needsConsent: boolean;
  pairs: number;
};

export type PeopleFilter = { text: string; kind: string; className: string; withArchived: boolean };

export function loadPeople(queries: Queries): Promise<{ rows: PersonRow[]; classes: string[] }> {
  return allOf([queries.people(), queries.allConsents(), queries.pairs()]).then(
    ([people, consents, pairs]) => {
      const consented = new Set(
        consents.filter((c) => c.fields.withdrawn === false).map((c) => c.fields.personId ?? ''),
      );
      const inPairs = new Map<string, number>();
      for (const p of pairs) {
        if (p.fields.status === 'ended' || p.fields.status === 'finished') continue;
        for (const id of [p.fields.mentorId ?? '', ...(p.fields.menteeIds ?? [])])
          inPairs.set(id, (inPairs.get(id) ?? 0) + 1);
      }
      const today = todayIso();
      const rows = people.map((person) => ({
        person,
        hasConsent: consented.has(person.id),
        needsConsent: isMinor(person.fields, today) && !consented.has(person.id),
        pairs: inPairs.get(person.id) ?? 0,
      }));
      const classes = distinctClasses(people.map((p) => p.fields.classOrSubject ?? ''));
      return { rows, classes };
    },
  );
}

/** «Поиск по ФИО» and the filters: names and classes compare folded (fold-text.ts), so «Федор» finds «Фёдор». */
/**
 * Someone already in the base under the same name (folded as search folds it: case, «ё», Latin
 * look-alikes) and, when both have one, the same class or subject: what a person added by hand may
 * repeat. The import tells such rows apart by evidence; a form has only the name and class to go by.
 */
export function namesakeOf(
  rows: readonly PersonRow[],
  fullName: string,
  classOrSubject: string,
): SyncedRecord<'person'> | undefined {
  const name = foldText(fullName);
  const cls = foldClass(classOrSubject);
  return rows.find(({ person }) => {
    if (foldText(person.fields.fullName ?? '') !== name) return false;
    const theirs = foldClass(person.fields.classOrSubject ?? '');
    return cls === '' || theirs === '' || cls === theirs;
  })?.person;
}

export function filterPeople(rows: readonly PersonRow[], f: PeopleFilter): PersonRow[] {
  const text = foldText(f.text);
  return rows.filter(
    ({ person: p }) =>
      (f.withArchived || p.fields.archived !== true) &&
      (!f.kind || p.fields.kind === f.kind) &&
      (!f.className || hasClass([p.fields.classOrSubject ?? ''], f.className)) &&
      (!text || foldText(p.fields.fullName ?? '').includes(text)),
  );
}

/**
 * Erases a person everywhere after a consent is withdrawn: everything about them is deleted (and a
 * deleted record keeps no content on any device) — consents, IDPs, forms and answers, «Подходит ли
 * пара?» answers —; a pair they mentored or were the only mentee of is deleted with its meetings, and
 * they leave their groups. The server finishes what an older app left (server/erasure.ts).
 */
export async function erasePerson(
  repo: Repository,
  queries: Queries,
  personId: string,
): Promise<WriteResult> {
  const [consents, assignments, pairs] = await Promise.all([
    queries.consentsOf(personId),
    queries.assignmentsOf(personId),
    queries.pairs(),
  ]);
  const responses = await queries.responsesTo(assignments.map((a) => a.id));
  const plans = (await queries.plansOfPairs(pairs.map((p) => p.id))).filter(
    (p) => p.fields.menteeId === personId,
  );
  const tasks = await queries.tasksOfPlans(plans.map((p) => p.id));
  const goals = (await Promise.all(plans.map((p) => queries.goalsOfPlan(p.id)))).flat();
  const theirPairs = pairs.filter(
    (p) => p.fields.mentorId === personId || (p.fields.menteeIds ?? []).includes(personId),
  );
  // A pair they mentored or were the only mentee of is deleted, and its meetings and «Подходит ли пара?»
  // answers with it: their texts are about the person erased (the server does the same for a pair
  // deleted by any device: erasure.ts eraseWithPair). They leave the groups they were in.
  const isDeletedWith = (p: SyncedRecord<'pair'>) => {
    const mentees = p.fields.menteeIds ?? [];
    return p.fields.mentorId === personId || (mentees.length === 1 && mentees[0] === personId);
  };
  const deletedPairs = theirPairs.filter(isDeletedWith);
  const deletedIds = new Set(deletedPairs.map((p) => p.id));
  const fitAnswers = (await Promise.all(theirPairs.map((p) => queries.fitAnswersOf(p.id))))
    .flat()
    .filter((a) => a.fields.personId === personId || deletedIds.has(a.fields.pairId ?? ''));
  const meetings = (await Promise.all(deletedPairs.map((p) => queries.meetingsOfPair(p.id)))).flat();
  for (const [type, records] of [
    ['task', tasks],
    ['goal', goals],
    ['plan', plans],
    ['formResponse', responses],
    ['formAssignment', assignments],
    ['consent', consents],
    ['fitAnswer', fitAnswers],
    ['meeting', meetings],
    ['pair', deletedPairs],
  ] as const) {
    for (const r of records) {
      const result = await repo.remove(type, r.id);
      if (!result.ok) return result;
    }
  }
  for (const pair of theirPairs.filter((p) => !isDeletedWith(p))) {
    const mentees = pair.fields.menteeIds ?? [];
    if (!mentees.includes(personId)) continue;
    const result = await repo.update('pair', pair.id, { menteeIds: mentees.filter((id) => id !== personId) });
    if (!result.ok) return result;
  }
  return repo.remove('person', personId);
}
