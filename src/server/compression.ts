// Compressed answers (@fastify/compress): brotli where the client accepts it, else gzip.
//
// How hard to compress is a matter of load. Brotli's densest setting saves phones on mobile data a
// tenth of an incremental sync's bytes, but costs 15 ms for a 12 KB answer and 80 ms for a 50 KB one,
// on the one thread that serves every device: with 300 phones syncing at once (every browser accepts
// `br`), answers queued behind it for 9 s. So the densest setting is used unless the server is busy —
// its event loop was busy more than half of the last tenth of a second or so, with many devices
// connected —, and then the fast setting (a few percent larger, a hundred times quicker); large answers
// (a first sync's pages, the app's files) always stream at the fast setting. Both signs are needed: a
// loop busy with one device's heavy request leaves the next device nobody to wait behind, and requests
// waiting in connections are invisible until the loop gets to them (a busy loop is how they show).
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** Answers up to this size are compressed in one go (above it, as a stream at the fast setting). */
const DENSE_UP_TO_BYTES = 48 * 1024;
export const FAST_QUALITY = 5;
/** The window over which the event loop's load is judged, and the share of it that counts as busy. */
const WINDOW_MS = 100;
const BUSY_SHARE = 0.5;
/** More connections open than this and a busy loop means devices waiting. */
const CALM_CONNECTIONS = 16;

/** Brotli's settings for an answer of `sizeHint` bytes (0: unknown, a stream). */
export const brotli = (quality: number, sizeHint: number): zlib.BrotliOptions => ({
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: sizeHint,
  },
});

/**
 * Whether the server is busy: more than CALM_CONNECTIONS connections open, and its event loop's
 * utilization since a snapshot taken every WINDOW_MS (later when the loop is busy, so the window only
 * grows under load) above BUSY_SHARE. Stops with the app.
 */
export function loadMeter(app: FastifyInstance): () => boolean {
  let since = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    since = performance.eventLoopUtilization();
  }, WINDOW_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
  let connections = 0;
  app.server.on('connection', (socket: Socket) => {
    connections += 1;
    socket.once('close', () => (connections -= 1));
  });
  return () =>
    connections > CALM_CONNECTIONS && performance.eventLoopUtilization(since).utilization > BUSY_SHARE;
}

/** `isBusy` (tests give their own): whether to take the fast setting; by default the event loop's load. */
export async function registerCompression(
  app: FastifyInstance,
  isBusy: () => boolean = loadMeter(app),
): Promise<void> {
  await app.register(compress, {
    // Answers only: request bodies stay as they are, read under the body limit.
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    syncThreshold: DENSE_UP_TO_BYTES,
    brotliOptions: brotli(FAST_QUALITY, 0),
    zlib: {
      createBrotliCompress: (options?: zlib.BrotliOptions) => zlib.createBrotliCompress(options),
      brotliCompressSync: (buffer: Buffer) =>
        zlib.brotliCompressSync(
          buffer,
          brotli(isBusy() ? FAST_QUALITY : zlib.constants.BROTLI_MAX_QUALITY, buffer.length),
        ),
    },
  });
}
