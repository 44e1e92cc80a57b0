// Home, by role: a mentor's and a mentee's pairs with what to do next; a curator's overview.
import { useState } from 'preact/hooks';
import { ErrorBoundary } from 'preact-iso';
import { MEETING_GAP_DAYS } from '../../../domain/nudges';
import { addressName } from '../../../domain/person-name';
import { useApp, useSession } from '../../app/context';
import { useLiveQuery } from '../../db/live';
import { todayIso } from '../../i18n/format';
import { addStrings, loadAllStrings, t } from '../../i18n/i18n';
import { strings } from '../../i18n/strings-home';
import { loadHome } from '../../models/home-model';
import { useReadyMark } from '../../state/ready-mark';
import { lazyOrSay } from '../../ui/LoadFailed';
import { Page } from '../../ui/Page';
import { HomePairCard } from './HomePairCard';
import { MentorFeedback, MyForms } from './MyForms';

// This screen may be the first a phone shows: its strings come with it.
addStrings(strings);

// A curator's part of the home (set-up guide, the school's counts) loads behind it, with all the app's
// strings: a mentor's or a mentee's phone never downloads it.
const CuratorHome = lazyOrSay(
  () => Promise.all([import('./CuratorHome'), loadAllStrings()]).then(([m]) => m.CuratorHome),
  true,
);

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
      {isCurator && (
        // Its own boundary: the rest of the home shows while this part loads.
        <ErrorBoundary>
          <CuratorHome curatorId={session.personId} />
        </ErrorBoundary>
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
