// After a destructive tap: say what happened, with «Отменить» for a while. Every delete in the app goes
// through here (or asks first where it cannot be taken back).

import { useEffect, useRef } from 'preact/hooks';
import type { DraftEnd } from '../db/drafts';
import type { Repository } from '../db/repository';
import { applyUndoable, type Step } from '../db/undo';
import { t } from '../i18n/i18n';
import { saveMessage } from '../ui/save-message';
import { hideToast, showToast, type Toast, toast } from './toast';

/**
 * Applies the steps and shows `text` with an undo button; answers whether the writes went through.
 * `undoLabel`: the button's words (by default «Отменить»); `endsDraft`: the form's draft the steps
 * store, ended with them (applyUndoable).
 */
export async function withUndo(
  repo: Repository,
  steps: readonly Step[],
  text: string,
  options: { undoLabel?: string; endsDraft?: DraftEnd } = {},
): Promise<boolean> {
  const { result, undo } = await applyUndoable(
    repo,
    steps,
    options.endsDraft ? { endsDraft: options.endsDraft } : {},
  );
  if (!result.ok) {
    showToast({ text: saveMessage(result).text });
    return false;
  }
  showToast({
    text,
    action: {
      label: options.undoLabel ?? t('undo.action'),
      run: () =>
        void undo().then((back) =>
          showToast({ text: back.ok ? t('undo.done') : saveMessage(back).text }, 3000),
        ),
    },
  });
  return true;
}

/**
 * Undo for a change that lives in a form's draft (not yet saved), for as long as the form is on screen:
 * the caller puts the old value back. Once the form closes (saved, or left) its draft is gone and the
 * offer is withdrawn — «Отменить» stayed after a meeting was saved, and did nothing.
 */
export function useDraftUndo(): (text: string, restore: () => void) => void {
  const offered = useRef<Toast | null>(null);
  useEffect(
    () => () => {
      if (offered.current !== null && toast.value === offered.current) hideToast();
    },
    [],
  );
  return (text, restore) => {
    offered.current = { text, action: { label: t('undo.action'), run: restore } };
    showToast(offered.current);
  };
}
