// Compressed answers (@fastify/compress): brotli where the client accepts it, else gzip.
//
// How hard to compress is a matter of load. Brotli's densest setting saves phones on mobile data a
// tenth of an incremental sync's bytes, but costs 15 ms for a 12 KB answer and 80 ms for a 50 KB one,
// on the one thread that serves every device: with 300 phones syncing at once (every browser accepts
// `br`), answers queued behind it for 9 s. So the densest setting is used while few devices are
// connected, and the fast setting (a few percent larger, a hundred times quicker) while many are; large
// answers (a first sync's pages, the app's files) always stream at the fast setting. Others waiting are
// the sign, rather than the event loop's recent load: a loop busy with one device's heavy request
// leaves the next device nobody to wait behind. Three signs, since a burst shows in none of them at
// once: requests taken in and not yet answered (`requestMeter`); open connections; and the pace of the
// answers themselves (`answerMeter`: while each densest answer holds the loop, Node takes in one more
// connection — measured: 22 answers at the densest setting, 0.4 s of one core, before the count of
// connections passed 16).
//
// While busy, an answer compressed in one go takes quality 3 rather than the streams' 5: on our JSON,
// measured here, 3 is two to four times quicker for the same size (±4 %) up to some 100 KB — brotli's
// quick matchers stop at 3 —, where on a first sync's large pages 5 still saves some 5 % of the bytes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** Answers up to this size are compressed in one go (above it, as a stream at the fast setting). */
const DENSE_UP_TO_BYTES = 48 * 1024;
const FAST_QUALITY = 5;
/** Brotli's quality for an answer compressed in one go while the server is busy. */
export const BUSY_QUALITY = 3;
/** More connections open than this and devices are waiting on each other. */
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
 * Whether the server is busy: more than CALM_CONNECTIONS connections open (a browser keeps at most six
 * to one server; idle ones close after the server's keep-alive timeout).
 */
export function connectionMeter(app: FastifyInstance): () => boolean {
  let connections = 0;
  app.server.on('connection', (socket: Socket) => {
    connections += 1;
    socket.once('close', () => (connections -= 1));
  });
  return () => connections > CALM_CONNECTIONS;
}

/**
 * Whether other devices are waiting: more than one request taken in (its head read) and not yet
 * answered or dropped, asked while answering one of them.
 */
export function requestMeter(app: FastifyInstance): () => boolean {
  let open = 0;
  // Before Fastify's own listener, which may answer at once (a request without a body).
  app.server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
    open += 1;
    // 'close' comes once for every answer, sent or cut off.
    response.once('close', () => (open -= 1));
  });
  return () => open > 1;
}

/** Answers close together: more than this many within ANSWER_WINDOW_MS is a burst. */
const CALM_ANSWERS = 2;
const ANSWER_WINDOW_MS = 250;

/**
 * Whether answers come in quick succession: each call notes an answer, and says whether more than
 * CALM_ANSWERS others came in the ANSWER_WINDOW_MS before it (`now` in ms; tests give their own). One
 * device syncing sends one request at a time, its answers a network round trip apart.
 */
export function answerMeter(now: () => number = performance.now.bind(performance)): () => boolean {
  const recent: number[] = [];
  return () => {
    const at = now();
    while (recent.length > 0 && (recent[0] as number) <= at - ANSWER_WINDOW_MS) recent.shift();
    const isBusy = recent.length > CALM_ANSWERS;
    recent.push(at);
    if (recent.length > CALM_ANSWERS + 1) recent.shift();
    return isBusy;
  };
}

/**
 * The server's own meter: busy while other requests wait, many devices are connected, or answers come
 * close together.
 */
function loadMeter(app: FastifyInstance): () => boolean {
  const requestsBusy = requestMeter(app);
  const connectionsBusy = connectionMeter(app);
  const answersBusy = answerMeter();
  return () => {
    // Every answer is noted, whatever the other signs say.
    const isBurst = answersBusy();
    return requestsBusy() || connectionsBusy() || isBurst;
  };
}

/**
 * `isBusy` (tests give their own): whether to take the fast setting, asked once per answer compressed in
 * one go; by default the connections open and the pace of answers.
 */
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
          brotli(isBusy() ? BUSY_QUALITY : zlib.constants.BROTLI_MAX_QUALITY, buffer.length),
        ),
    },
  });
}
