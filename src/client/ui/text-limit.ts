// A text field's limit, said rather than enforced by the browser: a `maxlength` attribute cuts what is
// pasted beyond it without a word. The field keeps all that was typed or pasted, shows its count near the
// limit and an error over it, and the form refuses to save until the text fits (nothing lost, nothing cut).
import { t } from '../i18n/i18n';

/** From this share of its limit on, a field shows how many characters it holds. */
const COUNT_FROM = 0.9;

export const isTooLong = (text: string, max: number | undefined): boolean =>
  max !== undefined && text.length > max;

/** Marks a control whose text is over its limit: `refuseOverLimit` finds it. */
export const OVER_LIMIT = 'data-over-limit';

/**
 * Whether a form holds a text over its limit: its first such control gets the focus (its error is under
 * it), and the form is not submitted.
 */
export function refuseOverLimit(form: HTMLFormElement): boolean {
  const over = form.querySelector<HTMLElement>(`[${OVER_LIMIT}]`);
  over?.focus();
  return over !== null;
}

/** What is said under a field with a limit: its count near the limit, an error over it; null well under. */
export function lengthNote(text: string, max: number | undefined): { text: string; isOver: boolean } | null {
  if (max === undefined || text.length < max * COUNT_FROM) return null;
  const isOver = text.length > max;
  return { text: t(isOver ? 'save.overLimit' : 'save.lengthCount', { n: text.length, max }), isOver };
}
