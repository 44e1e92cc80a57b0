// Find anything among one's meetings, notes and tasks, offline, as one types.
import { useEffect, useState } from 'preact/hooks';
import { foldLetters } from '../../../domain/fold-text';
import type { SyncedRecord } from '../../../domain/record';
import { queryWords } from '../../../domain/search-text';
import { useApp, useSession } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import type { SearchResults } from '../../db/types';
import { formatDay } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import { type FoundContext, loadFoundContext, type Whose } from '../../models/search-model';
import { Page } from '../../ui/Page';

/** Whose a result is, in words: «Сидорова Маша», «Наставник: …», «Сидорова Маша · наставник: …». */
function whoseText(whose: Whose | undefined): string {
  if (!whose) return '';
  const mentees = whose.mentees.join(', ');
  if (whose.mentor === null) return mentees;
  if (!mentees) return t('search.mentorIs', { name: whose.mentor });
  return t('search.menteesAndMentor', { mentees, mentor: whose.mentor });
}

function excerpt(text: string, query: string): string {
  const first = queryWords(query)[0] ?? '';
  const at = first ? foldLetters(text).indexOf(first) : -1;
  const start = Math.max(0, at - 40);
  return `${start > 0 ? '…' : ''}${text.slice(start, start + 160)}${text.length > start + 160 ? '…' : ''}`;
}

export function SearchScreen() {
  const { search } = useApp();
  const queries = useQueries();
  const session = useSession();
  const [query, setQuery] = useState(() => new URLSearchParams(location.search).get('q') ?? '');
  const [results, setResults] = useState<SearchResults | null>(null);
  const [context, setContext] = useState<FoundContext>({ whose: new Map(), planLinks: new Map() });

  useEffect(() => {
    let isCurrent = true;
    const started = performance.now();
    void search(query).then(async (found) => {
      if (!isCurrent) return;
      // Whose each result is, and which IDP a task or goal opens, read before the results show.
      const read = await loadFoundContext(queries, found, session.personId);
      if (!isCurrent) return;
      performance.measure('search', { start: started, end: performance.now() });
      setResults(found);
      setContext(read);
    });
    return () => {
      isCurrent = false;
    };
  }, [query, session.personId]);

  const count = results?.total ?? 0;
  const planLink = (r: SyncedRecord<'task'> | SyncedRecord<'goal'>) =>
    context.planLinks.get(r.fields.planId ?? '') ?? '#';
  const whose = (id: string) => {
    const text = whoseText(context.whose.get(id));
    return text && <span class="card__meta">{text}</span>;
  };
  return (
    <Page title={t('search.title')}>
      <div class="field">
        <label for="search">{t('search.label')}</label>
        <input id="search" type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      </div>
      <p class="muted" role="status">
        {query.trim().length < 2
          ? t('search.hint')
          : results?.hasMore
            ? t('search.foundMany', { n: count })
            : t('search.found', { n: count })}
      </p>
      {results && results.pairs.length > 0 && (
        <section aria-labelledby="found-pairs">
          <h2 id="found-pairs">{t('search.pairs')}</h2>
          <ul class="cards" data-testid="found-pairs">
            {results.pairs.map((p) => (
              <li class="card" key={p.id}>
                <a class="card__link" href={`/pair/${p.id}`}>
                  <span class="card__title">{whoseText(context.whose.get(p.id)) || '—'}</span>
                  <span class="card__meta">{t(`pairs.status.${p.fields.status ?? 'proposed'}`)}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {results && results.meetings.length > 0 && (
        <section aria-labelledby="found-meetings">
          <h2 id="found-meetings">{t('pair.meetings')}</h2>
          <ul class="cards" data-testid="found-meetings">
            {results.meetings.map((m) => (
              <li class="card" key={m.id}>
                <a class="card__link" href={`/meeting/${m.id}`}>
                  <span class="card__title">
                    {m.fields.date ? formatDay(m.fields.date) : '—'} ·{' '}
                    {t(`meeting.kind.${m.fields.kind ?? 'regular'}`)}
                  </span>
                  {whose(m.id)}
                  <span class="card__excerpt">{excerpt(m.fields.notes ?? '', query)}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {results && results.tasks.length + results.goals.length > 0 && (
        <section aria-labelledby="found-tasks">
          <h2 id="found-tasks">{t(session.role === 'mentee' ? 'search.mentee.tasks' : 'search.tasks')}</h2>
          <ul class="cards" data-testid="found-tasks">
            {[...results.goals, ...results.tasks].map((r) => (
              <li class="card" key={r.id}>
                <a class="card__link" href={planLink(r)}>
                  <span class="card__title">{r.fields.title ?? ''}</span>
                  {whose(r.id)}
                  <span class="card__meta">
                    {r.type === 'goal' ? t('idp.goalTitle') : t(`idp.status.${r.fields.status ?? 'todo'}`)}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Page>
  );
}
