// A text field's limit, said rather than enforced by the browser: a `maxlength` attribute cuts what is
// pasted beyond it without a word. The field keeps all that was typed or pasted, shows its count near the
// limit and an error over it, and the form refuses to save until the text fits (nothing lost, nothing cut).
import { t } from '../i18n/i18n';

/** From this share of its limit on, a field shows how many characters it holds. */
const COUNT_FROM = 0.9;

/**
 * How long a text counts against its limit: its characters, or (a list typed one item a line, each
 * with its own limit) its longest line's.
 */
export type Measure = (text: string) => number;
export const longestLine: Measure = (text) => Math.max(0, ...text.split('\n').map((x) => x.trim().length));

export const isTooLong = (text: string, max: number | undefined, measure?: Measure): boolean =>
  max !== undefined && (measure ? measure(text) : text.length) > max;

/** Marks a control whose text is over its limit: `refuseOverLimit` finds it. */
export const OVER_LIMIT = 'data-over-limit';

/**
 * Whether a form holds a text over its limit: its first such control gets the focus (its error is under
 * it), and the form is not submitted.
 */
export function refuseOverLimit(form: HTMLElement): boolean {
  const over = form.querySelector<HTMLElement>(`[${OVER_LIMIT}]`);
  over?.focus();
  return over !== null;
}

/** What is said under a field with a limit: its count near the limit, an error over it; null well under. */
export function lengthNote(
  text: string,
  max: number | undefined,
  measure?: Measure,
): { text: string; isOver: boolean } | null {
  const n = measure ? measure(text) : text.length;
  if (max === undefined || n < max * COUNT_FROM) return null;
  const isOver = n > max;
  return { text: t(isOver ? 'save.overLimit' : 'save.lengthCount', { n, max }), isOver };
}
