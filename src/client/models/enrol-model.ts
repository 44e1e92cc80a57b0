import { CONTRACT_HEADER, CONTRACT_VERSION } from '../../domain/contract-header';
import type { EnrolResponse } from '../../domain/sync-contract';
import { t } from '../i18n/i18n';
import { serverErrorText } from '../ui/server-error';

export type EnrolResult = { ok: true; enrolment: EnrolResponse } | { ok: false; message: string };

export async function enrolWithCode(code: string, deviceName: string): Promise<EnrolResult> {
  try {
    const response = await fetch('/api/v1/enrol', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CONTRACT_HEADER]: String(CONTRACT_VERSION) },
      body: JSON.stringify({ code: code.trim(), deviceName: deviceName.trim() }),
    });
    const body = (await response.json().catch(() => ({}))) as { error?: string; reason?: string };
    if (response.ok) return { ok: true, enrolment: body as EnrolResponse };
    if (body.error === 'invalid-code') return { ok: false, message: t('enrol.invalid') };
    if (response.status === 429) return { ok: false, message: t('enrol.rateLimited') };
    return {
      ok: false,
      message: t('enrol.failed', { reason: serverErrorText(body.error, response.status) }),
    };
  } catch {
    return { ok: false, message: t('enrol.offline') };
  }
}
