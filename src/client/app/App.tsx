// The shell: header with the sync status, navigation by role, banners, and the routes.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { isDistrictRole } from '../../domain/roles';
import { useLiveQuery } from '../db/live';
import type { Session } from '../db/meta';
import { INPUT_STOPPED } from '../db/storage-state';
import { language, loadAllStrings, type MessageKey, stringsVersion, t } from '../i18n/i18n';
import { useStore } from '../state/store';
import { lazyOrSay } from '../ui/LoadFailed';
import { ToastHost } from '../ui/ToastHost';
import { UnsavedTextsContext, unsavedTextsOver } from '../ui/unsaved-text';
import { afterFirstScreen } from './after-first-screen';
import type { AppModel } from './app-model';
import { AppContext, SessionContext, useApp } from './context';
import { StorageBanner } from './StorageBanner';

/** A screen past the first ones: it shows once its code and all the app's strings are here. */
const withStrings =
  <T,>(load: () => Promise<T>) =>
  () =>
    Promise.all([load(), loadAllStrings()]).then(([screen]) => screen);

// The sync status and the banners come right after the first screen (after-first-screen.tsx), with all
// the app's strings.
const SyncIndicator = afterFirstScreen(
  withStrings(() => import('./SyncIndicator').then((m) => m.SyncIndicator)),
);
const Banners = afterFirstScreen(withStrings(() => import('./Banners').then((m) => m.Banners)));

const EnrolScreen = lazyOrSay(() => import('../screens/enrol/EnrolScreen').then((m) => m.EnrolScreen));
const HomeScreen = lazyOrSay(() => import('../screens/home/HomeScreen').then((m) => m.HomeScreen));
const CuratorHomeScreen = lazyOrSay(
  withStrings(() => import('../screens/home/CuratorHomeScreen').then((m) => m.CuratorHomeScreen)),
);
const PeopleScreen = lazyOrSay(
  withStrings(() => import('../screens/people/PeopleScreen').then((m) => m.PeopleScreen)),
);
const PersonScreen = lazyOrSay(
  withStrings(() => import('../screens/people/PersonScreen').then((m) => m.PersonScreen)),
);
const PairsScreen = lazyOrSay(
  withStrings(() => import('../screens/pairs/PairsScreen').then((m) => m.PairsScreen)),
);
const PairScreen = lazyOrSay(
  withStrings(() => import('../screens/pair/PairScreen').then((m) => m.PairScreen)),
);
const MeetingScreen = lazyOrSay(
  withStrings(() => import('../screens/meeting/MeetingScreen').then((m) => m.MeetingScreen)),
);
const IdpScreen = lazyOrSay(withStrings(() => import('../screens/idp/IdpScreen').then((m) => m.IdpScreen)));
const SearchScreen = lazyOrSay(
  withStrings(() => import('../screens/search/SearchScreen').then((m) => m.SearchScreen)),
);
const FillScreen = lazyOrSay(
  withStrings(() => import('../screens/fill/FillScreen').then((m) => m.FillScreen)),
);
const QuestionnairesScreen = lazyOrSay(
  withStrings(() =>
    import('../screens/questionnaires/QuestionnairesScreen').then((m) => m.QuestionnairesScreen),
  ),
);
const QuestionnaireResultsScreen = lazyOrSay(
  withStrings(() =>
    import('../screens/questionnaires/QuestionnaireResultsScreen').then((m) => m.QuestionnaireResultsScreen),
  ),
);
const AssignScreen = lazyOrSay(
  withStrings(() => import('../screens/questionnaires/AssignScreen').then((m) => m.AssignScreen)),
);
const QuestionnaireEditScreen = lazyOrSay(
  withStrings(() =>
    import('../screens/questionnaires/QuestionnaireEditScreen').then((m) => m.QuestionnaireEditScreen),
  ),
);
const ImportScreen = lazyOrSay(
  withStrings(() => import('../screens/people/ImportScreen').then((m) => m.ImportScreen)),
);
const ConsentFormScreen = lazyOrSay(
  withStrings(() => import('../screens/people/ConsentFormScreen').then((m) => m.ConsentFormScreen)),
);
const OrdersScreen = lazyOrSay(
  withStrings(() => import('../screens/orders/OrdersScreen').then((m) => m.OrdersScreen)),
);
const OrderScreen = lazyOrSay(
  withStrings(() => import('../screens/orders/OrderScreen').then((m) => m.OrderScreen)),
);
const RoadmapScreen = lazyOrSay(
  withStrings(() => import('../screens/roadmap/RoadmapScreen').then((m) => m.RoadmapScreen)),
);
const DashboardScreen = lazyOrSay(
  withStrings(() => import('../screens/monitoring/DashboardScreen').then((m) => m.DashboardScreen)),
);
const ReportScreen = lazyOrSay(
  withStrings(() => import('../screens/report/ReportScreen').then((m) => m.ReportScreen)),
);
const DataScreen = lazyOrSay(
  withStrings(() => import('../screens/data/DataScreen').then((m) => m.DataScreen)),
);
const MaterialsScreen = lazyOrSay(
  withStrings(() => import('../screens/materials/MaterialsScreen').then((m) => m.MaterialsScreen)),
);
const SyncScreen = lazyOrSay(
  withStrings(() => import('../screens/sync/SyncScreen').then((m) => m.SyncScreen)),
);
const SettingsScreen = lazyOrSay(
  withStrings(() => import('../screens/settings/SettingsScreen').then((m) => m.SettingsScreen)),
);
const ProgrammeScreen = lazyOrSay(
  withStrings(() => import('../screens/programme/ProgrammeScreen').then((m) => m.ProgrammeScreen)),
);
const DistrictScreen = lazyOrSay(
  withStrings(() => import('../screens/district/DistrictScreen').then((m) => m.DistrictScreen)),
);
const DistrictAdminScreen = lazyOrSay(
  withStrings(() => import('../screens/district/DistrictAdminScreen').then((m) => m.DistrictAdminScreen)),
);

/** The sections of the app; the one open is marked for screen readers and highlighted. */
function Nav(props: { session: Session }) {
  const { path } = useLocation();
  const isCurator = props.session.role === 'curator';
  const isDistrict = isDistrictRole(props.session.role);
  const sections: [string, MessageKey, boolean][] = isDistrict
    ? [
        ['/', 'nav.district', true],
        ['/district/admin', 'nav.districtAdmin', props.session.role === 'district-admin'],
        ['/sync', 'nav.sync', true],
        ['/settings', 'nav.settings', true],
      ]
    : [
        ['/', 'nav.home', true],
        ['/programme', 'nav.programme', isCurator],
        ['/people', 'nav.people', isCurator],
        ['/pairs', 'nav.pairs', isCurator],
        ['/forms', 'nav.forms', isCurator],
        ['/monitoring', 'nav.monitoring', isCurator],
        ['/roadmap', 'nav.roadmap', isCurator],
        ['/search', 'nav.search', true],
        ['/materials', 'nav.materials', true],
        ['/sync', 'nav.sync', true],
        ['/settings', 'nav.settings', true],
      ];
  const navRef = useRef<HTMLElement>(null);
  // On a phone the sections scroll sideways in one row: bring the open one into view (the row only,
  // never the page).
  useEffect(() => {
    const nav = navRef.current;
    const current = nav?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!nav || !current) return;
    const left = current.getBoundingClientRect().left - nav.getBoundingClientRect().left;
    if (left < 0 || left + current.offsetWidth > nav.clientWidth) nav.scrollLeft += left - 16;
  }, [path]);
  const isCurrent = (href: string) =>
    href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
  return (
    <nav class="nav" aria-label={t('nav.label')} ref={navRef}>
      {sections
        .filter(([, , isShown]) => isShown)
        .map(([href, label]) => (
          <a key={href} href={href} aria-current={isCurrent(href) ? 'page' : undefined}>
            {t(label)}
          </a>
        ))}
    </nav>
  );
}

function Shell() {
  const app = useApp();
  const session = useLiveQuery(app.queries.session, []);
  const dbState = useStore(app.dbState);
  const storage = useStore(app.storage);
  const signedIn = session?.deviceId ?? null;
  // A device the curator disconnected signs in again with a new code: its outbox and drafts stay.
  const status = useLiveQuery(app.queries.syncStatus, [], { isLight: true });
  const isDisconnected = status?.error === 'unauthorized';
  // Enrolment ends on the same address with other screens: the new ones start at the top, with the
  // header (and the first sync's progress) in view — not where «Войти» was at a large text size.
  useEffect(() => {
    if (signedIn) window.scrollTo(0, 0);
  }, [signedIn]);
  if (dbState !== 'open' || session === undefined) {
    if (dbState === 'failed') return <p class="page">{t('app.error')}</p>;
    // A newer version waits for another tab to let go of the database: no screen before it does.
    if (dbState === 'blocked')
      return (
        <p class="page" role="alert">
          {t('db.blocked')}
        </p>
      );
    return (
      <p class="page" aria-busy="true">
        {t('app.loading')}
      </p>
    );
  }
  // A curator's home is a chunk of its own: a phone's first screen carries nothing of it.
  const home = session?.role === 'curator' ? CuratorHomeScreen : HomeScreen;
  return (
    <SessionContext.Provider value={session ?? null}>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="header">
        <a class="header__title" href="/">
          {t('app.name')}
        </a>
        {session && <SyncIndicator />}
      </header>
      {/* The storage's state is here from the start: while it shows, the screens take no input, and its
          buttons are the way out (db/storage-guard.ts). */}
      <div class="banners">
        <StorageBanner />
      </div>
      <Banners />
      {session && <Nav session={session} />}
      <ErrorBoundary>
        {/* No input while what is typed could not be stored (see db/storage-guard.ts). */}
        <div class="screens" inert={INPUT_STOPPED.includes(storage)}>
          {session && isDistrictRole(session.role) ? (
            // The district's people see the schools' figures: no school's screens.
            <Router>
              <Route path="/" component={DistrictScreen} />
              <Route path="/district/admin" component={DistrictAdminScreen} />
              <Route path="/sync" component={SyncScreen} />
              <Route path="/settings" component={SettingsScreen} />
              <Route path="/enrol" component={isDisconnected ? EnrolScreen : DistrictScreen} />
              <Route default component={DistrictScreen} />
            </Router>
          ) : session ? (
            <Router>
              <Route path="/" component={home} />
              <Route path="/people" component={PeopleScreen} />
              <Route path="/people/import" component={ImportScreen} />
              <Route path="/people/:id" component={PersonScreen} />
              <Route path="/people/:id/consent-form" component={ConsentFormScreen} />
              <Route path="/orders" component={OrdersScreen} />
              <Route path="/orders/:id" component={OrderScreen} />
              <Route path="/roadmap" component={RoadmapScreen} />
              <Route path="/programme" component={ProgrammeScreen} />
              <Route path="/monitoring" component={DashboardScreen} />
              <Route path="/report" component={ReportScreen} />
              <Route path="/data" component={DataScreen} />
              <Route path="/pairs" component={PairsScreen} />
              <Route path="/pair/:id" component={PairScreen} />
              <Route path="/pair/:pairId/meeting/new" component={MeetingScreen} />
              <Route path="/meeting/:id" component={MeetingScreen} />
              <Route path="/pair/:pairId/plan/:menteeId" component={IdpScreen} />
              <Route path="/search" component={SearchScreen} />
              <Route path="/fill/:id" component={FillScreen} />
              <Route path="/forms" component={QuestionnairesScreen} />
              <Route path="/forms/:id" component={QuestionnaireResultsScreen} />
              <Route path="/forms/:id/assign" component={AssignScreen} />
              <Route path="/forms/:id/edit" component={QuestionnaireEditScreen} />
              <Route path="/materials" component={MaterialsScreen} />
              <Route path="/sync" component={SyncScreen} />
              <Route path="/settings" component={SettingsScreen} />
              <Route path="/enrol" component={isDisconnected ? EnrolScreen : home} />
              <Route default component={home} />
            </Router>
          ) : (
            <Router>
              <Route path="/enrol" component={EnrolScreen} />
              <Route default component={EnrolScreen} />
            </Router>
          )}
        </div>
      </ErrorBoundary>
      <ToastHost />
    </SessionContext.Provider>
  );
}

export function App(props: { model: AppModel }) {
  // The whole app renders again when the language changes or more strings arrive.
  const lang = useStore(language);
  useStore(stringsVersion);
  const unsaved = useMemo(() => unsavedTextsOver(props.model.drafts), [props.model]);
  return (
    <AppContext.Provider value={props.model}>
      <UnsavedTextsContext.Provider value={unsaved}>
        <LocationProvider>
          <div class="app" lang={lang}>
            <Shell />
          </div>
        </LocationProvider>
      </UnsavedTextsContext.Provider>
    </AppContext.Provider>
  );
}
