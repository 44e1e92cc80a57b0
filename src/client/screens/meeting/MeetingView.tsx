// A meeting for someone who may only read it (a mentee): what took place, as text, not a greyed-out form.
import type { SyncedRecord } from '../../../domain/record';
import { formatDay } from '../../i18n/format';
import { type MessageKey, t } from '../../i18n/i18n';
import { formFromMeeting } from '../../models/meeting-model';
import { personName } from '../../ui/person-name';
import { topicLabel } from './TopicsField';

/** `mentees` are the group's members this device may know (a mentee's device knows only themselves). */
export function MeetingView(props: {
  meeting: SyncedRecord<'meeting'>;
  mentees: readonly SyncedRecord<'person'>[];
  isGroup: boolean;
}) {
  const m = formFromMeeting(props.meeting);
  const { isGroup } = props;
  const came = props.mentees.filter((p) => m.attendance.includes(p.id));
  return (
    <article class="meeting-view" data-testid="meeting-view">
      <dl class="facts">
        <dt>{t('meeting.date')}</dt>
        <dd>
          {m.date ? formatDay(m.date) : '—'}
          {m.startTime ? `, ${m.startTime}` : ''}
        </dd>
        <dt>{t('meeting.kind')}</dt>
        <dd>{t(`meeting.kind.${m.kind}` as MessageKey)}</dd>
        <dt>{t('meeting.status')}</dt>
        <dd>
          {t(`meeting.status.${m.status}` as MessageKey)}
          {m.status === 'cancelled' && m.cancelReason ? ` — ${m.cancelReason}` : ''}
        </dd>
        <dt>{t('meeting.durationShort')}</dt>
        <dd>{t('pair.minutes', { n: Number(m.durationMin) || 0 })}</dd>
        {/* Attendance is shown only where it was recorded: an older meeting without it says nothing. */}
        {isGroup && Array.isArray(props.meeting.fields.attendance) && (
          <>
            <dt>{t('meeting.attendance')}</dt>
            <dd>{came.length ? came.map((p) => personName(p)).join(', ') : '—'}</dd>
          </>
        )}
        <dt>{t('meeting.topics')}</dt>
        <dd>{m.topics.length ? m.topics.map(topicLabel).join(', ') : '—'}</dd>
      </dl>
      <h2>{t('meeting.notes')}</h2>
      <p class="meeting-view__notes">{m.notes.trim() ? m.notes : t('meeting.noNotes')}</p>
      <h2>{t('meeting.nextSteps')}</h2>
      {m.nextSteps.length === 0 ? (
        <p class="muted">{t('meeting.noNextSteps')}</p>
      ) : (
        <ul class="steps" data-testid="next-steps">
          {m.nextSteps.map((step) => (
            <li key={step.id} class="steps__item">
              <span class="steps__text">{step.text}</span>
              {step.taskId && <span class="muted">{t('meeting.nextStepInIdp')}</span>}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
