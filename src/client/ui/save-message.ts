import type { WriteResult } from '../db/repository';
import { t } from '../i18n/i18n';

/** What to tell the user after a write: never «saved» unless it was. */
export function saveMessage(result: WriteResult): { kind: 'success' | 'error'; text: string } {
  if (result.ok) return { kind: 'success', text: t('save.saved') };
  if (result.code === 'quota') return { kind: 'error', text: t('save.quota') };
  if (result.code === 'invalid') return { kind: 'error', text: t('save.invalid', { reason: result.reason }) };
  return { kind: 'error', text: t('save.failed', { reason: result.reason }) };
}
