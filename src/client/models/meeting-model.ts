// The meeting form's values, defaults and checks, kept apart from the screen.
import { nextMeetingKind } from '../../domain/meeting-series';
import type { SyncedRecord } from '../../domain/record';
import { maxTextLength } from '../../domain/record-types';
import { earliestMeetingDay } from '../../domain/school-year';
import { formatDay, nowTime, todayIso } from '../i18n/format';
import { t } from '../i18n/i18n';
import { schoolNow } from '../state/school-clock';

export type NextStep = { id: string; text: string; taskId: string | null };

export type MeetingForm = {
  date: string;
  startTime: string;
  durationMin: string;
  kind: string;
  status: string;
  cancelReason: string;
  topics: string[];
  attendance: string[];
  notes: string;
  privateNotes: string;
  nextSteps: NextStep[];
  /**
   * A next step and a topic typed but not added yet: kept in the draft like the rest (a closed tab loses
   * neither), and added when the meeting is saved.
   */
  pendingStep: string;
  pendingTopic: string;
};

/** Smart defaults: today, now, the previous meeting's duration, the next kind of the series, everyone present. */
export function newMeetingDefaults(
  previous: readonly SyncedRecord<'meeting'>[],
  menteeIds: readonly string[],
  now: Date = schoolNow(),
): MeetingForm {
  const held = previous.filter((m) => (m.fields.status ?? 'held') === 'held');
  return {
    date: todayIso(now),
    startTime: nowTime(now),
    durationMin: String(held[0]?.fields.durationMin ?? 45),
    kind: nextMeetingKind(held.flatMap((m) => m.fields.kind ?? [])),
    status: 'held',
    cancelReason: '',
    topics: [],
    attendance: [...menteeIds],
    notes: '',
    privateNotes: '',
    nextSteps: [],
    pendingStep: '',
    pendingTopic: '',
  };
}

export function formFromMeeting(m: SyncedRecord<'meeting'>): MeetingForm {
  const f = m.fields;
  return {
    date: f.date ?? '',
    startTime: f.startTime ?? '',
    durationMin: f.durationMin === undefined ? '' : String(f.durationMin),
    kind: f.kind ?? 'regular',
    status: f.status ?? 'held',
    cancelReason: f.cancelReason ?? '',
    topics: f.topics ?? [],
    attendance: f.attendance ?? [],
    notes: f.notes ?? '',
    privateNotes: f.privateNotes ?? '',
    nextSteps: f.nextSteps ?? [],
    pendingStep: '',
    pendingTopic: '',
  };
}

/** A new next step of `text` (an id of its own among the meeting's steps). */
export function newStep(text: string): NextStep {
  return { id: crypto.randomUUID().slice(0, 8), text: text.trim(), taskId: null };
}

export type FormErrors = Partial<Record<keyof MeetingForm, string>>;

/** The longest a next step and a topic may be (the meeting's schema, domain/record-types.ts). */
export const STEP_MAX = 500;
export const TOPIC_MAX = 100;
/** The longest of the meeting's texts, as its schema says. */
const TEXT_MAX = {
  notes: maxTextLength('meeting', 'notes'),
  privateNotes: maxTextLength('meeting', 'privateNotes'),
  cancelReason: maxTextLength('meeting', 'cancelReason'),
  pendingStep: STEP_MAX,
  pendingTopic: TOPIC_MAX,
} as const;

/** A text over its limit is refused with a word, whole in its field, never cut (ui/text-limit.ts). */
function overLimit(text: string, max: number | undefined): string | null {
  return max !== undefined && text.length > max ? t('save.overLimit', { n: text.length, max }) : null;
}

export function meetingTextMax(field: keyof typeof TEXT_MAX): number | undefined {
  return TEXT_MAX[field];
}

/**
 * What is wrong with the form, by field (empty when it may be saved). `today` (YYYY-MM-DD, the school's
 * day): a meeting held cannot be dated after it, nor have lasted no time — a future meeting marked held
 * was counted on the home screen and not in monitoring.
 */
/**
 * What is wrong in a meeting's form, by field. `savedDate`: the stored meeting's date — a meeting already
 * dated before the earliest day (`earliestMeetingDay`: imported, or recorded years ago) keeps its date
 * when its notes are edited.
 */
export function meetingFormErrors(
  form: MeetingForm,
  today: string = todayIso(),
  savedDate: string | null = null,
): FormErrors {
  const errors: FormErrors = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date)) errors.date = t('meeting.needDate');
  else if (form.status === 'held' && form.date > today) errors.date = t('meeting.heldInFuture');
  else if (form.date !== savedDate && form.date < earliestMeetingDay(today))
    errors.date = t('meeting.tooOld', { date: formatDay(earliestMeetingDay(today)) });
  const minutes = Number(form.durationMin);
  if (form.durationMin.trim() === '' || !Number.isInteger(minutes) || minutes < 0 || minutes > 1440)
    errors.durationMin = t('meeting.needDuration');
  else if (form.status === 'held' && minutes === 0) errors.durationMin = t('meeting.heldNeedsDuration');
  if (form.status === 'cancelled' && form.cancelReason.trim() === '')
    errors.cancelReason = t('meeting.needCancelReason');
  for (const field of Object.keys(TEXT_MAX) as (keyof typeof TEXT_MAX)[]) {
    const over = overLimit(form[field], TEXT_MAX[field]);
    if (over) errors[field] = over;
  }
  return errors;
}

/** The record fields of a valid form; private notes only for those who may keep them. */
export function meetingFields(
  form: MeetingForm,
  options: { withPrivate: boolean; isGroup: boolean },
): Record<string, unknown> {
  // What was typed into «Новый шаг» or «Другая тема» and not added yet is saved with the rest.
  const pendingTopic = form.pendingTopic.trim();
  const topics =
    pendingTopic && !form.topics.includes(pendingTopic) ? [...form.topics, pendingTopic] : form.topics;
  const steps = form.pendingStep.trim() ? [...form.nextSteps, newStep(form.pendingStep)] : form.nextSteps;
  return {
    date: form.date,
    startTime: form.startTime || null,
    durationMin: Number(form.durationMin),
    kind: form.kind,
    status: form.status,
    cancelReason: form.status === 'cancelled' ? form.cancelReason.trim() : null,
    topics,
    notes: form.notes,
    nextSteps: steps.filter((s) => s.text.trim() !== '').map((s) => ({ ...s, text: s.text.trim() })),
    ...(options.isGroup ? { attendance: form.attendance } : {}),
    ...(options.withPrivate ? { privateNotes: form.privateNotes || null } : {}),
  };
}
