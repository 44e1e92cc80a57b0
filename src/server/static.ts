// Serves the built app. The shell and the service worker must be revalidated on every visit so that an
// update is seen; hashed assets never change and are cached for good.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const NO_CACHE = 'no-cache';
const IMMUTABLE = 'public, max-age=31536000, immutable';

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
