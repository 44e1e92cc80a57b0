// HTTP to the sync server. Failures are values, never exceptions: the engine decides what they mean.
import {
  CONTRACT_HEADER,
  CONTRACT_VERSION,
  type SyncRequest,
  type SyncResponse,
} from '../../domain/sync-contract';

export type TransportResult =
  | { ok: true; body: SyncResponse }
  /** `error` is the server's code of a refusal (e.g. `archived`), when it sent one. */
  | { ok: false; status: number; reason: string; error?: string };

export type Transport = (request: SyncRequest, token: string) => Promise<TransportResult>;

export function httpTransport(baseUrl = '', timeoutMs = 30_000): Transport {
  return async (request, token) => {
    try {
      const response = await fetch(`${baseUrl}/api/v1/sync`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          [CONTRACT_HEADER]: String(CONTRACT_VERSION),
        },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await response.json().catch(() => ({}))) as { reason?: string; error?: string };
      if (!response.ok) {
        return {
          ok: false,
          status: response.status,
          reason: body.reason ?? response.statusText,
          ...(typeof body.error === 'string' ? { error: body.error } : {}),
        };
      }
      return { ok: true, body: body as SyncResponse };
    } catch (error) {
      return { ok: false, status: 0, reason: error instanceof Error ? error.message : 'network error' };
    }
  };
}
