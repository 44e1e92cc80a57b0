// Serves the built app. The shell and the service worker must be revalidated on every visit so that an
// update is seen; hashed assets never change and are cached for good.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { routedPath } from './request-path';

declare module 'fastify' {
  // Declaration merging needs an interface here.
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation
  interface FastifyContextConfig {
    /** Which security headers a route's answers carry: the shell's (the default), or a sync answer's. */
    headers?: 'sync-answer';
  }
}

const NO_CACHE = 'no-cache';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The headers of a sync answer (a route's `config.headers: 'sync-answer'`): JSON a phone fetches many
 * times a day needs nosniff, not a page's policies. A Content Security Policy means nothing to JSON that
 * nosniff keeps from being run, and framing protection nothing to a document that is not a page (nothing
 * in it can be clicked); together they were more than half a kilobyte of every answer over mobile data.
 */
const SYNC_ANSWER_HEADERS = {
  contentSecurityPolicy: false,
  xFrameOptions: false,
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: false,
  originAgentCluster: false,
  referrerPolicy: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
} as const satisfies HelmetOptions;

export function securityHeaders(isHttps: boolean): SecurityHeaders {
  const shellHeaders = {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        styleSrcAttr: ["'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        manifestSrc: ["'self'"],
        workerSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: isHttps ? { maxAge: 180 * 24 * 3600 } : false,
    xFrameOptions: { action: 'deny' },
  } as const satisfies HelmetOptions;
  // Each set is made once, here: helmet reads its options when its middleware is made (the Fastify
  // plugin made one for every request, a tenth of a millisecond each under a school's load).
  return { shell: helmet(shellHeaders), syncAnswer: helmet({ ...shellHeaders, ...SYNC_ANSWER_HEADERS }) };
}

/** Sets a set of security headers on an answer, then calls `next`. */
type HeaderSetter = ReturnType<typeof helmet>;

/** The shell's headers, and a sync answer's (see securityHeaders). */
export type SecurityHeaders = { shell: HeaderSetter; syncAnswer: HeaderSetter };

/** Every answer of a route carries its set: a sync answer's where the route says so, else the shell's. */
export function registerShellHeaders(app: FastifyInstance, headers: SecurityHeaders): void {
  app.addHook('onRequest', (request, reply, done) => {
    const set = request.routeOptions.config.headers === 'sync-answer' ? headers.syncAnswer : headers.shell;
    set(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
}

export async function registerStatic(app: FastifyInstance, dir: string): Promise<void> {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`no built app in ${root}: run "npm run build" first`);
  }
  await app.register(fastifyStatic, {
    root,
    cacheControl: false,
    setHeaders(reply, path) {
      reply.header('cache-control', path.includes('/assets/') ? IMMUTABLE : NO_CACHE);
    },
  });
  // Every route of the single-page app opens index.html (offline, the service worker does the same).
  app.setNotFoundHandler((request, reply) => {
    const path = routedPath(request.url);
    if (request.method === 'GET' && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path)) {
      reply.header('cache-control', NO_CACHE);
      return reply.sendFile('index.html');
    }
    return reply.code(404).send({ error: 'not-found', reason: 'no such file' });
  });
}
