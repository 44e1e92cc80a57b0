// Record or edit a meeting. Every keystroke is saved as a draft first, so nothing typed is lost.

import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { MEETING_KINDS, MEETING_STATUSES } from '../../../domain/record-types';
import { useApp, useSession } from '../../app/context';
import { useLiveQuery } from '../../db/live';
import { type MessageKey, t } from '../../i18n/i18n';
import { addTask } from '../../models/idp-writes-model';
import {
  type FormErrors,
  formFromMeeting,
  type MeetingForm,
  meetingFields,
  meetingFormErrors,
  type NextStep,
  newMeetingDefaults,
} from '../../models/meeting-model';
import { setEditing, trackSave } from '../../state/editing';
import { useReadyMark } from '../../state/ready-mark';
import { offerUndo, withUndo } from '../../state/undo-toast';
import { SelectField, TextArea, TextField } from '../../ui/fields';
import { useNavigate } from '../../ui/navigate';
import { Notice, Page } from '../../ui/Page';
import { personName } from '../../ui/person-name';
import { saveMessage } from '../../ui/save-message';
import { ConflictCopies } from './ConflictCopies';
import { MeetingView } from './MeetingView';
import { NextStepsField } from './NextStepsField';
import { TopicsField } from './TopicsField';

export function MeetingScreen() {
  const { params } = useRoute();
  const route = useNavigate();
  const { queries, repo, drafts } = useApp();
  const session = useSession();
  const meetingId = params.id as string | undefined;
  const meeting = useLiveQuery(
    () => (meetingId ? queries.meeting(meetingId).then((m) => m ?? null) : Promise.resolve(null)),
    [meetingId],
  );
  const pairId = meetingId ? (meeting?.fields.pairId ?? '') : (params.pairId as string);
  const pair = useLiveQuery(() => (pairId ? queries.pair(pairId) : Promise.resolve(undefined)), [pairId]);
  const menteeIds = pair?.fields.menteeIds ?? [];
  const mentees = useLiveQuery(() => queries.peopleByIds(menteeIds), [menteeIds.join()]) ?? [];
  const draftKey = meetingId ? `meeting:${meetingId}` : `meeting:new:${pairId}`;
  const [form, setForm] = useState<MeetingForm | null>(null);
  const [isRestored, setRestored] = useState(false);
  const [errors, setErrors] = useState<FormErrors>({});
  const [message, setMessage] = useState<ReturnType<typeof saveMessage> | null>(null);

  const isMentor = pair?.fields.mentorId === session.personId;
  const canEdit = session.role === 'curator' || isMentor;
  const isGroup = menteeIds.length > 1;
  const isLoading =
    meeting === undefined || pair === undefined || (meetingId !== undefined && meeting === null);
  useReadyMark('meeting', form !== null);

  useEffect(() => {
    if (form || isLoading || !pair) return;
    void (async () => {
      const draft = await drafts.get(draftKey);
      if (draft) {
        setForm({ ...newMeetingDefaults([], menteeIds), ...(draft.value as MeetingForm) });
        setRestored(true);
        setEditing(draftKey, true);
      } else if (meeting) setForm(formFromMeeting(meeting));
      else setForm(newMeetingDefaults(await queries.meetingsOfPair(pairId), menteeIds));
    })();
  }, [isLoading, meeting, pair, draftKey]);
  useEffect(() => () => setEditing(draftKey, false), [draftKey]);

  if (meetingId && meeting === null && pair === undefined) {
    return (
      <Page title={t('meeting.editTitle')} back="/">
        <p>{t('meeting.notFound')}</p>
      </Page>
    );
  }
  // Someone who may only read (a mentee) gets the meeting as text, not a form they cannot use.
  if (pair && !canEdit && !isLoading) {
    return (
      <Page title={t('meeting.editTitle')} back={`/pair/${pairId}`}>
        {meeting ? (
          <MeetingView meeting={meeting} mentees={mentees} isGroup={isGroup} />
        ) : (
          <p>{t('meeting.readOnly')}</p>
        )}
      </Page>
    );
  }
  if (!form) {
    return (
      <Page title={meetingId ? t('meeting.editTitle') : t('meeting.newTitle')}>
        <p aria-busy="true">{t('app.loading')}</p>
      </Page>
    );
  }

  const update = (patch: Partial<MeetingForm>) => {
    const next = { ...form, ...patch };
    setForm(next);
    setEditing(draftKey, true);
    void trackSave(drafts.save(draftKey, next));
  };
  const back = `/pair/${pairId}`;
  const finish = async () => {
    await drafts.drop(draftKey);
    setEditing(draftKey, false);
    route(back);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    const found = meetingFormErrors(form);
    setErrors(found);
    if (Object.keys(found).length) return;
    const fields = meetingFields(form, { withPrivate: canEdit, isGroup });
    const result = meetingId
      ? await repo.update('meeting', meetingId, fields)
      : await repo.create('meeting', { pairId, ...fields });
    setMessage(saveMessage(result));
    if (result.ok) await finish();
  };

  const remove = async () => {
    if (!meetingId || !meeting) return;
    if (await withUndo(repo, [{ op: 'delete', record: meeting }], t('meeting.deleted'))) await finish();
  };

  const restart = async () => {
    // Dropping a restored draft drops what was typed: «Отменить» puts it back.
    const dropped = form;
    await drafts.drop(draftKey);
    setEditing(draftKey, false);
    setRestored(false);
    offerUndo(t('meeting.draftDiscarded'), () => {
      update(dropped);
      setRestored(true);
    });
    setForm(
      meeting
        ? formFromMeeting(meeting)
        : newMeetingDefaults(await queries.meetingsOfPair(pairId), menteeIds),
    );
  };

  const toIdp = async (step: NextStep) => {
    const targets = isGroup ? form.attendance : menteeIds;
    let firstTask: string | null = null;
    for (const menteeId of targets) {
      const result = await addTask(repo, queries, { pairId, menteeId }, { title: step.text });
      if (!result.ok) {
        setMessage(saveMessage(result));
        return;
      }
      firstTask ??= result.id;
    }
    update({ nextSteps: form.nextSteps.map((s) => (s.id === step.id ? { ...s, taskId: firstTask } : s)) });
  };

  return (
    <Page title={meetingId ? t('meeting.editTitle') : t('meeting.newTitle')} back={back}>
      {isRestored && (
        <Notice>
          {t('meeting.draftRestored')}{' '}
          <button type="button" class="button--quiet" onClick={() => void restart()}>
            {t('meeting.discardDraft')}
          </button>
        </Notice>
      )}
      {meetingId && <ConflictCopies recordId={meetingId} onUse={(text) => update({ notes: text })} />}
      <form class="form" onSubmit={save}>
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
            onValue={(v) => update({ notes: v })}
          />
        </fieldset>
        <TopicsField value={form.topics} onValue={(topics) => update({ topics })} />
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
          canSendToIdp
          onValue={(nextSteps) => update({ nextSteps })}
          onToIdp={(step) => void toIdp(step)}
        />
        <fieldset>
          <TextArea
            label={t('meeting.privateNotes')}
            name="privateNotes"
            rows={3}
            value={form.privateNotes}
            onValue={(v) => update({ privateNotes: v })}
          />
        </fieldset>
        {message && <Notice kind={message.kind}>{message.text}</Notice>}
        <div class="actions actions--sticky">
          <button type="submit" class="button--primary button--big">
            {t('meeting.save')}
          </button>
          {meetingId && (
            <button type="button" class="button--danger" onClick={() => void remove()}>
              {t('meeting.delete')}
            </button>
          )}
        </div>
      </form>
    </Page>
  );
}
