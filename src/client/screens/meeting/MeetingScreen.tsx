// Record or edit a meeting. Every keystroke is saved as a draft first, so nothing typed is lost.

import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { MEETING_KINDS } from '../../../domain/record-types';
import { useApp, useSession } from '../../app/context';
import { useLiveQuery } from '../../db/live';
import { t } from '../../i18n/i18n';
import { setEditing, trackSave } from '../../state/editing';
import { SelectField, TextArea, TextField } from '../../ui/fields';
import { Notice, Page } from '../../ui/Page';
import { saveMessage } from '../../ui/save-message';
import { ConflictCopies } from './ConflictCopies';
import {
  formFromMeeting,
  type MeetingForm,
  meetingFields,
  meetingFormErrors,
  newMeetingDefaults,
} from './meeting-form';

export function MeetingScreen() {
  const { params } = useRoute();
  const { route } = useLocation();
  const { queries, repo, drafts } = useApp();
  const session = useSession();
  const meetingId = params.id as string | undefined;
  const meeting = useLiveQuery(
    () => (meetingId ? queries.meeting(meetingId) : Promise.resolve(null)),
    [meetingId],
  );
  const pairId = meetingId ? String(meeting?.fields.pairId ?? '') : (params.pairId as string);
  const pair = useLiveQuery(() => (pairId ? queries.pair(pairId) : Promise.resolve(undefined)), [pairId]);
  const draftKey = meetingId ? `meeting:${meetingId}` : `meeting:new:${pairId}`;
  const [form, setForm] = useState<MeetingForm | null>(null);
  const [isRestored, setRestored] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<keyof MeetingForm, string>>>({});
  const [message, setMessage] = useState<ReturnType<typeof saveMessage> | null>(null);

  const isMentor = pair?.fields.mentorId === session.personId;
  const canEdit = session.role === 'curator' || isMentor;

  useEffect(() => {
    if (form || (meetingId && meeting === undefined) || !pairId) return;
    void (async () => {
      const draft = await drafts.get(draftKey);
      if (draft) {
        setForm(draft.value as MeetingForm);
        setRestored(true);
        setEditing(draftKey, true);
      } else if (meeting) setForm(formFromMeeting(meeting));
      else setForm(newMeetingDefaults(await queries.meetingsOfPair(pairId)));
    })();
  }, [meeting, meetingId, pairId, draftKey]);
  useEffect(() => () => setEditing(draftKey, false), [draftKey]);

  if (meetingId && meeting === null)
    return (
      <Page title={t('meeting.editTitle')} back="/">
        <p>{t('meeting.notFound')}</p>
      </Page>
    );
  if (!form)
    return (
      <Page title={t('meeting.newTitle')}>
        <p aria-busy="true">{t('app.loading')}</p>
      </Page>
    );

  const update = (patch: Partial<MeetingForm>) => {
    const next = { ...form, ...patch };
    setForm(next);
    setEditing(draftKey, true);
    void trackSave(drafts.save(draftKey, next));
  };
  const back = `/pair/${pairId}`;

  const save = async (event: Event) => {
    event.preventDefault();
    const found = meetingFormErrors(form);
    setErrors(found);
    if (Object.keys(found).length) return;
    const fields = meetingFields(form, canEdit && (isMentor || session.role === 'curator'));
    const result = meetingId
      ? await repo.update('meeting', meetingId, fields)
      : await repo.create('meeting', { pairId, ...fields });
    setMessage(saveMessage(result));
    if (!result.ok) return;
    await drafts.drop(draftKey);
    setEditing(draftKey, false);
    route(back);
  };
  const remove = async () => {
    if (!meetingId) return;
    const result = await repo.remove('meeting', meetingId);
    setMessage(saveMessage(result));
    if (result.ok) {
      await drafts.drop(draftKey);
      setEditing(draftKey, false);
      route(back);
    }
  };
  const restart = async () => {
    await drafts.drop(draftKey);
    setEditing(draftKey, false);
    setRestored(false);
    setForm(meeting ? formFromMeeting(meeting) : newMeetingDefaults(await queries.meetingsOfPair(pairId)));
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
        <fieldset disabled={!canEdit} class="form__grid">
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
        </fieldset>
        <fieldset disabled={!canEdit}>
          <TextArea
            label={t('meeting.notes')}
            name="notes"
            rows={6}
            value={form.notes}
            onValue={(v) => update({ notes: v })}
          />
          {(isMentor || session.role === 'curator') && (
            <TextArea
              label={t('meeting.privateNotes')}
              name="privateNotes"
              rows={3}
              value={form.privateNotes}
              onValue={(v) => update({ privateNotes: v })}
            />
          )}
        </fieldset>
        {message && <Notice kind={message.kind}>{message.text}</Notice>}
        {canEdit ? (
          <div class="actions">
            <button type="submit" class="button--primary button--big">
              {t('meeting.save')}
            </button>
            {meetingId && (
              <button type="button" class="button--danger" onClick={() => void remove()}>
                {t('meeting.delete')}
              </button>
            )}
          </div>
        ) : (
          <p class="muted">{t('meeting.readOnly')}</p>
        )}
      </form>
    </Page>
  );
}
