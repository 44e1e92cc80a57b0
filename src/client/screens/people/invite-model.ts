import { CONTRACT_HEADER, CONTRACT_VERSION, type Role } from '../../../domain/sync-contract';

export type InviteResult =
  | { ok: true; code: string; expiresAt: string }
  | { ok: false; reason: string; isOffline: boolean };

export async function requestInvite(token: string, personId: string, role: Role): Promise<InviteResult> {
  try {
    const response = await fetch('/api/v1/invites', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        [CONTRACT_HEADER]: String(CONTRACT_VERSION),
      },
      body: JSON.stringify({ personId, role }),
    });
    const body = (await response.json().catch(() => ({}))) as {
      code?: string;
      expiresAt?: string;
      reason?: string;
    };
    if (!response.ok || !body.code)
      return { ok: false, reason: body.reason ?? response.statusText, isOffline: false };
    return { ok: true, code: body.code, expiresAt: body.expiresAt ?? '' };
  } catch {
    return { ok: false, reason: 'offline', isOffline: true };
  }
}
