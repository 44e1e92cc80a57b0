import { CONTRACT_HEADER, CONTRACT_VERSION } from '../../../domain/contract-header';
import type { Role } from '../../../domain/sync-contract';

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

export type DeviceInfo = {
  id: string;
  personId: string;
  role: Role;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
};

async function api(token: string, method: string, path: string) {
  const response = await fetch(path, {
    method,
    headers: { authorization: `Bearer ${token}`, [CONTRACT_HEADER]: String(CONTRACT_VERSION) },
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { response, body };
}

export async function listDevices(
  token: string,
): Promise<{ ok: true; devices: DeviceInfo[] } | { ok: false; reason: string; isOffline: boolean }> {
  try {
    const { response, body } = await api(token, 'GET', '/api/v1/devices');
    if (!response.ok)
      return { ok: false, reason: String(body.reason ?? response.statusText), isOffline: false };
    return { ok: true, devices: body.devices as DeviceInfo[] };
  } catch {
    return { ok: false, reason: 'offline', isOffline: true };
  }
}

export async function revokeDevice(token: string, id: string): Promise<boolean> {
  try {
    return (await api(token, 'POST', `/api/v1/devices/${encodeURIComponent(id)}/revoke`)).response.ok;
  } catch {
    return false;
  }
}
