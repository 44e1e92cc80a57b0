// The fields of a meeting's form: when, how long, what kind, how it went, what was talked about, who
// came (in a group), the agreed next steps and the mentor's private notes.

import type { SyncedRecord } from '../../../domain/record';
import { MEETING_KINDS, MEETING_STATUSES } from '../../../domain/record-types';
import { type MessageKey, t } from '../../i18n/i18n';
import { type FormErrors, type MeetingForm, meetingTextMax, type NextStep } from '../../models/meeting-model';
import { SelectField, TextArea, TextField } from '../../ui/fields';
import { personName } from '../../ui/person-name';
import { NextStepsField } from './NextStepsField';
import { TopicsField } from './TopicsField';

export function MeetingFields(props: {
  form: MeetingForm;
  errors: FormErrors;
  /** The group's mentees, whose attendance is marked; empty for a pair of one mentee. */
  mentees: SyncedRecord<'person'>[];
  update: (patch: Partial<MeetingForm>) => void;
  onToIdp: (step: NextStep) => void;
}) {
  const { form, errors, mentees, update } = props;
  const isGroup = mentees.length > 0;
  return (
    <>
      <fieldset class="form__grid">
        <TextField
          label={t('meeting.date')}
          type="date"
          name="date"
          value={form.date}
          error={errors.date}
          onValue={(v) => update({ date: v })}
        />
        <TextField
          label={t('meeting.startTime')}
          type="time"
          name="startTime"
          value={form.startTime}
          onValue={(v) => update({ startTime: v })}
        />
        <TextField
          label={t('meeting.duration')}
          type="number"
          inputMode="numeric"
          min={0}
          max={1440}
          name="durationMin"
          value={form.durationMin}
          error={errors.durationMin}
          onValue={(v) => update({ durationMin: v })}
        />
        <SelectField
          label={t('meeting.kind')}
          name="kind"
          value={form.kind}
          options={MEETING_KINDS.map((k) => ({ value: k, label: t(`meeting.kind.${k}`) }))}
          onValue={(v) => update({ kind: v })}
        />
        <SelectField
          label={t('meeting.status')}
          name="status"
          value={form.status}
          options={MEETING_STATUSES.map((s) => ({
            value: s,
            label: t(`meeting.status.${s}` as MessageKey),
          }))}
          onValue={(v) => update({ status: v })}
        />
      </fieldset>
      {form.status === 'cancelled' && (
        <TextField
          label={t('meeting.cancelReason')}
          name="cancelReason"
          value={form.cancelReason}
          maxLength={meetingTextMax('cancelReason')}
          error={errors.cancelReason}
          onValue={(v) => update({ cancelReason: v })}
        />
      )}
      <fieldset>
        <TextArea
          label={t('meeting.notes')}
          name="notes"
          rows={6}
          value={form.notes}
          maxLength={meetingTextMax('notes')}
          onValue={(v) => update({ notes: v })}
        />
      </fieldset>
      <TopicsField
        value={form.topics}
        other={form.pendingTopic}
        onValue={(topics, pendingTopic) => update({ topics, pendingTopic })}
        onOther={(pendingTopic) => update({ pendingTopic })}
      />
      {isGroup && (
        <fieldset class="field">
          <legend>{t('meeting.attendance')}</legend>
          {mentees.map((m) => (
            <label key={m.id} class="checklist__item">
              <input
                type="checkbox"
                checked={form.attendance.includes(m.id)}
                onChange={(e) =>
                  update({
                    attendance: e.currentTarget.checked
                      ? [...form.attendance, m.id]
                      : form.attendance.filter((x) => x !== m.id),
                  })
                }
              />
              <span>{personName(m)}</span>
            </label>
          ))}
        </fieldset>
      )}
      <NextStepsField
        value={form.nextSteps}
        text={form.pendingStep}
        canSendToIdp
        onValue={(nextSteps, pendingStep) => update({ nextSteps, pendingStep })}
        onText={(pendingStep) => update({ pendingStep })}
        onToIdp={props.onToIdp}
      />
      <fieldset>
        <TextArea
          label={t('meeting.privateNotes')}
          name="privateNotes"
          rows={3}
          value={form.privateNotes}
          maxLength={meetingTextMax('privateNotes')}
          onValue={(v) => update({ privateNotes: v })}
        />
      </fieldset>
    </>
  );
}
