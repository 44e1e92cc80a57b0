import { CONTRACT_HEADER, CONTRACT_VERSION } from '../../domain/contract-header';
import { CODE_SYMBOLS, normaliseCode } from '../../domain/invite-code';
import type { EnrolResponse } from '../../domain/sync-contract';
import { t } from '../i18n/i18n';
import { serverErrorText } from '../ui/server-error';

/**
 * `about`: what a refusal is about — the code itself (wrong or spent: its field is marked), the network
 * (no answer: the code may well be right, nothing is marked) or anything else (the server's reason).
 */
export type EnrolResult =
  | { ok: true; enrolment: EnrolResponse }
  | { ok: false; message: string; about: 'code' | 'network' | 'other' };

/**
 * Why a code was refused, as far as the phone can tell: one shorter than a curator's codes (a code cut
 * short, a group left out) is said to be so, with the count of what was typed; any other may be mistyped,
 * spent or expired. (A shorter code can still be valid — a server's first code set by its administrator
 * — so the server is asked all the same.)
 */
function invalidCodeText(code: string): string {
  const typed = normaliseCode(code).length;
  return typed < CODE_SYMBOLS ? t('enrol.invalidShort', { n: typed, of: CODE_SYMBOLS }) : t('enrol.invalid');
}

export async function enrolWithCode(code: string, deviceName: string): Promise<EnrolResult> {
  try {
    const response = await fetch('/api/v1/enrol', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CONTRACT_HEADER]: String(CONTRACT_VERSION) },
      body: JSON.stringify({ code: code.trim(), deviceName: deviceName.trim() }),
    });
    const body = (await response.json().catch(() => ({}))) as { error?: string; reason?: string };
    if (response.ok) return { ok: true, enrolment: body as EnrolResponse };
    if (body.error === 'invalid-code') return { ok: false, message: invalidCodeText(code), about: 'code' };
    if (response.status === 429) return { ok: false, message: t('enrol.rateLimited'), about: 'other' };
    return {
      ok: false,
      message: t('enrol.failed', { reason: serverErrorText(body.error, response.status) }),
      about: 'other',
    };
  } catch {
    return { ok: false, message: t('enrol.offline'), about: 'network' };
  }
}
