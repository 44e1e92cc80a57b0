import { CONTRACT_HEADER, CONTRACT_VERSION } from '../../domain/contract-header';
import type { SyncedRecord } from '../../domain/record';
import type { Role } from '../../domain/sync-contract';
import { serverErrorText } from '../ui/server-error';

const OPEN = new Set(['proposed', 'approved', 'active']);

/**
 * The role an invite is preset to, from what the app knows of the person: a mentee in an open pair
 * signs in as a mentee, a mentor of one as a mentor; otherwise a student as a mentee and a teacher as a
 * mentor. (A person in both roles is preset as a mentor, who sees more of their pairs.)
 */
export function presetRole(
  person: SyncedRecord<'person'>,
  asMentor: readonly SyncedRecord<'pair'>[],
  asMentee: readonly SyncedRecord<'pair'>[],
): Role {
  const isOpen = (p: SyncedRecord<'pair'>) => OPEN.has(p.fields.status ?? '');
  if (asMentor.some(isOpen)) return 'mentor';
  if (asMentee.some(isOpen)) return 'mentee';
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

/** Disconnects device `id` on the server; when it was not, why (the server's refusal, or no network). */
export async function revokeDevice(
  token: string,
  id: string,
): Promise<{ ok: true } | { ok: false; reason: string; isOffline: boolean }> {
  try {
    const { response, body } = await api(token, 'POST', `/api/v1/devices/${encodeURIComponent(id)}/revoke`);
    if (response.ok) return { ok: true };
    return { ok: false, reason: serverErrorText(body.error, response.status), isOffline: false };
  } catch {
    return { ok: false, reason: 'offline', isOffline: true };
  }
}
