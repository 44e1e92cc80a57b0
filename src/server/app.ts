// The HTTP app: createApp(deps) builds it; main.ts only reads the environment and listens.

import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import Fastify, {
  type FastifyError,
  type FastifyHttpOptions,
  type FastifyHttpsOptions,
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import pino from 'pino';
import { CONTRACT_HEADER, CONTRACT_VERSION } from '../domain/sync-contract';
import { CallerGoneError } from './caller-standing';
import { clientErrorHandler, registerHttpRefusals } from './client-errors';
import { registerCompression } from './compression';
import { registerDistrictRoutes } from './district-routes';
import { drain } from './drain';
import type { EnrolLimits } from './enrol-limiter';
import { registerJsonBody } from './json-body';
import { routedPath } from './request-path';
import { registerAdminRoutes } from './routes/admin-routes';
import { registerEnrolRoutes } from './routes/enrol-routes';
import { createGuards, fail, refuseStanding } from './routes/route-kit';
import { registerSyncRoutes } from './routes/sync-routes';
import { createServerClock, type ServerClock } from './server-clock';
import { registerShellHeaders, registerStatic, securityHeaders } from './static';
import type { Storage } from './storage/storage';

export type AppDeps = {
  storage: Storage;
  clock?: ServerClock;
  /** The built app to serve (dist/); null serves the API only. */
  staticDir?: string | null;
  logger?: boolean;
  /** Devices speaking an older contract than this get 426 and keep their outbox. */
  minClientContract?: number;
  enrolLimits?: Partial<EnrolLimits>;
  /**
   * Codes an administrator chose (NASTAVNIK_BOOTSTRAP_CODE, NASTAVNIK_DISTRICT_CODE): whatever their
   * length they may be guessable, so they are held to the enrolment ceilings (enrol-limiter.ts).
   */
  chosenCodes?: readonly string[];
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
  /** Whether the server is busy, so that answers are compressed at the fast setting (compression.ts). */
  isBusy?: () => boolean;
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

/**
 * The body any route takes unless it says otherwise: enough for an enrolment, an invite or a school's
 * name. Only a sync (LIMITS.bytesPerRequest) and a restore take more. With the sync's 4 MiB as everyone's
 * default, an anonymous enrolment, or a POST to a path no route serves, was read and parsed whole: a few
 * dozen at once, from anyone, held gigabytes of the one process every school's sync runs in.
 */
const SMALL_BODY_BYTES = 16 * 1024;

/** How much of a too-large body is read so that its sender sees the 413; beyond it, the line is cut. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const clock = deps.clock ?? createServerClock();
  const timeouts = { ...DEFAULT_TIMEOUTS, ...deps.timeouts };
  // Node checks the request and header time-outs on this interval, so it must be finer than they are.
  const httpOptions = {
    headersTimeout: timeouts.headersMs,
    connectionsCheckingInterval: Math.max(100, Math.min(timeouts.headersMs, timeouts.requestMs) / 4),
    // Checked by a hook of the app instead, which answers in the shape of every 4xx (client-errors.ts).
    requireHostHeader: false,
  };
  const headers = securityHeaders(Boolean(deps.tls));
  const options: FastifyServerOptions = {
    bodyLimit: SMALL_BODY_BYTES,
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    trustProxy: deps.trustProxy ?? false,
    // Logs carry method, path, status and timing only: never bodies, tokens, names or addresses. One
    // line per request (see onResponse below), written in batches rather than a system call a line.
    logger: deps.logger ? { stream: pino.destination({ sync: false, minLength: 4096 }) } : false,
    logController: new LogController({ disableRequestLogging: true }),
    // Requests Node's parser refuses before Fastify sees them (not HTTP, headers too large) keep it too.
    clientErrorHandler: clientErrorHandler(headers),
    // Faults Fastify finds before any route (a malformed URL) keep the { error, reason } shape and the
    // shell's security headers too (no route's hook runs for them), and never repeat what was sent.
    frameworkErrors: (error, request, reply) => {
      headers.shell(request.raw, reply.raw, () => {
        void (reply as FastifyReply).code(400).send({
          error: 'bad-request',
          reason: error.code === 'FST_ERR_BAD_URL' ? 'the URL is not valid' : 'the request is not valid',
        });
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
          url: routedPath(request.url),
          statusCode: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request',
      );
    });
  }

  // Every answer, the API's included, carries the shell's security headers (nosniff on JSON too).
  registerShellHeaders(app, headers);

  // Refusals Node would make itself (an Expect it cannot meet, no Host) answer { error, reason } too.
  registerHttpRefusals(app, headers);

  // JSON bodies are UTF-8, byte by byte: another encoding is refused, never mangled and stored.
  registerJsonBody(app);

  await registerCompression(app, deps.isBusy);

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      if (!(await drain(request.raw, DRAIN_LIMIT_BYTES))) reply.header('connection', 'close');
      return fail(reply, 413, 'too-large', 'the body is larger than this endpoint accepts');
    }
    // The caller's device was revoked (or their person archived) while the request waited for its body
    // or its turn: nothing of it was done.
    if (error instanceof CallerGoneError) return refuseStanding(reply, error.standing);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const reason =
        error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? 'the body is not valid JSON' : error.message;
      // The code says what the status says (a path out of the app's folder is a 403 of the file server).
      const code =
        error.statusCode === 403 ? 'forbidden' : error.statusCode === 404 ? 'not-found' : 'bad-request';
      return fail(reply, error.statusCode, code, reason);
    }
    app.log.error({ err: { message: error.message, stack: error.stack } }, 'request failed');
    return reply.code(500).send({ error: 'internal', reason: 'the server failed; try again later' });
  });

  app.addHook('onRequest', async (request, reply) => {
    // By the path the router routes it by (the absolute form `GET http://host/api/…` included).
    const path = routedPath(request.url);
    if (!path.startsWith('/api/')) return;
    // The contract a client speaks: its header, else the version in the path (`/api/v2/…` is
    // contract 2: the app's sync calls leave the header out, bytes on every call over mobile data).
    const declared = request.headers[CONTRACT_HEADER];
    const inPath = /^\/api\/v(\d{1,3})\//.exec(path)?.[1];
    const version =
      typeof declared === 'string' ? Number.parseInt(declared, 10) : Number(inPath ?? CONTRACT_VERSION);
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

  app.get('/api/v1/health', async () => ({
    ok: true,
    version: deps.version ?? 'dev',
    contract: CONTRACT_VERSION,
  }));

  const guards = createGuards(deps.storage, clock);
  registerEnrolRoutes(
    app,
    { storage: deps.storage, clock, enrolLimits: deps.enrolLimits, chosenCodes: deps.chosenCodes },
    guards,
  );
  registerSyncRoutes(
    app,
    {
      storage: deps.storage,
      clock,
      pageSize: deps.pageSize,
      pageSizeV2: deps.pageSizeV2,
      summaryMinAgeMs: deps.summaryMinAgeMs,
      logError: (error) =>
        app.log.error(
          { err: error instanceof Error ? { message: error.message, stack: error.stack } : error },
          'a change failed',
        ),
    },
    guards,
  );
  registerAdminRoutes(app, { storage: deps.storage, clock }, guards);
  registerDistrictRoutes(app, { storage: deps.storage, clock }, guards.authenticate);

  app.all('/api/*', async (_request, reply) => fail(reply, 404, 'not-found', 'no such endpoint'));

  if (deps.staticDir) await registerStatic(app, deps.staticDir);
  return app;
}
