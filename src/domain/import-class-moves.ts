// A class list read again a year later names pupils already in the base under their new class («7Б» in
// the base, «8Б» in September's list). Whoever the import takes for someone already in the base keeps
// their card — and takes the class the file gives them: the list is the school's word on where each pupil
// is now, and a pupil left in last year's class would be listed, filtered and reported there.
import { foldClass, foldText } from './fold-text';
import { isSubject } from './import-namesakes';
import type { ImportPlan } from './import-people';

/** Where a row is in the file: its number, and its sheet when the workbook's sheets were read together. */
export type RowAt = { row: number; sheet?: string };

/** A person of the base whose class (or, for staff, subject) the import changes: `from` → `to`. */
export type ClassMove = RowAt & { id: string; fullName: string; from: string | null; to: string };

/**
 * The class changes an import makes besides the people it adds: for every row taken for someone already
 * in the base — found by evidence (`plan.existing`: the same name and birth date), or the same name one
 * class up or under another subject (a teacher who took another), that the curator did not mark as
 * another person (`isOther`) — whose file gives a class other than the base's (compared folded: «7 б»
 * is «7Б», and stays as the base writes it). A row without a class
 * changes nothing; neither does a likely duplicate of another kind (a name written with initials, a class
 * missing on one side): it says too little to move anyone.
 */
export function classMoves(plan: ImportPlan, isOther: (at: RowAt) => boolean): ClassMove[] {
  const moves: ClassMove[] = [];
  const add = (at: RowAt, id: string, fullName: string, from: string | null, to: string | null) => {
    if (to === null || foldClass(to) === foldClass(from ?? '')) return;
    moves.push({
      row: at.row,
      ...(at.sheet === undefined ? {} : { sheet: at.sheet }),
      id,
      fullName,
      from,
      to,
    });
  };
  for (const e of plan.existing)
    add(e, e.id, e.base.fullName, e.base.classOrSubject, e.person.classOrSubject);
  for (const l of plan.likely) {
    if (!('person' in l.of) || isOther(l)) continue;
    const { person } = l.of;
    // One class up, or a teacher's other subject: the same person, unless the curator says not.
    const isSubjectChange =
      foldText(person.fullName) === foldText(l.person.fullName) &&
      person.classOrSubject !== null &&
      l.person.classOrSubject !== null &&
      isSubject(foldClass(person.classOrSubject)) &&
      isSubject(foldClass(l.person.classOrSubject));
    if (l.of.isMovedUp || isSubjectChange)
      add(l, person.id, person.fullName, person.classOrSubject, l.person.classOrSubject);
  }
  // One person named by two rows (two sheets) moves once, to the first row's class.
  const seen = new Set<string>();
  return moves
    .sort((a, b) => plan.sheets.indexOf(a.sheet ?? '') - plan.sheets.indexOf(b.sheet ?? '') || a.row - b.row)
    .filter((m) => !seen.has(m.id) && seen.add(m.id));
}
