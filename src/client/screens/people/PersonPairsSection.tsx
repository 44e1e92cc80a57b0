// The pairs and groups a participant is in, as mentor or mentee, each with its status and a link: the
// card said nothing of them, and the curator had to look the person up in the pairs' table.
import { useQueries } from '../../app/use-queries';
import { allOf, useLiveQuery } from '../../db/live';
import { type MessageKey, t } from '../../i18n/i18n';
import { pairLabel } from '../../ui/pair-label';

export function PersonPairsSection(props: { personId: string }) {
  const queries = useQueries();
  const data = useLiveQuery(
    () =>
      allOf([queries.pairsAsMentor(props.personId), queries.pairsAsMentee(props.personId)]).then(
        ([asMentor, asMentee]) => {
          const pairs = [...asMentor, ...asMentee];
          const ids = pairs.flatMap((p) => [p.fields.mentorId ?? '', ...(p.fields.menteeIds ?? [])]);
          return queries.peopleByIds([...new Set(ids)].filter(Boolean)).then((people) => ({
            pairs,
            byId: new Map(people.map((p) => [p.id, p])),
          }));
        },
      ),
    [props.personId],
  );
  if (!data) return null;
  return (
    <section class="panel" aria-labelledby="person-pairs">
      <h2 id="person-pairs">{t('person.pairs')}</h2>
      {data.pairs.length === 0 ? (
        <p class="muted">{t('person.noPairs')}</p>
      ) : (
        <ul class="cards" data-testid="person-pairs">
          {data.pairs.map((p) => (
            <li key={p.id} class="card">
              <a class="card__link" href={`/pair/${p.id}`}>
                <span class="card__title">{pairLabel(p, data.byId)}</span>
                <span class="card__meta">
                  {t(p.fields.mentorId === props.personId ? 'person.asMentor' : 'person.asMentee')} ·{' '}
                  {t(`pairs.status.${p.fields.status ?? 'proposed'}` as MessageKey)}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
