// A curator's part of the home: the set-up guide until it is done, the school's counts, pairs whose
// members answered «не подходит», and the way to people and pairs.
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { t } from '../../i18n/i18n';
import { Notice } from '../../ui/Page';
import { SetupGuide } from './SetupGuide';

export function CuratorHome(props: { curatorId: string }) {
  const queries = useQueries();
  // Counts of the whole school: while a sync writes page after page, counted again when it ends.
  const counts = useLiveQuery(() => queries.counts(), [], { waitsForPull: true });
  const unfit = useLiveQuery(() => queries.unfitAnswers(), []) ?? [];
  if (!counts) return null;
  return (
    <section aria-labelledby="curator-work">
      <h2 id="curator-work">{t('curatorHome.title')}</h2>
      <SetupGuide curatorId={props.curatorId} />
      <p data-testid="curator-summary">{t('curatorHome.summary', counts)}</p>
      {unfit.length > 0 && (
        <Notice kind="error">
          {t('curatorHome.unfit', { n: new Set(unfit.map((a) => a.fields.pairId)).size })}
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
  );
}
