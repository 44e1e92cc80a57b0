// The HTTP app: createApp(deps) builds it; main.ts only reads the environment and listens.

import type { Server as HttpsServer } from 'node:https';
import Fastify, {
  type FastifyError,
  type FastifyHttpsOptions,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import * as v from 'valibot';
import {
  CONTRACT_HEADER,
  CONTRACT_VERSION,
  type ErrorCode,
  LIMITS,
  ROLES,
  type Role,
  SyncRequestSchema,
} from '../domain/sync-contract';
import { type AttemptLimiter, createAttemptLimiter } from './attempt-limiter';
import { registerCompression } from './compression';
import { drain } from './drain';
import { createInvite, enrol } from './enrol-service';
import { MAX_BACKUP_BYTES, restoreBackup } from './restore-service';
import { parseCursor } from './scope';
import { hashSecret } from './secrets';
import { createServerClock, type ServerClock } from './server-clock';
import { registerStatic } from './static';
import type { Storage } from './storage/storage';
import { type Caller, runSync } from './sync-service';
import { syncV2 } from './sync-v2';

export type AppDeps = {
  storage: Storage;
  clock?: ServerClock;
  /** The built app to serve (dist/); null serves the API only. */
  staticDir?: string | null;
  logger?: boolean;
  /** Devices speaking an older contract than this get 426 and keep their outbox. */
  minClientContract?: number;
  enrolLimiter?: AttemptLimiter;
  pageSize?: number;
  /** Records per page of a v2 pull (default `pageSize` when set, else PAGE_SIZE_V2). */
  pageSizeV2?: number;
  version?: string;
  tls?: { cert: Buffer; key: Buffer } | null;
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

function firstIssue(issues: v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  const path = issue?.path?.map((p) => String(p.key)).join('.');
  return path ? `${path}: ${issue?.message}` : (issue?.message ?? 'invalid body');
}

/** How much of a too-large body is read so that its sender sees the 413; beyond it, the line is cut. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const clock = deps.clock ?? createServerClock();
  // 30 wrong codes per address in 10 minutes: a mistyping school passes, guessing 40-bit codes does not.
  const limiter = deps.enrolLimiter ?? createAttemptLimiter(30, 10 * 60 * 1000);
  const options: FastifyServerOptions = {
    bodyLimit: LIMITS.bytesPerRequest,
    // Logs carry method, path, status and timing only: never bodies, tokens, names or addresses.
    logger: deps.logger
      ? {
          serializers: {
            req: (req: { method: string; url: string }) => ({
              method: req.method,
              url: req.url.split('?')[0],
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        }
      : false,
  };
  const app = (deps.tls
    ? Fastify({ ...options, https: deps.tls } as FastifyHttpsOptions<HttpsServer>)
    : Fastify(options)) as unknown as FastifyInstance;

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

  const authenticate = async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization ?? '';
    const token = /^Bearer (\S+)$/.exec(header)?.[1];
    if (!token) return fail(reply, 401, 'unauthorized', 'send Authorization: Bearer <token>');
    const caller = await deps.storage.transaction(async (tx) => {
      const device = await tx.deviceByToken(hashSecret(token));
      if (!device || device.revokedAt) return undefined;
      const person = await tx.getRecord(device.schoolId, device.personId);
      if (!person || person.record.deleted !== undefined) return undefined;
      await tx.touchDevice(device.id, new Date(clock.now()).toISOString());
      return {
        personId: device.personId,
        isCurator: device.role === 'curator',
        schoolId: device.schoolId,
        deviceId: device.id,
      };
    });
    if (!caller) return fail(reply, 401, 'unauthorized', 'this device is not enrolled or was revoked');
    request.caller = caller;
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
    const address = request.ip;
    const wait = limiter.blockedFor(address);
    if (wait > 0) {
      reply.header('retry-after', Math.ceil(wait / 1000));
      return fail(reply, 429, 'rate-limited', 'too many wrong codes: wait a few minutes and try again');
    }
    const body = v.safeParse(EnrolSchema, request.body);
    if (!body.success) return fail(reply, 400, 'bad-request', firstIssue(body.issues));
    const result = await enrol(deps.storage, clock, body.output.code, body.output.deviceName);
    if (!result.ok) {
      limiter.fail(address);
      return fail(reply, 400, 'invalid-code', result.reason);
    }
    return result.body;
  });

  app.post('/api/v1/invites', { preHandler: [authenticate, curatorsOnly] }, async (request, reply) => {
    const body = v.safeParse(InviteSchema, request.body);
    if (!body.success) return fail(reply, 400, 'bad-request', firstIssue(body.issues));
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

  app.post('/api/v1/sync', { preHandler: authenticate }, async (request, reply) => {
    const body = v.safeParse(SyncRequestSchema, request.body);
    if (!body.success) {
      const tooMany = body.issues.some((i) => i.type === 'max_length' && i.path?.length === 1);
      return fail(reply, tooMany ? 413 : 400, tooMany ? 'too-large' : 'bad-request', firstIssue(body.issues));
    }
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
    return runSync(
      { storage: deps.storage, clock, pageSize: deps.pageSize },
      request.caller as Caller,
      cursor,
      body.output.changes,
      seenRev,
    );
  });

  const v2Deps = { storage: deps.storage, clock, pageSize: deps.pageSizeV2 ?? deps.pageSize };
  app.post('/api/v2/sync', { preHandler: authenticate }, async (request, reply) => {
    const answer = await syncV2(v2Deps, request.caller as Caller, request.body);
    return answer.ok ? answer.body : fail(reply, answer.status, answer.error, answer.reason);
  });

  app.get('/api/v1/export', { preHandler: [authenticate, curatorsOnly] }, async (request) => {
    const caller = request.caller as Caller;
    const rows = await deps.storage.transaction((tx) => tx.exportAll(caller.schoolId));
    return {
      schemaVersion: CONTRACT_VERSION,
      schoolId: caller.schoolId,
      exportedAt: new Date(clock.now()).toISOString(),
      records: rows.map((r) => r.record),
    };
  });

  app.post(
    '/api/v1/restore',
    { bodyLimit: MAX_BACKUP_BYTES, preHandler: [authenticate, curatorsOnly] },
    async (request, reply) => {
      const caller = request.caller as Caller;
      const result = await restoreBackup(deps.storage, caller.schoolId, request.body);
      if (!result.ok)
        return fail(reply, result.status, result.status === 409 ? 'conflict' : 'bad-request', result.reason);
      return { restored: result.restored };
    },
  );

  app.get('/api/v1/devices', { preHandler: [authenticate, curatorsOnly] }, async (request) => {
    const caller = request.caller as Caller;
    const devices = await deps.storage.transaction((tx) => tx.listDevices(caller.schoolId));
    return { devices };
  });

  app.post(
    '/api/v1/devices/:id/revoke',
    { preHandler: [authenticate, curatorsOnly] },
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

  app.all('/api/*', async (_request, reply) => fail(reply, 404, 'not-found', 'no such endpoint'));

  if (deps.staticDir) await registerStatic(app, deps.staticDir);
  return app;
}
