// The methodology's base of mentors and base of mentees (Р-145, roadmap stages 1–2): one row per person
// and pair they are in — the person and their contacts (a minor's legal representative), the form of
// mentoring, the partner, start and end of taking part, results — plus those waiting for a pair.
import type { PairStatus } from './record-types';

export type BasePerson = {
  id: string;
  fullName: string;
  classOrSubject: string | null;
  minor: boolean;
  contacts: string | null;
  trained: boolean;
  archived: boolean;
};
export type BasePair = {
  id: string;
  mentorId: string;
  menteeIds: readonly string[];
  form: string;
  status: PairStatus;
  startDate: string | null;
  endReason: string | null;
  history: readonly { date: string; status: PairStatus; note: string | null }[];
};
/** What the data says about one mentee's work in one pair. */
type MenteeFacts = { tasksDone: number; tasksTotal: number; goalsReached: string | null };

export type BaseInput = {
  people: readonly BasePerson[];
  pairs: readonly BasePair[];
  /** Who signed a valid consent for each person (for a minor, the legal representative). */
  consentSignedBy: ReadonlyMap<string, string>;
  /** Meetings held, by pair. */
  meetingsHeld: ReadonlyMap<string, number>;
  /** By `${pairId}:${menteeId}`. */
  menteeFacts: ReadonlyMap<string, MenteeFacts>;
  /** The answer a mentor gave to «goals reached?» in the final questionnaire, by pair. */
  mentorGoalsReached: ReadonlyMap<string, string>;
  /** People assigned the intake questionnaire of mentees / mentors: the base before pairing. */
  intakeMentees: ReadonlySet<string>;
  intakeMentors: ReadonlySet<string>;
};

/** One row of a base. `partners` are the other side of the pair (several for a group). */
export type BaseRow = {
  person: BasePerson;
  /** The legal representative of a minor, from their consent; null for adults or without one. */
  representative: string | null;
  pair: {
    form: string;
    status: PairStatus;
    partners: BasePerson[];
    start: string | null;
    end: string | null;
    meetingsHeld: number;
    tasksDone: number;
    tasksTotal: number;
    goalsReached: string | null;
    note: string | null;
  } | null;
};

const CLOSED: ReadonlySet<PairStatus> = new Set(['finished', 'ended']);

/** The day a pair stopped: the last time its history entered «finished» or «ended»; null while it works. */
export function pairEnd(pair: Pick<BasePair, 'status' | 'history'>): string | null {
  if (!CLOSED.has(pair.status)) return null;
  const closing = [...pair.history].reverse().find((h) => CLOSED.has(h.status));
  return closing?.date ?? null;
}

/** The day a pair began: its start date, else the first day of its history. */
const startOf = (pair: BasePair) => pair.startDate ?? pair.history[0]?.date ?? null;

function noteOf(pair: BasePair): string | null {
  if (pair.endReason) return pair.endReason;
  return [...pair.history].reverse().find((h) => h.note)?.note ?? null;
}

const byName = (a: BaseRow, b: BaseRow) =>
  a.person.fullName.localeCompare(b.person.fullName, 'ru') ||
  (a.pair?.start ?? '').localeCompare(b.pair?.start ?? '');

/**
 * Both bases, rows sorted by name: every mentor and mentee of a pair (one row per pair they are in), then
 * everyone assigned an intake questionnaire who has no pair yet. Archived people without a pair are left
 * out: they have left the programme.
 */
export function programmeBases(input: BaseInput): { mentors: BaseRow[]; mentees: BaseRow[] } {
  const people = new Map(input.people.map((p) => [p.id, p]));
  const representative = (p: BasePerson) => {
    const signedBy = input.consentSignedBy.get(p.id);
    return p.minor && signedBy && signedBy !== p.fullName ? signedBy : null;
  };
  const mentors: BaseRow[] = [];
  const mentees: BaseRow[] = [];
  const paired = { mentors: new Set<string>(), mentees: new Set<string>() };
  for (const pair of input.pairs) {
    const mentor = people.get(pair.mentorId);
    const group = pair.menteeIds.flatMap((id) => people.get(id) ?? []);
    if (!mentor || group.length === 0) continue;
    const common = {
      form: pair.form,
      status: pair.status,
      start: startOf(pair),
      end: pairEnd(pair),
      meetingsHeld: input.meetingsHeld.get(pair.id) ?? 0,
      note: noteOf(pair),
    };
    const facts = group.map((m) => input.menteeFacts.get(`${pair.id}:${m.id}`));
    paired.mentors.add(mentor.id);
    mentors.push({
      person: mentor,
      representative: representative(mentor),
      pair: {
        ...common,
        partners: group,
        tasksDone: facts.reduce((n, f) => n + (f?.tasksDone ?? 0), 0),
        tasksTotal: facts.reduce((n, f) => n + (f?.tasksTotal ?? 0), 0),
        goalsReached: input.mentorGoalsReached.get(pair.id) ?? null,
      },
    });
    group.forEach((mentee, i) => {
      paired.mentees.add(mentee.id);
      mentees.push({
        person: mentee,
        representative: representative(mentee),
        pair: {
          ...common,
          partners: [mentor],
          tasksDone: facts[i]?.tasksDone ?? 0,
          tasksTotal: facts[i]?.tasksTotal ?? 0,
          goalsReached: facts[i]?.goalsReached ?? null,
        },
      });
    });
  }
  const waiting = (ids: ReadonlySet<string>, done: Set<string>) =>
    [...ids].flatMap((id) => {
      const person = people.get(id);
      return person && !person.archived && !done.has(id)
        ? [{ person, representative: representative(person), pair: null }]
        : [];
    });
  return {
    mentors: [...mentors, ...waiting(input.intakeMentors, paired.mentors)].sort(byName),
    mentees: [...mentees, ...waiting(input.intakeMentees, paired.mentees)].sort(byName),
  };
}
