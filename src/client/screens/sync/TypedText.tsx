// A text someone typed that the app shows to be kept by hand (a conflict copy, a change the server
// refused): the text itself, labelled by the field it was typed in, and a button that copies it.
import { useState } from 'preact/hooks';
import { type MessageKey, t } from '../../i18n/i18n';
import { Notice } from '../../ui/Page';

/** The label of a typed text's field: a text inside a structure (`answers.<question>`) by its field. */
export function fieldLabel(field: string): string {
  return t(`copies.field.${field.split('.')[0]}` as MessageKey);
}

export function TypedText(props: { text: string; label?: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
      setCopied(true);
    } catch {
      // No clipboard (an insecure origin, a refused permission): the text is on screen to select.
      setCopied(false);
    }
  };
  return (
    <>
      {props.label && <p class="card__meta">{props.label}</p>}
      <blockquote>{props.text}</blockquote>
      {copied !== null && (
        <Notice kind={copied ? 'success' : 'error'}>
          {t(copied ? 'copies.copied' : 'copies.copyFailed')}
        </Notice>
      )}
      <button type="button" onClick={() => void copy()}>
        {t('copies.copy')}
      </button>
    </>
  );
}
