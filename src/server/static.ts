// Serves the built app. The shell and the service worker must be revalidated on every visit so that an
// update is seen; hashed assets never change and are cached for good.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const NO_CACHE = 'no-cache';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The headers of a sync answer, as a route's `helmet` option: JSON a phone fetches many times a day
 * needs nosniff, not a page's policies. A Content Security Policy means nothing to JSON that nosniff
 * keeps from being run, and framing protection nothing to a document that is not a page (nothing in it
 * can be clicked); together they were more than half a kilobyte of every answer over mobile data.
 */
export const SYNC_ANSWER_HEADERS = {
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
} as const;

/**
 * The shell's security headers (helmet): no MIME sniffing, no framing by other sites, and a Content
 * Security Policy that lets the page run only this server's own scripts. Style attributes stay allowed
 * (the app sets widths of bars and meters), style sheets only from here; images also as data:/blob: (QR
 * codes and downloads); the service worker and the manifest from here. No upgrade-insecure-requests: a
 * school may serve the app over plain HTTP on its own network; HSTS only when this server speaks HTTPS.
 */
export async function registerShellHeaders(app: FastifyInstance, isHttps: boolean): Promise<void> {
  await app.register(helmet, {
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
    if (
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      !/\.[a-z0-9]+$/i.test(request.url.split('?')[0] ?? '')
    ) {
      reply.header('cache-control', NO_CACHE);
      return reply.sendFile('index.html');
    }
    return reply.code(404).send({ error: 'not-found', reason: 'no such file' });
  });
}
