// Compressed answers (@fastify/compress): brotli where the client accepts it, else gzip.
//
// How hard to compress is a matter of load. Brotli's densest setting saves phones on mobile data a
// tenth of an incremental sync's bytes, but costs 15 ms for a 12 KB answer and 80 ms for a 50 KB one,
// on the one thread that serves every device: with 300 phones syncing at once (every browser accepts
// `br`), answers queued behind it for 9 s. So the densest setting is used only while the server has
// time to spare — its event loop was busy less than half of the last tenth of a second or so —, and the
// fast setting (a few percent larger, a hundred times quicker) when it is busy, and for large answers
// (a first sync's pages, the app's files, compressed as a stream).
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

/** Brotli's settings for an answer of `sizeHint` bytes (0: unknown, a stream). */
export const brotli = (quality: number, sizeHint: number): zlib.BrotliOptions => ({
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: sizeHint,
  },
});

/**
 * Whether this process's event loop is busy: its utilization since a snapshot taken every WINDOW_MS
 * (later when the loop is busy, so the window only grows under load). Stops with the app.
 */
export function loadMeter(app: FastifyInstance): () => boolean {
  let since = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    since = performance.eventLoopUtilization();
  }, WINDOW_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
  return () => performance.eventLoopUtilization(since).utilization > BUSY_SHARE;
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
