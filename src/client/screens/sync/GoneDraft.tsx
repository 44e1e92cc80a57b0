// What was typed into a form whose record went meanwhile (a meeting deleted on another device, a
// questionnaire no longer given): its draft is on the device, but no form opens to show it. Shown where
// the form would be, to be copied by hand, and dropped only when the user says so.
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { t } from '../../i18n/i18n';
import { fieldLabel, TypedText } from './TypedText';
import { textsOf } from './texts-of';

export function GoneDraft(props: {
  draftKey: string;
  /** The record type the draft would have been saved as, and its fields from the draft's value. */
  type: string;
  fieldsOf(value: Record<string, unknown>): Record<string, unknown>;
}) {
  const { drafts } = useApp();
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
  const texts = value ? textsOf(props.type, props.fieldsOf(value)) : [];
  if (texts.length === 0) return null;
  const drop = async () => {
    await drafts.drop(props.draftKey);
    setValue(null);
  };
  return (
    <section class="panel" aria-labelledby="gone-draft" data-testid="gone-draft">
      <h2 id="gone-draft">{t('gone.title')}</h2>
      <p>{t('gone.hint')}</p>
      {texts.map((typed) => (
        <TypedText key={typed.field} text={typed.text} label={fieldLabel(typed.field)} />
      ))}
      {isAsking ? (
        <div class="notice notice--warn">
          <p>{t('gone.dropAsk')}</p>
          <div class="actions">
            <button type="button" class="button--danger" onClick={() => void drop()}>
              {t('gone.dropConfirm')}
            </button>
            <button type="button" onClick={() => setAsking(false)}>
              {t('sync.discardKeep')}
            </button>
          </div>
        </div>
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
