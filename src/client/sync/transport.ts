// HTTP to the sync server, in contract v2 (docs/sync-protocol.md): changes go in the compact form and
// answers come compressed and compact. Failures are values, never exceptions: the engine decides what
// they mean.
import { compactRecord } from '../../domain/compact-record';
import type { Change } from '../../domain/record';
import type { PullPass, SyncResponseV2 } from '../../domain/sync-contract-v2';
import { packId, unpackId } from '../../domain/wire-id';
import type { PulledPage } from '../db/sync-store';

export type SyncCall = {
  cursor: string | null;
  base?: string | null;
  changes: Change[];
  /** Ask the server how many records wait (the first call of a sync, for its progress bar). */
  progress?: boolean;
};

/** What the engine needs of an answer, whichever contract carried it. */
export type SyncAnswer = PulledPage & { hasMore: boolean; pending?: number; pass?: PullPass };

export type TransportResult =
  | { ok: true; body: SyncAnswer }
  /** `error` is the server's code of a refusal (e.g. `archived`), when it sent one. */
  | { ok: false; status: number; reason: string; error?: string };

export type Transport = (request: SyncCall, token: string) => Promise<TransportResult>;

/**
 * The v2 request body of a sync call. A `base` of null and a `progress` of false are what the server
 * takes when they are left out, so they are left out (bytes of every call over mobile data). Ids go
 * packed both ways (`packIds`, domain/wire-id.ts).
 */
export function toWire(request: SyncCall): string {
  const { base, progress, ...rest } = request;
  return JSON.stringify({
    ...rest,
    ...(base != null ? { base } : {}),
    ...(progress ? { progress } : {}),
    packIds: true,
    changes: request.changes.map((c) => ({ ...compactRecord(c), id: packId(c.id) })),
  });
}

/**
 * The answer with every record id it names as the device keeps it (unpacked in place): records, purged
 * ids and rejections. A server that does not pack ids sends them whole, and they stay as they are.
 */
export function fromWire(body: SyncResponseV2): SyncResponseV2 {
  for (const record of body.changes) record.id = unpackId(record.id);
  body.purge = body.purge.map(unpackId);
  for (const rejection of body.rejected) rejection.id = unpackId(rejection.id);
  return body;
}

export function httpTransport(baseUrl = '', timeoutMs = 30_000): Transport {
  return async (request, token) => {
    try {
      const response = await fetch(`${baseUrl}/api/v2/sync`, {
        method: 'POST',
        // No contract header: the path says contract 2 (docs/sync-protocol.md, "Contract v2").
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: toWire(request),
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
      return { ok: true, body: fromWire(body as SyncResponseV2) };
    } catch (error) {
      return { ok: false, status: 0, reason: error instanceof Error ? error.message : 'network error' };
    }
  };
}
