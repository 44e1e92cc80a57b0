// The author's own text that lost a concurrent edit: shown until they put it back or hide it.
import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { t } from '../../i18n/i18n';
import { ConfirmStep } from '../../ui/ConfirmStep';
import { reportFailure } from '../../ui/save-message';

/** `onUse` puts the text back into the field it was typed in (private notes stay private). */
export function ConflictCopies(props: { recordId: string; onUse(field: string, text: string): void }) {
  const { repo } = useApp();
  const queries = useQueries();
  const copies = useLiveQuery(() => queries.conflictsOf(props.recordId), [props.recordId]) ?? [];
  // Only the server writes conflict copies, so a hidden one cannot be brought back: ask first.
  const [asking, setAsking] = useState<string | null>(null);
  if (copies.length === 0) return null;
  return (
    <section class="notice notice--warn" aria-labelledby="conflicts">
      <h2 id="conflicts">{t('meeting.conflictTitle')}</h2>
      <p>{t('meeting.conflictBody')}</p>
      {copies.map((c) => (
        <div key={c.id} class="conflict">
          <blockquote>{c.fields.text ?? ''}</blockquote>
          <button type="button" onClick={() => props.onUse(c.fields.field ?? 'notes', c.fields.text ?? '')}>
            {t('meeting.conflictUse')}
          </button>{' '}
          {asking === c.id ? (
            <ConfirmStep
              question={t('copies.dismissAsk')}
              confirm={t('copies.dismissConfirm')}
              onConfirm={() => void repo.remove('conflict', c.id).then(reportFailure)}
              onCancel={() => setAsking(null)}
            />
          ) : (
            <button type="button" class="button--quiet" onClick={() => setAsking(c.id)}>
              {t('copies.dismiss')}
            </button>
          )}
        </div>
      ))}
    </section>
  );
}
