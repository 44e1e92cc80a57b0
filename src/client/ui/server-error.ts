import { type MessageKey, t } from '../i18n/i18n';

const CODES = [
  'bad-request',
  'too-large',
  'unauthorized',
  'forbidden',
  'not-found',
  'contract-too-old',
  'rate-limited',
  'invalid-code',
  'conflict',
] as const;

/**
 * A server's refusal in the UI's language, from its code (docs/sync-protocol.md): the server's own reason
 * is English for administrators and never shown as the message.
 */
export function serverErrorText(code: unknown, status: number): string {
  return (CODES as readonly unknown[]).includes(code)
    ? t(`error.${code}` as MessageKey)
    : t('error.other', { status });
}
