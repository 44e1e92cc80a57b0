// Home, by role: a mentor's and a mentee's pairs with what to do next; a curator's overview.
import { useState } from 'preact/hooks';
import { MEETING_GAP_DAYS } from '../../../domain/nudges';
import { addressName } from '../../../domain/person-name';
import { useApp, useSession } from '../../app/context';
import { useLiveQuery } from '../../db/live';
import { todayIso } from '../../i18n/format';
import { addStrings, t } from '../../i18n/i18n';
import { strings } from '../../i18n/strings-home';
import { loadHome } from '../../models/home-model';
import { useReadyMark } from '../../state/ready-mark';
import { Notice, Page } from '../../ui/Page';
import { HomePairCard } from './HomePairCard';
import { MentorFeedback, MyForms } from './MyForms';
import { SetupGuide } from './SetupGuide';

// This screen may be the first a phone shows: its strings come with it.
addStrings(strings);

// Three phone screens of cards; «Показать ещё» loads the next ones.
const PAGE = 15;

export function HomeScreen() {
  const { queries } = useApp();
  const session = useSession();
  const [limit, setLimit] = useState(PAGE);
  const today = todayIso();
  const me = useLiveQuery(() => queries.person(session.personId), [session.personId]);
  const home = useLiveQuery(
    () => loadHome(queries, session.personId, today, limit),
    [session.personId, today, limit],
  );
  const isCurator = session.role === 'curator';
  // Counts of the whole school: while a sync writes page after page, counted again when it ends.
  const counts = useLiveQuery(() => (isCurator ? queries.counts() : Promise.resolve(null)), [isCurator], {
    waitsForPull: true,
  });
  const unfit =
    useLiveQuery(() => (isCurator ? queries.unfitAnswers() : Promise.resolve([])), [isCurator]) ?? [];
  useReadyMark('home', home !== undefined);

  return (
    <Page
      title={
        me
          ? t('home.hello', { name: addressName(me.fields.fullName ?? '', me.fields.kind ?? '') })
          : t('home.helloAnonymous')
      }
    >
      <p class="muted">{t(`role.${session.role}`)}</p>
      {counts && (
        <section aria-labelledby="curator-work">
          <h2 id="curator-work">{t('home.curatorActions')}</h2>
          <SetupGuide curatorId={session.personId} />
          <p data-testid="curator-summary">{t('home.curatorSummary', counts)}</p>
          {unfit.length > 0 && (
            <Notice kind="error">
              {t('home.unfit', { n: new Set(unfit.map((a) => a.fields.pairId)).size })}
            </Notice>
          )}
          <div class="actions">
            <a class="button" href="/people">
              {t('nav.people')}
            </a>
            <a class="button" href="/pairs">
              {t('nav.pairs')}
            </a>
          </div>
        </section>
      )}
      <MyForms />
      {home && (home.total > 0 || !isCurator) && (
        <section aria-labelledby="my-pairs">
          <h2 id="my-pairs">{t('home.myPairs')}</h2>
          {home.overdueTasks > 0 && (
            <p class="nudge nudge--urgent">{t('home.overdueSummary', { n: home.overdueTasks })}</p>
          )}
          {home.pairsWithoutRecentMeeting > 0 && home.total > 0 && (
            <p class="nudge">
              {t('home.gapSummary', { n: home.pairsWithoutRecentMeeting, days: MEETING_GAP_DAYS })}
            </p>
          )}
          {home.total === 0 ? (
            <p>{t('home.noPairs')}</p>
          ) : (
            <ul class="cards" data-testid="home-pairs">
              {home.items.map((item) => (
                <HomePairCard key={item.pair.id} item={item} />
              ))}
            </ul>
          )}
          {home.total > limit && (
            <button type="button" onClick={() => setLimit(limit + PAGE)}>
              {t('home.more')}
            </button>
          )}
        </section>
      )}
      <MentorFeedback />
    </Page>
  );
}
