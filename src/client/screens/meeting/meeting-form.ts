// The meeting form's values, defaults and checks, kept apart from the screen.
import { nextMeetingKind } from '../../../domain/meeting-series';
import type { SyncedRecord } from '../../../domain/record';
import { nowTime, todayIso } from '../../i18n/format';
import { t } from '../../i18n/i18n';

export type MeetingForm = {
  date: string;
  startTime: string;
  durationMin: string;
  kind: string;
  notes: string;
  privateNotes: string;
};

/** Smart defaults: today, now, the previous meeting's duration, the next kind of the series. */
export function newMeetingDefaults(previous: readonly SyncedRecord[], now: Date = new Date()): MeetingForm {
  const last = previous[0];
  return {
    date: todayIso(now),
    startTime: nowTime(now),
    durationMin: String(last?.fields.durationMin ?? 45),
    kind: nextMeetingKind(previous.map((m) => String(m.fields.kind))),
    notes: '',
    privateNotes: '',
  };
}

export function formFromMeeting(m: SyncedRecord): MeetingForm {
  const f = m.fields;
  return {
    date: String(f.date ?? ''),
    startTime: String(f.startTime ?? ''),
    durationMin: String(f.durationMin ?? ''),
    kind: String(f.kind ?? 'regular'),
    notes: String(f.notes ?? ''),
    privateNotes: String(f.privateNotes ?? ''),
  };
}

export function meetingFormErrors(form: MeetingForm): Partial<Record<keyof MeetingForm, string>> {
  const errors: Partial<Record<keyof MeetingForm, string>> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date)) errors.date = t('meeting.needDate');
  const minutes = Number(form.durationMin);
  if (form.durationMin.trim() === '' || !Number.isInteger(minutes) || minutes < 0 || minutes > 1440)
    errors.durationMin = t('meeting.needDuration');
  return errors;
}

/** The record fields of a valid form; private notes only for those who may keep them. */
export function meetingFields(form: MeetingForm, withPrivate: boolean): Record<string, unknown> {
  return {
    date: form.date,
    startTime: form.startTime || null,
    durationMin: Number(form.durationMin),
    kind: form.kind,
    notes: form.notes,
    ...(withPrivate ? { privateNotes: form.privateNotes || null } : {}),
  };
}
