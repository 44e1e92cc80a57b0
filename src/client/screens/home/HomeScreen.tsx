import { useApp, useSession } from '../../app/context';
import { useLiveQuery } from '../../db/live';
import { t } from '../../i18n/i18n';
import { Page } from '../../ui/Page';
import { PairCard, personName } from '../../ui/PairCard';

export function HomeScreen() {
  const { queries } = useApp();
  const session = useSession();
  const me = useLiveQuery(() => queries.person(session.personId), [session.personId]);
  const asMentor = useLiveQuery(() => queries.pairsAsMentor(session.personId), [session.personId]) ?? [];
  const asMentee = useLiveQuery(() => queries.pairsAsMentee(session.personId), [session.personId]) ?? [];
  const counts = useLiveQuery(
    () => (session.role === 'curator' ? queries.counts() : Promise.resolve(null)),
    [session.role],
  );
  const pairs = [...asMentor, ...asMentee];
  return (
    <Page title={t('home.hello', { name: personName(me) })}>
      <p class="muted">{t(`role.${session.role}`)}</p>
      {counts && (
        <section aria-labelledby="curator-work">
          <h2 id="curator-work">{t('home.curatorActions')}</h2>
          <p data-testid="curator-summary">{t('home.curatorSummary', counts)}</p>
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
      {(session.role !== 'curator' || pairs.length > 0) && (
        <section aria-labelledby="my-pairs">
          <h2 id="my-pairs">{t('home.myPairs')}</h2>
          {pairs.length === 0 ? (
            <p>{t('home.noPairs')}</p>
          ) : (
            <ul class="cards">
              {pairs.map((p) => (
                <PairCard key={p.id} pair={p} viewerId={session.personId} />
              ))}
            </ul>
          )}
        </section>
      )}
    </Page>
  );
}
