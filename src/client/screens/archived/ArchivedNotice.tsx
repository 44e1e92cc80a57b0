// What the home of an archived person, or of a disconnected device, says instead of their pairs. Its words
// are not among the first screens' strings (i18n/first-strings.ts): such a phone is rare, and every other
// home would load them first — they show a moment later, with the rest of the app's strings.
import { t } from '../../i18n/i18n';

/**
 * Archived: the programme's data left the device; disconnected (revoked, or the person erased): nothing
 * new reaches it. `waiting` changes typed here are kept on the device either way.
 */
export function ArchivedNotice(props: { waiting: number; reason?: 'archived' | 'disconnected' }) {
  const isArchived = props.reason !== 'disconnected';
  return (
    <section class="panel" aria-labelledby="archived" data-testid="home-archived">
      <h2 id="archived">{t(isArchived ? 'archived.home' : 'disconnected.home')}</h2>
      <p>{t(isArchived ? 'archived.homeData' : 'disconnected.homeData')}</p>
      {props.waiting > 0 && (
        <>
          <p>{t(isArchived ? 'archived.homeWaiting' : 'disconnected.homeWaiting', { n: props.waiting })}</p>
          <a class="button" href="/sync">
            {t('archived.homeSee')}
          </a>
        </>
      )}
      {/* A new code is entered on this device, which keeps what waits and sends it once signed in (a
          code's link, opened here, brings its code along). */}
      {!isArchived && (
        <p>
          <a class="button button--primary" href={`/enrol${location.search}`} data-testid="enrol-again">
            {t('disconnected.enrolAgain')}
          </a>
        </p>
      )}
    </section>
  );
}
