// The one sync, in both contract versions: push the changes, pull what the caller may read after the
// cursor. People of the district read the schools' summaries, which are brought up to date first.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDistrictRole, LIMITS, parseSyncRequest } from '../../domain/sync-contract';
import { parseCursor } from '../../domain/sync-cursor';
import { refreshSummaries } from '../district-service';
import type { ServerClock } from '../server-clock';
import type { Storage } from '../storage/storage';
import { runSync } from '../sync-service';
import type { Caller, SyncDeps } from '../sync-session';
import { syncV2 } from '../sync-v2';
import { callerOf, fail, type Guards } from './route-kit';

type SyncRouteDeps = {
  storage: Storage;
  clock: ServerClock;
  pageSize?: number;
  pageSizeV2?: number;
  summaryMinAgeMs?: number;
  logError: (error: unknown) => void;
};

export function registerSyncRoutes(app: FastifyInstance, deps: SyncRouteDeps, guards: Guards): void {
  const syncDeps: SyncDeps = {
    storage: deps.storage,
    clock: deps.clock,
    pageSize: deps.pageSize,
    logError: deps.logError,
  };
  const v2Deps: SyncDeps = { ...syncDeps, pageSize: deps.pageSizeV2 ?? deps.pageSize };
  const refreshForDistrict = async (caller: Caller) => {
    if (isDistrictRole(caller.role))
      await refreshSummaries(deps.storage, deps.clock, deps.summaryMinAgeMs ?? 60_000);
  };
  // Sync answers carry nosniff, not a page's policies (static.ts).
  const authenticated = {
    onRequest: guards.authenticate,
    // A sync is the one everyday request with a large body (every other route's is small: app.ts).
    bodyLimit: LIMITS.bytesPerRequest,
    config: { headers: 'sync-answer' as const },
    // JSON is UTF-8 by definition (RFC 8259): the charset Fastify adds says nothing, on every answer.
    onSend: async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (reply.getHeader('content-type') === 'application/json; charset=utf-8')
        reply.header('content-type', 'application/json');
      return payload;
    },
  };

  app.post('/api/v1/sync', authenticated, async (request, reply) => {
    const parsed = parseSyncRequest(request.body);
    if (!parsed.ok)
      return fail(reply, parsed.status, parsed.status === 413 ? 'too-large' : 'bad-request', parsed.reason);
    const { changes } = parsed.request;
    const cursor = parsed.request.cursor === null ? null : parseCursor(parsed.request.cursor);
    if (parsed.request.cursor !== null && cursor === null) {
      return fail(
        reply,
        400,
        'bad-request',
        'cursor: not a cursor this server issued; send null to start over',
      );
    }
    const base = parsed.request.base === null ? null : parseCursor(parsed.request.base);
    if (parsed.request.base !== null && base === null)
      return fail(reply, 400, 'bad-request', 'base: not a cursor this server issued');
    // What the device had seen when it typed: its oldest base, never later than its cursor — whole
    // records only, as v1 sends them (conflict-copies.ts SeenUpTo).
    const seenRev = Math.min(base?.rev ?? Number.POSITIVE_INFINITY, cursor?.rev ?? 0);
    await refreshForDistrict(callerOf(request));
    return runSync(syncDeps, callerOf(request), cursor, changes, { rev: seenRev, perField: false });
  });

  app.post('/api/v2/sync', authenticated, async (request, reply) => {
    await refreshForDistrict(callerOf(request));
    const answer = await syncV2(v2Deps, callerOf(request), request.body);
    if (!answer.ok) return fail(reply, answer.status, answer.error, answer.reason);
    return reply.type('application/json').send(answer.json);
  });
}
