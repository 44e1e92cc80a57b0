import { useRoute } from 'preact-iso';
import { useApp, useSession } from '../../app/context';
import { useLiveQuery } from '../../db/live';
import { formatDay } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import { Page } from '../../ui/Page';
import { personName } from '../../ui/PairCard';

export function PairScreen() {
  const { params } = useRoute();
  const id = params.id as string;
  const { queries } = useApp();
  const session = useSession();
  const pair = useLiveQuery(() => queries.pair(id), [id]);
  const menteeIds = (pair?.fields.menteeIds as string[] | undefined) ?? [];
  const mentorId = String(pair?.fields.mentorId ?? '');
  const people =
    useLiveQuery(() => queries.peopleByIds([mentorId, ...menteeIds]), [mentorId, menteeIds.join()]) ?? [];
  const meetings = useLiveQuery(() => queries.meetingsOfPair(id), [id]);
  if (pair === undefined || pair.deleted) {
    return (
      <Page title={t('pair.title')} back="/">
        <p>{t('pair.notFound')}</p>
      </Page>
    );
  }
  const byId = new Map(people.map((p) => [p.id, p]));
  const canRecord = session.role === 'curator' || mentorId === session.personId;
  const title = menteeIds.map((m) => personName(byId.get(m))).join(', ');
  return (
    <Page title={title} back="/">
      <p class="muted">
        {t('pairs.mentor')}: {personName(byId.get(mentorId))} · {String(pair.fields.form)}
      </p>
      {canRecord && (
        <a class="button button--primary button--big" href={`/pair/${id}/meeting/new`}>
          + {t('pair.newMeeting')}
        </a>
      )}
      <h2>{t('pair.meetings')}</h2>
      {meetings?.length === 0 && <p>{t('pair.noMeetings')}</p>}
      <ul class="cards" data-testid="meetings">
        {meetings?.map((m) => (
          <li class="card" key={m.id}>
            <a class="card__link" href={`/meeting/${m.id}`}>
              <span class="card__title">
                {formatDay(String(m.fields.date))} ·{' '}
                {t(`meeting.kind.${String(m.fields.kind)}` as 'meeting.kind.regular')}
              </span>
              <span class="card__meta">{t('pair.minutes', { n: Number(m.fields.durationMin) })}</span>
              {m.fields.notes ? <span class="card__excerpt">{String(m.fields.notes)}</span> : null}
            </a>
          </li>
        ))}
      </ul>
    </Page>
  );
}
