// Suggestions for pairing: mentors ranked for one mentee by how their questionnaires match, each with
// the reasons a curator can check, and with the mentor's load.
import { foldText } from './fold-text';
import { queryWords } from './search-text';

export type MenteeProfile = {
  id: string;
  kind: string;
  classOrSubject: string | null;
  /** Answers of the mentee intake questionnaire (built-in ids), if sent. */
  intake: Record<string, unknown> | null;
  interests: string | null;
  /** What the mentee wrote in the preference survey after the group meeting. */
  preferred: string | null;
};

export type MentorProfile = {
  id: string;
  fullName: string;
  kind: string;
  classOrSubject: string | null;
  intake: Record<string, unknown> | null;
  interests: string | null;
  /** Active pairs and groups the mentor already has. */
  load: number;
};

/**
 * Why a mentor is suggested (or less so), as codes the UI words in its language; the items are the
 * mentee's and mentor's own answers and words, shown as written.
 */
export type MatchReason =
  | { code: 'areas' | 'subjects' | 'schedule' | 'interests'; items: string[] }
  | { code: 'group'; group: string }
  | { code: 'wanted'; kind: 'teacher' | 'student' }
  | { code: 'busy'; load: number; capacity: number }
  | { code: 'named' | 'no-mentee-intake' | 'no-mentor-intake' };

export type Suggestion = {
  mentorId: string;
  score: number;
  reasons: MatchReason[];
  load: number;
  capacity: number | null;
};

const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : [];
const words = (text: string | null | undefined) =>
  new Set(queryWords(text ?? '').filter((w) => w.length >= 4));

const CAPACITY: Record<string, number> = { Одного: 1, Двоих: 2, Троих: 3, Группу: 6 };

/** Which group of the mentor questionnaire a mentee falls in, from their class («7Б») or kind. */
export function menteeGroup(kind: string, classOrSubject: string | null): string | null {
  if (kind === 'teacher') return 'С молодыми педагогами';
  const grade = Number.parseInt(classOrSubject ?? '', 10);
  if (!Number.isFinite(grade)) return null;
  return grade <= 4
    ? 'С учениками 1–4 классов'
    : grade <= 9
      ? 'С учениками 5–9 классов'
      : 'С учениками 10–11 классов';
}

function common(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((w) => [...b].some((x) => x.slice(0, 5) === w.slice(0, 5)));
}

function scoreMentor(mentee: MenteeProfile, mentor: MentorProfile): Suggestion {
  const reasons: MatchReason[] = [];
  let score = 0;
  const needs = list(mentee.intake?.areas);
  const strengths = list(mentor.intake?.strengths);
  const areas = needs.filter((n) => strengths.includes(n));
  if (areas.length) {
    score += 20 * areas.length;
    reasons.push({ code: 'areas', items: areas });
  }
  const subjects = common(
    words(String(mentee.intake?.subjects ?? '')),
    words(`${String(mentor.intake?.subjects ?? '')} ${mentor.classOrSubject ?? ''}`),
  );
  if (subjects.length) {
    score += 15;
    reasons.push({ code: 'subjects', items: subjects });
  }
  const schedule = list(mentee.intake?.schedule).filter((s) => list(mentor.intake?.schedule).includes(s));
  if (schedule.length) {
    score += 10;
    reasons.push({ code: 'schedule', items: schedule });
  }
  const group = menteeGroup(mentee.kind, mentee.classOrSubject);
  if (group && list(mentor.intake?.menteeKind).includes(group)) {
    score += 10;
    reasons.push({ code: 'group', group });
  }
  const wanted = String(mentee.intake?.mentorKind ?? '');
  if (
    (wanted === 'Педагога' && mentor.kind === 'teacher') ||
    (wanted === 'Старшеклассника' && mentor.kind === 'student')
  ) {
    score += 10;
    reasons.push({ code: 'wanted', kind: mentor.kind === 'teacher' ? 'teacher' : 'student' });
  }
  const surname = foldText(mentor.fullName).split(' ')[0] ?? '';
  if (surname.length >= 3 && foldText(mentee.preferred ?? '').includes(surname.slice(0, -1))) {
    score += 30;
    reasons.push({ code: 'named' });
  }
  const shared = common(
    words(`${mentee.interests ?? ''} ${String(mentee.intake?.interests ?? '')}`),
    words(`${mentor.interests ?? ''} ${String(mentor.intake?.motivation ?? '')}`),
  );
  if (shared.length) {
    score += Math.min(15, 5 * shared.length);
    reasons.push({ code: 'interests', items: shared.slice(0, 3) });
  }
  const capacity = CAPACITY[String(mentor.intake?.capacity ?? '')] ?? null;
  if (capacity !== null && mentor.load >= capacity) {
    score -= 30;
    reasons.push({ code: 'busy', load: mentor.load, capacity });
  }
  if (!mentee.intake) reasons.push({ code: 'no-mentee-intake' });
  if (!mentor.intake) reasons.push({ code: 'no-mentor-intake' });
  return { mentorId: mentor.id, score, reasons, load: mentor.load, capacity };
}

/**
 * Mentors who can take this mentee, best first; equal scores go to the less loaded mentor. Never the
 * mentee themselves, and never a mentor already taking as many mentees as their questionnaire offers:
 * a suggestion is someone the curator can pair at once. An empty list means nobody can.
 */
export function suggestMentors(mentee: MenteeProfile, mentors: readonly MentorProfile[]): Suggestion[] {
  return mentors
    .filter((m) => m.id !== mentee.id)
    .map((m) => scoreMentor(mentee, m))
    .filter((s) => s.capacity === null || s.load < s.capacity)
    .sort((a, b) => b.score - a.score || a.load - b.load);
}
