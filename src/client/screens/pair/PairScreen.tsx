// A pair: the meeting series of the roadmap, the IDP of each mentee, and every meeting.
import { useRoute } from 'preact-iso';
import { isPairRunning } from '../../../domain/nudges';
import { useSession } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { formatDay } from '../../i18n/format';
import { type MessageKey, t } from '../../i18n/i18n';
import { loadPair } from '../../models/pair-model';
import { useReadyMark } from '../../state/ready-mark';
import { mentoringFormLabel } from '../../ui/built-in-labels';
import { Notice, Page } from '../../ui/Page';
import { personName, readableNames } from '../../ui/person-name';
import { FitQuestion } from './FitQuestion';
import { PairLifecycle } from './PairLifecycle';

export function PairScreen() {
  const { params } = useRoute();
  const id = params.id as string;
  const queries = useQueries();
  const session = useSession();
  const page = useLiveQuery(() => loadPair(queries, id, session.personId), [id, session.personId]);
  useReadyMark('pair', page !== undefined);
  if (page === undefined) return <Page title={t('pair.title')}>{null}</Page>;
  if (page === null) {
    return (
      <Page title={t('pair.title')} back="/">
        <p>{t('pair.notFound')}</p>
      </Page>
    );
  }
  const isMentor = page.pair.fields.mentorId === session.personId;
  const isMember = isMentor || page.mentees.some((m) => m.id === session.personId);
  const canRecord = session.role === 'curator' || isMentor;
  const visibleMentees =
    isMentor || session.role === 'curator'
      ? page.mentees
      : page.mentees.filter((m) => m.id === session.personId);
  // A pair is named by whom its viewer works with: a mentee opening «Мои наставники» finds their mentor
  // at the top, not their own name.
  const isMenteeViewing = !isMentor && session.role !== 'curator';
  const title = isMenteeViewing
    ? personName(page.mentor)
    : readableNames(page.mentees.map((m) => m.person)) || t('pair.title');
  return (
    <Page title={title} back="/">
      <p class="muted">
        {t('pairs.mentor')}: {personName(page.mentor)} · {mentoringFormLabel(page.pair.fields.form ?? '')} ·{' '}
        {t(`pairs.status.${page.pair.fields.status ?? 'proposed'}`)}
      </p>
      {session.role === 'curator' &&
        isPairRunning(page.pair.fields.status) &&
        page.withoutConsent.length > 0 && (
          <Notice kind="error">
            {t('pair.noConsent')}{' '}
            {page.withoutConsent.map((p, i) => (
              <span key={p.id}>
                {i > 0 && ', '}
                <a href={`/people/${p.id}`}>{personName(p)}</a>
              </span>
            ))}
          </Notice>
        )}
      {canRecord && isPairRunning(page.pair.fields.status) && (
        <a class="button button--primary button--big" href={`/pair/${id}/meeting/new`}>
          + {t('pair.newMeeting')}
        </a>
      )}
      {/* A pair that has ended is not urged to meet; a meeting held before its end, written down later
          (offline, say), is still recorded from here: the server takes it. */}
      {canRecord && !isPairRunning(page.pair.fields.status) && (
        <a class="button button--quiet" href={`/pair/${id}/meeting/new`}>
          + {t('pair.pastMeeting')}
        </a>
      )}
      {isMember && page.hasTrial && (
        <FitQuestion pairId={id} personId={session.personId} answer={page.myFit} />
      )}
      {session.role === 'curator' && <PairLifecycle pair={page.pair} hasUnfit={page.hasUnfit} />}

      <h2>{t('pair.series')}</h2>
      <ol class="series" data-testid="series">
        {page.series.map((s) => (
          <li key={s.kind} class={s.firstHeld ? 'series__done' : ''}>
            <span aria-hidden="true">{s.firstHeld ? '✓' : '○'}</span>{' '}
            {t(`meeting.kind.${s.kind}` as MessageKey)}:{' '}
            <span class="muted">
              {s.firstHeld ? t('pair.seriesHeld', { date: formatDay(s.firstHeld) }) : t('pair.seriesNotYet')}
            </span>
          </li>
        ))}
      </ol>

      <h2>{t('pair.idp')}</h2>
      <ul class="cards">
        {visibleMentees.map((m) => (
          <li key={m.id} class="card">
            <a class="card__link" href={`/pair/${id}/plan/${m.id}`}>
              <span class="card__title">
                {m.id === session.personId
                  ? t('pair.mentee.openIdp')
                  : t('pair.openIdp', { name: personName(m.person) })}
              </span>
              <span class="card__meta">
                {m.progress.total
                  ? t('pair.idpProgress', m.progress)
                  : t(m.id === session.personId ? 'home.mentee.idpEmpty' : 'home.idpEmpty')}
              </span>
              <span class="meter" aria-hidden="true">
                <span class="meter__bar" style={{ width: `${m.progress.percent}%` }} />
              </span>
            </a>
          </li>
        ))}
      </ul>

      <h2>{t('pair.timeline')}</h2>
      {page.meetings.length === 0 && <p>{t('pair.noMeetings')}</p>}
      <ul class="cards" data-testid="meetings">
        {page.meetings.map((m) => (
          <li class="card" key={m.id}>
            <a class="card__link" href={`/meeting/${m.id}`}>
              <span class="card__title">
                {m.fields.date ? formatDay(m.fields.date) : '—'} ·{' '}
                {t(`meeting.kind.${m.fields.kind ?? 'regular'}`)}
                {m.fields.status === 'planned' || m.fields.status === 'cancelled'
                  ? ` · ${t(`pair.status.${m.fields.status}`)}`
                  : ''}
              </span>
              <span class="card__meta">{t('pair.minutes', { n: m.fields.durationMin ?? 0 })}</span>
              {m.fields.notes ? <span class="card__excerpt">{m.fields.notes ?? ''}</span> : null}
            </a>
          </li>
        ))}
      </ul>
    </Page>
  );
}
