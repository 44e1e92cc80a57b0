// Record or edit a meeting. Every keystroke is saved as a draft first, so nothing typed is lost.

import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { useApp, useSession } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { t } from '../../i18n/i18n';
import { UNSEEN } from '../../models/edit-model';
import { addTask } from '../../models/idp-writes-model';
import {
  type FormErrors,
  formFromMeeting,
  type MeetingForm,
  meetingFields,
  meetingFormErrors,
  type NextStep,
  newMeetingDefaults,
  newStep,
} from '../../models/meeting-model';
import { useDraft } from '../../state/draft';
import { useNewRecordId } from '../../state/new-record-id';
import { useReadyMark } from '../../state/ready-mark';
import { useDraftUndo, withUndo } from '../../state/undo-toast';
import { useNavigate } from '../../ui/navigate';
import { Notice, Page } from '../../ui/Page';
import { saveMessage } from '../../ui/save-message';
import { GoneDraft } from '../sync/GoneDraft';
import { ConflictCopies } from './ConflictCopies';
import { MeetingFields } from './MeetingFields';
import { MeetingView } from './MeetingView';

/** The meeting's texts a conflict copy can be put back into (record-types.ts, the meeting's `typedText`). */
const MEETING_TEXTS = ['notes', 'privateNotes', 'cancelReason'] as const;
const isMeetingText = (field: string): field is (typeof MEETING_TEXTS)[number] =>
  (MEETING_TEXTS as readonly string[]).includes(field);

export function MeetingScreen() {
  const { params } = useRoute();
  const route = useNavigate();
  const { repo, drafts } = useApp();
  const queries = useQueries();
  const session = useSession();
  const meetingId = params.id as string | undefined;
  const meeting = useLiveQuery(
    () => (meetingId ? queries.meeting(meetingId).then((m) => m ?? null) : Promise.resolve(null)),
    [meetingId],
  );
  const pairId = meetingId ? (meeting?.fields.pairId ?? '') : (params.pairId as string);
  // Null once read and not on the device (out of this user's reach, or erased).
  const pair = useLiveQuery(
    () => (pairId ? queries.pair(pairId).then((p) => p ?? null) : Promise.resolve(undefined)),
    [pairId],
  );
  const menteeIds = pair?.fields.menteeIds ?? [];
  const mentees = useLiveQuery(() => queries.peopleByIds(menteeIds), [menteeIds.join()]) ?? [];
  const draftKey = meetingId ? `meeting:${meetingId}` : `meeting:new:${pairId}`;
  const [errors, setErrors] = useState<FormErrors>({});
  const [message, setMessage] = useState<ReturnType<typeof saveMessage> | null>(null);
  // Next steps being written to the IDP: the meeting is saved only after, so that it records them as
  // sent (typing goes on meanwhile).
  const [toIdpRunning, setToIdpRunning] = useState(0);
  const newMeetingId = useNewRecordId();

  const isMentor = pair?.fields.mentorId === session.personId;
  const canEdit = session.role === 'curator' || isMentor;
  const isGroup = menteeIds.length > 1;
  const isLoading =
    meeting === undefined || pair === undefined || (meetingId !== undefined && meeting === null);

  const offerUndo = useDraftUndo();
  const draft = useDraft<MeetingForm>(
    drafts,
    draftKey,
    isLoading || !pair
      ? null
      : async () =>
          meeting
            ? formFromMeeting(meeting)
            : newMeetingDefaults(await queries.meetingsOfPair(pairId), menteeIds),
    // A draft of an older form lacks fields added since: they come from the stored meeting, or from a
    // new meeting's defaults — never defaults over what is stored.
    (saved) => ({ ...(meeting ? formFromMeeting(meeting) : newMeetingDefaults([], menteeIds)), ...saved }),
  );
  const form = draft.value;
  useReadyMark('meeting', form !== null);

  // Gone from the device, or deleted meanwhile (on another device): what was typed into it and not saved
  // is shown, not a form that cannot open.
  const isPairGone = !meetingId && (pair === null || pair?.deleted !== undefined);
  if (isPairGone || (meetingId && ((meeting === null && !pair) || meeting?.deleted !== undefined))) {
    return (
      <Page title={meetingId ? t('meeting.editTitle') : t('meeting.newTitle')} back="/">
        <p>
          {t(isPairGone ? 'gone.pair' : meeting?.deleted !== undefined ? 'gone.meeting' : 'meeting.notFound')}
        </p>
        <GoneDraft draftKey={draftKey} />
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

  const update = (patch: Partial<MeetingForm>) => draft.change((current) => ({ ...current, ...patch }));
  const back = `/pair/${pairId}`;
  const finish = async () => {
    await draft.finish();
    route(back, { replace: true });
  };

  const save = async () => {
    const found = meetingFormErrors(form, undefined, meeting?.fields.date ?? null);
    setErrors(found);
    if (Object.keys(found).length) {
      // The first field to put right, in view: its error says what (a text over its limit stays whole).
      requestAnimationFrame(() => document.querySelector<HTMLElement>('main [aria-invalid="true"]')?.focus());
      return;
    }
    const shape = { withPrivate: canEdit, isGroup };
    const fields = meetingFields(form, shape);
    // Only what the user changed from the form as it opened: others' edits that came meanwhile stand. A
    // draft an older version of the app left kept no view: it goes as made from none, so that whatever
    // it replaces is kept for its author.
    const seen = draft.base && { values: meetingFields(draft.base.value, shape), cursor: draft.base.cursor };
    const result = meetingId
      ? await repo.update('meeting', meetingId, fields, {
          ...(seen ? { seen } : UNSEEN),
          endsDraft: draft.ending(),
        })
      : await repo.create('meeting', { pairId, ...fields }, newMeetingId, { endsDraft: draft.ending() });
    setMessage(saveMessage(result));
    if (result.ok) await finish();
  };

  const remove = async () => {
    if (!meetingId || !meeting) return;
    if (await withUndo(repo, [{ op: 'delete', record: meeting }], t('meeting.deleted'))) await finish();
  };

  // Dropping a restored draft drops what was typed: «Отменить» puts it back.
  const restart = async () => offerUndo(t('meeting.draftDiscarded'), await draft.discard());

  const toIdp = async (step: NextStep) => {
    setToIdpRunning((n) => n + 1);
    try {
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
      // The meeting as it is now: the mentor may have typed on while the tasks were being written.
      draft.change((current) => ({
        ...current,
        nextSteps: current.nextSteps.map((s) => (s.id === step.id ? { ...s, taskId: firstTask } : s)),
      }));
    } finally {
      setToIdpRunning((n) => n - 1);
    }
  };

  return (
    <Page title={meetingId ? t('meeting.editTitle') : t('meeting.newTitle')} back={back}>
      {draft.isRestored && (
        <Notice>
          {t('meeting.draftRestored')}{' '}
          <button type="button" class="button--quiet" onClick={() => void restart()}>
            {t('meeting.discardDraft')}
          </button>
        </Notice>
      )}
      {meetingId && (
        <ConflictCopies
          recordId={meetingId}
          onUse={(field, text) => {
            if (isMeetingText(field)) update({ [field]: text });
            // A next step that lost a concurrent edit of the list comes back as a step of its own.
            else if (field.startsWith('nextSteps.'))
              draft.change((current) => ({ ...current, nextSteps: [...current.nextSteps, newStep(text)] }));
            // A topic typed on another device that lost comes back among the topics.
            else if (field.startsWith('topics.'))
              draft.change((current) =>
                current.topics.includes(text) ? current : { ...current, topics: [...current.topics, text] },
              );
          }}
        />
      )}
      <form
        class="form"
        inert={draft.isBusy}
        aria-busy={draft.isBusy}
        onSubmit={(event) => {
          event.preventDefault();
          void draft.storing(save);
        }}
      >
        <MeetingFields
          form={form}
          errors={errors}
          mentees={isGroup ? mentees : []}
          update={update}
          onToIdp={(step: NextStep) => void toIdp(step)}
        />
        {message && <Notice kind={message.kind}>{message.text}</Notice>}
        {/* Only saving stays in view: at large text a sticky bar of two buttons left the notes no room. */}
        <div class="actions actions--sticky">
          <button type="submit" class="button--primary button--big" disabled={toIdpRunning > 0}>
            {t('meeting.save')}
          </button>
        </div>
        {meetingId && (
          <div class="actions">
            <button type="button" class="button--danger" onClick={() => void draft.storing(remove)}>
              {t('meeting.delete')}
            </button>
          </div>
        )}
      </form>
    </Page>
  );
}
