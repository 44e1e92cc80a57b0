// Home, by role: a mentor's and a mentee's pairs with what to do next; a curator's overview.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { MEETING_GAP_DAYS } from '../../../domain/nudges';
import { addressName, FIRST_CURATOR_NAME } from '../../../domain/person-name';
import { useApp, useSession } from '../../app/context';
import { useLiveQuery } from '../../db/live';
import { todayIso } from '../../i18n/format';
import { addStrings, t } from '../../i18n/i18n';
import { strings } from '../../i18n/strings-home';
import { type HomeData, loadHome } from '../../models/home-model';
import { useReadyMark } from '../../state/ready-mark';
import { Page } from '../../ui/Page';
import { ArchivedNotice } from '../archived/ArchivedNotice';
import { HomePairCard } from './HomePairCard';
import { MentorFeedback, MyQuestionnaires } from './MyQuestionnaires';

// This screen may be the first a phone shows: its strings come with it.
addStrings(strings);

let menteeStrings: Promise<void> | undefined;
/**
 * The home's data once the words it shows are here: a mentee's (strings-mentee.ts) load when it reads a
 * pair from a mentee's side, so that a mentor's phone goes without them. Should they fail to load, the
 * home shows anyway and t() fetches all the strings.
 */
function withMenteeWords(home: HomeData, isMentee: boolean): HomeData | Promise<HomeData> {
  if (!isMentee && [...home.items, ...home.closed].every((item) => item.isMentor)) return home;
  menteeStrings ??= import('../../i18n/strings-mentee').then(
    (m) => addStrings(m.strings),
    (error: unknown) => {
      menteeStrings = undefined;
      console.error('mentee strings failed to load', error);
    },
  );
  return menteeStrings.then(() => home);
}

// Three phone screens of cards; «Показать ещё» loads the next ones.
const PAGE = 15;

/** The home of a mentor or a mentee (a curator's: CuratorHomeScreen.tsx). */
export function HomeScreen() {
  return <Home />;
}

/**
 * The home of every role; a curator's has `curatorPart` on top, and `nameYourself`, said to a school's first
 * curator until they give their name — both from its own chunk, so that a phone's first screen carries
 * nothing of a curator's.
 */
export function Home(props: { curatorPart?: ComponentChildren; nameYourself?: ComponentChildren }) {
  const { queries } = useApp();
  const session = useSession();
  const [limit, setLimit] = useState(PAGE);
  const today = todayIso();
  const me = useLiveQuery(() => queries.person(session.personId), [session.personId]);
  // A mentee's home speaks to the mentee: no count of pairs to meet, their own plan in plain words.
  const isMentee = session.role === 'mentee';
  const home = useLiveQuery(
    // The home's reads are all done before the words load: the live query still sees every table.
    () => loadHome(queries, session.personId, today, limit).then((h) => withMenteeWords(h, isMentee)),
    [session.personId, today, limit, isMentee],
  );
  // Archived by the curator (the server said so): the programme's data left the device, and home must not
  // promise a pair; what waits to be sent is kept, and said so.
  const status = useLiveQuery(queries.syncStatus, [], { isLight: true });
  const waiting = useLiveQuery(queries.outboxCount, [], { isLight: true }) ?? 0;
  const isArchived = status?.error === 'archived';
  // Disconnected (revoked, or the person erased): said so, not «a pair will come».
  const isDisconnected = status?.error === 'unauthorized';
  const isCurator = session.role === 'curator';
  // A school's first curator is «Куратор программы» until they type their name: greeted so («Здравствуйте,
  // Куратор программы», in English too) and shown so to colleagues, with nothing saying where to change it.
  const isUnnamed = me?.fields.fullName === FIRST_CURATOR_NAME;
  // Drafts whose form no longer opens (a meeting deleted elsewhere, a pair out of reach): said here, as
  // nothing else leads to them.
  const goneDrafts = useLiveQuery(queries.goneDrafts, [], { isLight: true }) ?? [];
  useReadyMark('home', home !== undefined);

  return (
    <Page
      title={
        me?.fields.fullName && !isUnnamed
          ? t('home.hello', { name: addressName(me.fields.fullName, me.fields.kind ?? '') })
          : t('home.helloAnonymous')
      }
    >
      <p class="muted">{t(`role.${session.role}`)}</p>
      {isUnnamed && props.nameYourself}
      {props.curatorPart}
      {isArchived && <ArchivedNotice waiting={waiting} />}
      {isDisconnected && <ArchivedNotice waiting={waiting} reason="disconnected" />}
      {goneDrafts.length > 0 && (
        <div class="notice notice--warn" data-testid="home-gone-drafts">
          <p>{t('home.goneDrafts', { n: goneDrafts.length })}</p>
          <a class="button" href="/sync#gone-drafts">
            {t('home.goneDraftsSee')}
          </a>
        </div>
      )}
      <MyQuestionnaires />
      {home && !isArchived && (home.total > 0 || (!isCurator && !isDisconnected)) && (
        <section aria-labelledby="my-pairs">
          <h2 id="my-pairs">
            {isMentee ? t('home.mentee.myPairs', { n: Math.max(home.total, 1) }) : t('home.myPairs')}
          </h2>
          {home.overdueTasks > 0 && (
            <p class="nudge nudge--urgent">
              {t(isMentee ? 'home.mentee.overdueSummary' : 'home.overdueSummary', { n: home.overdueTasks })}
            </p>
          )}
          {!isMentee && home.pairsWithoutRecentMeeting > 0 && home.total > 0 && (
            <p class="nudge">
              {t('home.gapSummary', { n: home.pairsWithoutRecentMeeting, days: MEETING_GAP_DAYS })}
            </p>
          )}
          {home.total === 0 ? (
            // Their own record without its fields: a minor whose parents' consent is not recorded, whose
            // data the server keeps from every device, their own included — no pair can come before it.
            <p>{t(me !== undefined && !me.fields.fullName ? 'home.awaitingConsent' : 'home.noPairs')}</p>
          ) : home.items.length === 0 && home.closed.length > 0 ? (
            <p data-testid="home-no-running">{t(isMentee ? 'home.mentee.noRunning' : 'home.noRunning')}</p>
          ) : (
            <ul class="cards" data-testid="home-pairs">
              {home.items.map((item) => (
                <HomePairCard key={item.pair.id} item={item} />
              ))}
            </ul>
          )}
          {home.closed.length > 0 && (
            <>
              <h3 id="closed-pairs">{t('home.closedPairs')}</h3>
              <ul class="cards" data-testid="home-closed-pairs" aria-labelledby="closed-pairs">
                {home.closed.map((item) => (
                  <HomePairCard key={item.pair.id} item={item} />
                ))}
              </ul>
            </>
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
