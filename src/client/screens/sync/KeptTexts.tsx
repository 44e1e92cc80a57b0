// The texts of this device's user that lost a conflict or were typed into a record deleted meanwhile
// (the server keeps them as conflict copies): shown until they are put back and dismissed. A meeting's
// own screen offers its copies in place too (meeting/ConflictCopies.tsx). Each says which record it
// belongs to (its title now, a link where a screen shows it) and, for a top-level text field of a
// record the user may write, offers «Вернуть»: the text written back into that field.
import { useState } from 'preact/hooks';
import { isRecordType } from '../../../domain/record-types';
import { useApp, useSession } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { type MessageKey, t } from '../../i18n/i18n';
import { loadKeptTargets, putBack } from '../../models/kept-texts-model';
import { showToast } from '../../state/toast';
import { ConfirmStep } from '../../ui/ConfirmStep';
import { personName } from '../../ui/person-name';
import { reportFailure } from '../../ui/save-message';
import { fieldLabel, TypedText } from './TypedText';

export function KeptTexts() {
  const { repo } = useApp();
  const queries = useQueries();
  const { personId, role } = useSession();
  const copies = useLiveQuery(() => queries.keptTexts(personId), [personId]) ?? [];
  const targets =
    useLiveQuery(
      () =>
        queries
          .keptTexts(personId)
          .then((kept) => loadKeptTargets(queries, { personId, isCurator: role === 'curator' }, kept)),
      [personId, role],
    ) ?? new Map();
  // A curator also holds the copies kept for curators alone (their authors may no longer read them).
  const authorIds = [...new Set(copies.map((c) => c.fields.authorId ?? ''))].filter((id) => id !== personId);
  const authors = useLiveQuery(() => queries.peopleByIds(authorIds), [authorIds.join()]) ?? ([] as const);
  // Only the server writes conflict copies, so a dismissed one cannot be brought back: ask first.
  const [asking, setAsking] = useState<string | null>(null);
  if (copies.length === 0) return null;

  return (
    <section aria-labelledby="kept-texts" data-testid="kept-texts">
      <h2 id="kept-texts">{t('copies.title')}</h2>
      <p class="muted">{t('copies.hint')}</p>
      <ul class="cards">
        {copies.map((c) => {
          const type = c.fields.recordType ?? '';
          const label = fieldLabel(c.fields.field ?? '');
          const authorId = c.fields.authorId ?? '';
          const target = targets.get(c.id);
          return (
            <li key={c.id} class="card">
              <p class="card__title">
                {isRecordType(type) ? t(`type.${type}` as MessageKey) : type}
                {label ? ` — ${label}` : ''}
              </p>
              {target?.title && (
                <p class="card__meta" data-testid="kept-record">
                  {target.link ? <a href={target.link}>{target.title}</a> : target.title}
                </p>
              )}
              {authorId !== personId && (
                <p class="card__meta">
                  {t('copies.author', { name: personName(authors.find((p) => p.id === authorId)) })}
                </p>
              )}
              <TypedText text={c.fields.text ?? ''} />
              {asking === c.id ? (
                <ConfirmStep
                  question={t('copies.dismissAsk')}
                  confirm={t('copies.dismissConfirm')}
                  onConfirm={() => void repo.remove('conflict', c.id).then(reportFailure)}
                  onCancel={() => setAsking(null)}
                />
              ) : (
                <div class="actions">
                  {target?.canPutBack && (
                    <button
                      type="button"
                      onClick={() =>
                        void putBack(repo, c).then((result) => {
                          reportFailure(result);
                          if (result.ok) showToast({ text: t('copies.putBack') }, 3000);
                        })
                      }
                    >
                      {t('meeting.conflictUse')}
                    </button>
                  )}
                  <button type="button" class="button--quiet" onClick={() => setAsking(c.id)}>
                    {t('copies.dismiss')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
