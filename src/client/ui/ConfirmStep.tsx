// A step that cannot be taken back (erasing a pupil, deleting a kept text, disconnecting a device) is
// asked for before it is taken, the same way everywhere: the question, the step's own red button, and
// a way back that leaves everything as it was. Focus moves to the question when it appears: the button
// that asked is gone, and a keyboard or a screen reader would otherwise be left on nothing.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/i18n';

export function ConfirmStep(props: {
  /** What is about to happen and what it costs («Удалить вашу копию текста? Вернуть её будет нельзя.»). */
  question: ComponentChildren;
  /** The step's button («Да, удалить копию»). */
  confirm: string;
  onConfirm: () => void;
  /** Other steps offered beside it, before the way back (a goal deleted with or without its tasks). */
  children?: ComponentChildren;
  /** The way back's label: «Не удалять» unless the step is not a deletion. */
  cancel?: string;
  onCancel: () => void;
}) {
  const group = useRef<HTMLFieldSetElement>(null);
  useEffect(() => group.current?.focus(), []);
  return (
    <fieldset ref={group} tabIndex={-1} class="notice notice--warn confirm">
      <legend>{props.question}</legend>
      <div class="actions">
        <button type="button" class="button--danger" onClick={props.onConfirm}>
          {props.confirm}
        </button>
        {props.children}
        <button type="button" onClick={props.onCancel}>
          {props.cancel ?? t('confirm.cancel')}
        </button>
      </div>
    </fieldset>
  );
}
