// What was typed into a form whose record went meanwhile (a meeting deleted on another device, a pair or
// a questionnaire out of reach): its draft is on the device, but no form opens to show it. Shown where the
// form would be and on the sync screen, to be copied by hand, and dropped only when the user says so.
import { useEffect, useId, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { type MessageKey, t } from '../../i18n/i18n';
import { placeOfDraft, type SavedAs } from '../../state/draft-place';
import { ConfirmStep } from '../../ui/ConfirmStep';
import { fieldLabel, TypedText } from './TypedText';
import { textsOf } from './texts-of';

/** A draft's value as the fields of the record it would have been saved as. */
function fieldsOf(savedAs: SavedAs, value: Record<string, unknown>): Record<string, unknown> {
  if (savedAs === 'formResponse') return { answers: value };
  // The reason typed for ending a pair is its end reason.
  if (savedAs === 'pair') return { endReason: value.reason };
  if (savedAs !== 'meeting') return value;
  // A next step and a topic typed but not added yet are the meeting's texts too.
  const nextSteps = Array.isArray(value.nextSteps) ? value.nextSteps : [];
  const topics = Array.isArray(value.topics) ? value.topics : [];
  return {
    ...value,
    nextSteps: [...nextSteps, { id: 'pending', text: value.pendingStep ?? '' }],
    topics: [...topics, value.pendingTopic ?? ''],
  };
}

export function GoneDraft(props: { draftKey: string }) {
  const { drafts } = useApp();
  const id = useId();
  const [value, setValue] = useState<Record<string, unknown> | null>(null);
  const [isAsking, setAsking] = useState(false);
  useEffect(() => {
    let isCurrent = true;
    void drafts.get(props.draftKey).then((row) => {
      if (isCurrent) setValue(row?.value ?? null);
    });
    return () => {
      isCurrent = false;
    };
  }, [props.draftKey]);
  const place = placeOfDraft(props.draftKey);
  const texts = value && place ? textsOf(place.savedAs, fieldsOf(place.savedAs, value)) : [];
  if (!place || texts.length === 0) return null;
  const drop = async () => {
    await drafts.drop(props.draftKey);
    setValue(null);
  };
  return (
    <section class="panel" aria-labelledby={id} data-testid="gone-draft">
      <h2 id={id}>{t('gone.title')}</h2>
      <p class="card__title">{t(`type.${place.savedAs}` as MessageKey)}</p>
      <p>{t('gone.hint')}</p>
      {texts.map((typed) => (
        <TypedText key={typed.field} text={typed.text} label={fieldLabel(typed.field)} />
      ))}
      {isAsking ? (
        <ConfirmStep
          question={t('gone.dropAsk')}
          confirm={t('gone.dropConfirm')}
          onConfirm={() => void drop()}
          cancel={t('sync.discardKeep')}
          onCancel={() => setAsking(false)}
        />
      ) : (
        <div class="actions">
          <button type="button" class="button--danger" onClick={() => setAsking(true)}>
            {t('gone.drop')}
          </button>
        </div>
      )}
    </section>
  );
}

/** Every such draft on the device, for the sync screen. */
export function GoneDrafts(props: { keys: readonly string[] }) {
  return (
    <div id="gone-drafts">
      {props.keys.map((key) => (
        <GoneDraft key={key} draftKey={key} />
      ))}
    </div>
  );
}
