// What waits to be sent, shown when the server no longer takes it (the curator archived the person, or
// disconnected the device): the records it belongs to may have left the device's screens, and this is
// where what was typed can be read.
import { isRecordType } from '../../../domain/record-types';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { type MessageKey, t } from '../../i18n/i18n';
import { fieldLabel, TypedText } from './TypedText';
import { textsOf } from './texts-of';

/** `isDisconnected`: the device was disconnected (its user enrols again to send), not its person archived. */
export function WaitingTexts(props: { isDisconnected?: boolean }) {
  const queries = useQueries();
  const outbox = useLiveQuery(queries.outbox, []) ?? [];
  if (outbox.length === 0) return null;
  // A record changed several times waits as several changes: shown once, with its latest fields.
  const byRecord = new Map<string, { type: string; fields: Record<string, unknown> }>();
  for (const entry of outbox) {
    const before = byRecord.get(entry.recordId);
    byRecord.set(entry.recordId, {
      type: entry.change.type,
      fields: { ...before?.fields, ...entry.change.fields },
    });
  }
  return (
    <section aria-labelledby="waiting-texts" data-testid="waiting-texts">
      <h2 id="waiting-texts">{t('sync.waitingTitle')}</h2>
      <p class="muted">{t(props.isDisconnected ? 'sync.waitingKeptDisconnected' : 'sync.waitingKept')}</p>
      <ul class="cards">
        {[...byRecord].map(([id, { type, fields }]) => (
          <li key={id} class="card">
            <p class="card__title">{isRecordType(type) ? t(`type.${type}` as MessageKey) : type}</p>
            {textsOf(type, fields).map((typed) => (
              <TypedText key={typed.field} text={typed.text} label={fieldLabel(typed.field)} />
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
