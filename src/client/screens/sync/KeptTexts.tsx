// The texts of this device's user that lost a conflict or were typed into a record deleted meanwhile
// (the server keeps them as conflict copies): shown until they are put back and dismissed. A meeting's
// own screen offers its copies in place too (meeting/ConflictCopies.tsx).
import { useState } from 'preact/hooks';
import { isRecordType } from '../../../domain/record-types';
import { useApp } from '../../app/context';
import { useLiveQuery } from '../../db/live';
import { type MessageKey, t } from '../../i18n/i18n';
import { Notice } from '../../ui/Page';
import { reportFailure } from '../../ui/save-message';

export function KeptTexts() {
  const { queries, repo } = useApp();
  const copies = useLiveQuery(queries.conflicts, []) ?? [];
  // Only the server writes conflict copies, so a dismissed one cannot be brought back: ask first.
  const [asking, setAsking] = useState<string | null>(null);
  const [copied, setCopied] = useState<{ id: string; ok: boolean } | null>(null);
  if (copies.length === 0) return null;

  const copy = async (id: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied({ id, ok: true });
    } catch {
      // No clipboard (an insecure origin, a refused permission): the text is on screen to select.
      setCopied({ id, ok: false });
    }
  };

  return (
    <section aria-labelledby="kept-texts" data-testid="kept-texts">
      <h2 id="kept-texts">{t('copies.title')}</h2>
      <p class="muted">{t('copies.hint')}</p>
      <ul class="cards">
        {copies.map((c) => {
          const type = c.fields.recordType ?? '';
          const field = c.fields.field ?? '';
          const fieldKey = `copies.field.${field}` as MessageKey;
          return (
            <li key={c.id} class="card">
              <p class="card__title">
                {isRecordType(type) ? t(`type.${type}` as MessageKey) : type}
                {t(fieldKey) ? ` — ${t(fieldKey)}` : ''}
              </p>
              <blockquote>{c.fields.text ?? ''}</blockquote>
              {copied?.id === c.id && (
                <Notice kind={copied.ok ? 'success' : 'error'}>
                  {t(copied.ok ? 'copies.copied' : 'copies.copyFailed')}
                </Notice>
              )}
              {asking === c.id ? (
                <div class="notice notice--warn">
                  <p>{t('copies.dismissAsk')}</p>
                  <div class="actions">
                    <button
                      type="button"
                      class="button--danger"
                      onClick={() => void repo.remove('conflict', c.id).then(reportFailure)}
                    >
                      {t('copies.dismissConfirm')}
                    </button>
                    <button type="button" onClick={() => setAsking(null)}>
                      {t('confirm.cancel')}
                    </button>
                  </div>
                </div>
              ) : (
                <div class="actions">
                  <button type="button" onClick={() => void copy(c.id, c.fields.text ?? '')}>
                    {t('copies.copy')}
                  </button>
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
