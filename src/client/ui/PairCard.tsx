import type { SyncedRecord } from '../../domain/record';
import { useApp } from '../app/context';
import { useLiveQuery } from '../db/live';
import { formatDay } from '../i18n/format';
import { t } from '../i18n/i18n';

export function personName(person: SyncedRecord | undefined): string {
  return String(person?.fields.fullName ?? '—');
}

/** One pair in a list: its people, form, and how its meetings go. */
export function PairCard(props: { pair: SyncedRecord; viewerId: string }) {
  const { queries } = useApp();
  const { pair } = props;
  const menteeIds = (pair.fields.menteeIds as string[]) ?? [];
  const mentorId = String(pair.fields.mentorId);
  const people = useLiveQuery(
    () => queries.peopleByIds([mentorId, ...menteeIds]),
    [pair.id, mentorId, menteeIds.join()],
  );
  const meetings = useLiveQuery(() => queries.meetingsOfPair(pair.id), [pair.id]);
  const byId = new Map((people ?? []).map((p) => [p.id, p]));
  const isMentee = menteeIds.includes(props.viewerId);
  const title = isMentee
    ? t('home.mentor', { name: personName(byId.get(mentorId)) })
    : menteeIds.map((id) => personName(byId.get(id))).join(', ');
  const last = meetings?.[0];
  return (
    <li class="card">
      <a class="card__link" href={`/pair/${pair.id}`}>
        <span class="card__title">{title}</span>
        <span class="card__meta">
          {String(pair.fields.form)} ·{' '}
          {t(`pairs.status.${String(pair.fields.status)}` as 'pairs.status.active')}
        </span>
        <span class="card__meta">
          {t('home.meetingsCount', { n: meetings?.length ?? 0 })} ·{' '}
          {last ? t('home.lastMeeting', { date: formatDay(String(last.fields.date)) }) : t('home.noMeetings')}
        </span>
      </a>
    </li>
  );
}
