// Compressed answers (@fastify/compress): brotli where the client accepts it, else gzip. An incremental
// sync's answer is small and goes to phones on mobile data, so it gets brotli's densest setting (a
// few milliseconds at these sizes); a first sync's pages and the app's files are large, and get the
// fast setting, so that the server keeps up with the devices.
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** Answers up to this size are compressed in one go, at the densest setting. */
const DENSE_UP_TO_BYTES = 48 * 1024;
const FAST_QUALITY = 4;

const brotli = (quality: number, sizeHint: number): zlib.BrotliOptions => ({
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: sizeHint,
  },
});

export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    // Answers only: request bodies stay as they are, read under the body limit.
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    syncThreshold: DENSE_UP_TO_BYTES,
    brotliOptions: brotli(FAST_QUALITY, 0),
    zlib: {
      createBrotliCompress: (options?: zlib.BrotliOptions) => zlib.createBrotliCompress(options),
      brotliCompressSync: (buffer: Buffer) =>
        zlib.brotliCompressSync(buffer, brotli(zlib.constants.BROTLI_MAX_QUALITY, buffer.length)),
    },
  });
}
