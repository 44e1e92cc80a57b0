import { NOT_TEXT_MESSAGE } from '../../domain/json-bounds';
import type { WriteResult } from '../db/types';
import { t } from '../i18n/i18n';
import { showToast } from '../state/toast';

/** What to tell the user after a write: never «saved» unless it was. */
export function saveMessage(result: WriteResult): { kind: 'success' | 'error'; text: string } {
  if (result.ok) return { kind: 'success', text: t('save.saved') };
  if (result.code === 'quota') return { kind: 'error', text: t('save.quota') };
  if (result.code === 'invalid') {
    // The schema's reasons are for developers («field 'title' of goal: expected at most 300
    // characters»); the one a person meets most, a pasted text too long, is said in their words.
    const tooLong = /expected at most (\d+) characters/.exec(result.reason);
    if (tooLong) return { kind: 'error', text: t('save.tooLong', { n: Number(tooLong[1]) }) };
    // A text pasted from a document can carry a character that is not text (domain/json-bounds.ts).
    if (result.reason.includes(NOT_TEXT_MESSAGE)) return { kind: 'error', text: t('save.notText') };
    return { kind: 'error', text: t('save.invalid', { reason: result.reason }) };
  }
  if (result.code === 'closed') return { kind: 'error', text: t('save.closed') };
  return { kind: 'error', text: t('save.failed', { reason: result.reason }) };
}

/**
 * Which field of the record a refused write is about (the schema's reason names it: «field 'scope' of
 * consent: …»), so that a form says it under that field, not under another; null when none is named.
 */
export function fieldOfFailure(result: WriteResult): string | null {
  if (result.ok) return null;
  return /^(?:unknown )?field '([^']+)'/.exec(result.reason)?.[1] ?? null;
}

/** For a write no form waits on (a tap, an undo): a failure is said in a toast, success is quiet. */
export function reportFailure(result: WriteResult): void {
  if (!result.ok) showToast({ text: saveMessage(result).text });
}
