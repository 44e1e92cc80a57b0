import { CONTRACT_HEADER, CONTRACT_VERSION, type Role } from '../../../domain/sync-contract';
import { serverErrorText } from '../../ui/server-error';

/**
 * The role a person most likely signs in with: the one they have in a pair, else by who they are (a
 * student is a mentee). A code for them is then one tap on their page, a new one as often as needed.
 */
export function likelyRole(
  person: { id: string; fields: Record<string, unknown> },
  pairs: readonly { fields: Record<string, unknown> }[],
): Role {
  if (pairs.some((p) => p.fields.mentorId === person.id)) return 'mentor';
  if (pairs.some((p) => (p.fields.menteeIds as string[] | undefined)?.includes(person.id))) return 'mentee';
  return person.fields.kind === 'student' ? 'mentee' : 'mentor';
}

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
      error?: string;
    };
    if (!response.ok || !body.code)
      return { ok: false, reason: serverErrorText(body.error, response.status), isOffline: false };
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
      return { ok: false, reason: serverErrorText(body.error, response.status), isOffline: false };
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
