// The HTTP app: createApp(deps) builds it; main.ts only reads the environment and listens.

import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import Fastify, {
  type FastifyError,
  type FastifyHttpOptions,
  type FastifyHttpsOptions,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import pino from 'pino';
import * as v from 'valibot';
import { redactFor } from '../domain/access';
import {
  CONTRACT_HEADER,
  CONTRACT_VERSION,
  describeIssue,
  type ErrorCode,
  isDistrictRole,
  LIMITS,
  parseSyncRequest,
  ROLES,
  type Role,
} from '../domain/sync-contract';
import { parseCursor } from '../domain/sync-cursor';
import { authenticateDevice } from './authenticate';
import { registerCompression } from './compression';
import { registerDistrictRoutes } from './district-routes';
import { refreshSummaries } from './district-service';
import { drain } from './drain';
import { createEnrolLimiter, ENROL_LIMITS, type EnrolLimits } from './enrol-limiter';
import { createInvite, enrol } from './enrol-service';
import { MAX_BACKUP_BYTES, restoreBackup } from './restore-service';
import { createServerClock, type ServerClock } from './server-clock';
import { registerShellHeaders, registerStatic } from './static';
import type { Storage } from './storage/storage';
import { type Caller, runSync, type SyncDeps } from './sync-service';
import { syncV2 } from './sync-v2';

export type AppDeps = {
  storage: Storage;
  clock?: ServerClock;
  /** The built app to serve (dist/); null serves the API only. */
  staticDir?: string | null;
  logger?: boolean;
  /** Devices speaking an older contract than this get 426 and keep their outbox. */
  minClientContract?: number;
  enrolLimits?: Partial<EnrolLimits>;
  /** Behind a reverse proxy: whose X-Forwarded-For to believe (Fastify's trustProxy), for client addresses. */
  trustProxy?: FastifyServerOptions['trustProxy'];
  pageSize?: number;
  /** Records per page of a v2 pull (default `pageSize` when set, else PAGE_SIZE_V2). */
  pageSizeV2?: number;
  version?: string;
  tls?: { cert: Buffer; key: Buffer } | null;
  /** A school's summary for the district is made again at most this often (default a minute). */
  summaryMinAgeMs?: number;
  timeouts?: Partial<Timeouts>;
};

/**
 * How long a client may take. A request (headers and body) must arrive within `requestMs`, its headers
 * within `headersMs`, and a connection that sends nothing for `idleMs` is closed: a body that trickles in
 * ties up nothing for long. A phone's sync batch is at most 1 MB and its own time-out is 30 s.
 */
type Timeouts = { requestMs: number; headersMs: number; idleMs: number; keepAliveMs: number };

const DEFAULT_TIMEOUTS: Timeouts = {
  requestMs: 60_000,
  headersMs: 15_000,
  idleMs: 30_000,
  keepAliveMs: 10_000,
};

declare module 'fastify' {
  // Declaration merging needs an interface here.
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation
  interface FastifyRequest {
    caller?: Caller;
  }
}

function fail(reply: FastifyReply, status: number, error: ErrorCode, reason: string) {
  return reply.code(status).send({ error, reason });
}

const EnrolSchema = v.object({
  code: v.pipe(
    v.string('code must be a string'),
    v.minLength(1, 'code is empty'),
    v.maxLength(64, 'code is too long'),
  ),
  deviceName: v.optional(
    v.pipe(v.string('deviceName must be a string'), v.maxLength(100, 'deviceName is too long')),
    '',
  ),
});

const InviteSchema = v.object({
  personId: v.pipe(v.string('personId must be a string'), v.maxLength(64)),
  role: v.picklist(ROLES as Role[], `role must be one of: ${ROLES.join(', ')}`),
});

/** How much of a too-large body is read so that its sender sees the 413; beyond it, the line is cut. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const clock = deps.clock ?? createServerClock();
  const limiter = createEnrolLimiter(deps.storage, clock, { ...ENROL_LIMITS, ...deps.enrolLimits });
  const timeouts = { ...DEFAULT_TIMEOUTS, ...deps.timeouts };
  // Node checks the request and header time-outs on this interval, so it must be finer than they are.
  const httpOptions = {
    headersTimeout: timeouts.headersMs,
    connectionsCheckingInterval: Math.max(100, Math.min(timeouts.headersMs, timeouts.requestMs) / 4),
  };
  const options: FastifyServerOptions = {
    bodyLimit: LIMITS.bytesPerRequest,
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    trustProxy: deps.trustProxy ?? false,
    // Logs carry method, path, status and timing only: never bodies, tokens, names or addresses. One
    // line per request (see onResponse below), written in batches rather than a system call a line.
    logger: deps.logger ? { stream: pino.destination({ sync: false, minLength: 4096 }) } : false,
    logController: new LogController({ disableRequestLogging: true }),
    // Faults Fastify finds before any route (a malformed URL) keep the { error, reason } shape too.
    frameworkErrors: (error, _request, reply) => {
      void (reply as FastifyReply).code(400).send({
        error: 'bad-request',
        reason: `the request is not valid: ${error.message}`,
      });
    },
  };
  const app = (deps.tls
    ? Fastify({ ...options, https: { ...deps.tls, ...httpOptions } } as FastifyHttpsOptions<HttpsServer>)
    : Fastify({
        ...options,
        http: httpOptions,
      } as FastifyHttpOptions<HttpServer>)) as unknown as FastifyInstance;

  if (deps.logger) {
    app.addHook('onResponse', async (request, reply) => {
      app.log.info(
        {
          method: request.method,
          url: request.url.split('?')[0],
          statusCode: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request',
      );
    });
  }

  // Every answer, the API's included, carries the shell's security headers (nosniff on JSON too).
  await registerShellHeaders(app, Boolean(deps.tls));

  await registerCompression(app);

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      if (!(await drain(request.raw, DRAIN_LIMIT_BYTES))) reply.header('connection', 'close');
      return fail(reply, 413, 'too-large', 'the body is larger than this endpoint accepts');
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const reason =
        error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? 'the body is not valid JSON' : error.message;
      return fail(reply, error.statusCode, 'bad-request', reason);
    }
    app.log.error({ err: { message: error.message, stack: error.stack } }, 'request failed');
    return reply.code(500).send({ error: 'internal', reason: 'the server failed; try again later' });
  });

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const declared = request.headers[CONTRACT_HEADER];
    const version = typeof declared === 'string' ? Number.parseInt(declared, 10) : CONTRACT_VERSION;
    if (Number.isFinite(version) && version < (deps.minClientContract ?? CONTRACT_VERSION)) {
      return fail(
        reply,
        426,
        'contract-too-old',
        'this app is older than the server: update it; your unsent changes are kept',
      );
    }
    reply.header('cache-control', 'no-store');
  });

  // Runs on request, before the body is read: a request without a valid token costs no parsing.
  const authenticate = async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization ?? '';
    const token = /^Bearer ([A-Za-z0-9._~+/=-]{1,200})$/.exec(header)?.[1];
    if (!token) return fail(reply, 401, 'unauthorized', 'send Authorization: Bearer <token>');
    const found = await authenticateDevice(deps.storage, clock, token);
    if (found === 'archived') {
      return fail(
        reply,
        403,
        'archived',
        'this person was archived by the curator: the programme no longer shares its data with this device',
      );
    }
    if (!found) return fail(reply, 401, 'unauthorized', 'this device is not enrolled or was revoked');
    request.caller = found;
  };

  const curatorsOnly = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.caller?.isCurator) return fail(reply, 403, 'forbidden', 'only a curator may do this');
  };

  app.get('/api/v1/health', async () => ({
    ok: true,
    version: deps.version ?? 'dev',
    contract: CONTRACT_VERSION,
  }));

  app.post('/api/v1/enrol', async (request, reply) => {
    const tooMany = (retryAfterMs: number) => {
      reply.header('retry-after', Math.ceil(retryAfterMs / 1000));
      return fail(reply, 429, 'rate-limited', 'too many wrong codes: wait a few minutes and try again');
    };
    const admitted = await limiter.admit(request.ip);
    if (!admitted.ok) return tooMany(admitted.retryAfterMs);
    const body = v.safeParse(EnrolSchema, request.body);
    if (!body.success) return fail(reply, 400, 'bad-request', describeIssue(body.issues));
    const result = await enrol(deps.storage, clock, body.output.code, body.output.deviceName);
    if (!result.ok) {
      const slowed = await limiter.failed(request.ip);
      if (!slowed.ok) return tooMany(slowed.retryAfterMs);
      return fail(reply, 400, 'invalid-code', result.reason);
    }
    return result.body;
  });

  app.post('/api/v1/invites', { onRequest: [authenticate, curatorsOnly] }, async (request, reply) => {
    const body = v.safeParse(InviteSchema, request.body);
    if (!body.success) return fail(reply, 400, 'bad-request', describeIssue(body.issues));
    const caller = request.caller as Caller;
    const result = await createInvite(
      deps.storage,
      clock,
      caller.schoolId,
      body.output.personId,
      body.output.role,
    );
    if (!result.ok) return fail(reply, result.status, 'not-found', result.reason);
    return { code: result.code, expiresAt: result.expiresAt };
  });

  const syncDeps: SyncDeps = {
    storage: deps.storage,
    clock,
    pageSize: deps.pageSize,
    logError: (error) =>
      app.log.error(
        { err: error instanceof Error ? { message: error.message, stack: error.stack } : error },
        'a change failed',
      ),
  };
  // The district's people read the schools' summaries: bring them up to date first.
  const refreshForDistrict = async (caller: Caller) => {
    if (isDistrictRole(caller.role))
      await refreshSummaries(deps.storage, clock, deps.summaryMinAgeMs ?? 60_000);
  };

  app.post('/api/v1/sync', { onRequest: authenticate }, async (request, reply) => {
    const parsed = parseSyncRequest(request.body);
    if (!parsed.ok)
      return fail(reply, parsed.status, parsed.status === 413 ? 'too-large' : 'bad-request', parsed.reason);
    const body = { output: parsed.request };
    const cursor = body.output.cursor === null ? null : parseCursor(body.output.cursor);
    if (body.output.cursor !== null && cursor === null) {
      return fail(
        reply,
        400,
        'bad-request',
        'cursor: not a cursor this server issued; send null to start over',
      );
    }
    const base = body.output.base === null ? null : parseCursor(body.output.base);
    if (body.output.base !== null && base === null)
      return fail(reply, 400, 'bad-request', 'base: not a cursor this server issued');
    // What the device had seen when it typed: its oldest base, never later than its cursor.
    const seenRev = Math.min(base?.rev ?? Number.POSITIVE_INFINITY, cursor?.rev ?? 0);
    await refreshForDistrict(request.caller as Caller);
    return runSync(syncDeps, request.caller as Caller, cursor, body.output.changes, seenRev);
  });

  const v2Deps: SyncDeps = { ...syncDeps, pageSize: deps.pageSizeV2 ?? deps.pageSize };
  app.post('/api/v2/sync', { onRequest: authenticate }, async (request, reply) => {
    await refreshForDistrict(request.caller as Caller);
    const answer = await syncV2(v2Deps, request.caller as Caller, request.body);
    return answer.ok ? answer.body : fail(reply, answer.status, answer.error, answer.reason);
  });

  app.get('/api/v1/export', { onRequest: [authenticate, curatorsOnly] }, async (request) => {
    const caller = request.caller as Caller;
    const rows = await deps.storage.transaction((tx) => tx.exportAll(caller.schoolId));
    return {
      schemaVersion: CONTRACT_VERSION,
      schoolId: caller.schoolId,
      exportedAt: new Date(clock.now()).toISOString(),
      // Curators read every field; the one read rule says so, and is asked here as on every route.
      records: rows.map((r) => redactFor(r.record, caller, new Set())),
    };
  });

  app.post(
    '/api/v1/restore',
    { bodyLimit: MAX_BACKUP_BYTES, onRequest: [authenticate, curatorsOnly] },
    async (request, reply) => {
      const caller = request.caller as Caller;
      const result = await restoreBackup(deps.storage, caller, request.body);
      if (!result.ok)
        return fail(reply, result.status, result.status === 409 ? 'conflict' : 'bad-request', result.reason);
      return { restored: result.restored };
    },
  );

  app.get('/api/v1/devices', { onRequest: [authenticate, curatorsOnly] }, async (request) => {
    const caller = request.caller as Caller;
    const devices = await deps.storage.transaction((tx) => tx.listDevices(caller.schoolId));
    return { devices };
  });

  app.post(
    '/api/v1/devices/:id/revoke',
    { onRequest: [authenticate, curatorsOnly] },
    async (request, reply) => {
      const caller = request.caller as Caller;
      const { id } = request.params as { id: string };
      const isRevoked = await deps.storage.transaction((tx) =>
        tx.revokeDevice(caller.schoolId, id, new Date(clock.now()).toISOString()),
      );
      if (!isRevoked) return fail(reply, 404, 'not-found', 'no such device, or it was revoked already');
      return { revoked: id };
    },
  );

  registerDistrictRoutes(app, { storage: deps.storage, clock }, authenticate);

  app.all('/api/*', async (_request, reply) => fail(reply, 404, 'not-found', 'no such endpoint'));

  if (deps.staticDir) await registerStatic(app, deps.staticDir);
  return app;
}
