// Requests Node's HTTP server refuses before Fastify sees them (not HTTP, headers too large, a body that
// would be read twice as Content-Length and chunked, a request that did not arrive in time, an `Expect`
// it cannot meet, an HTTP/1.1 request without `Host`): answered in the `{ error, reason }` shape every
// 4xx has, with the shell's security headers. Node's own answers had Fastify's shape or no body at all.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { SecurityHeaders } from './static';

/** What is answered to each fault of the parser; anything else it refuses is a `400`. */
const ANSWERS: Record<string, { status: number; error: string; reason: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    error: 'too-large',
    reason: 'the request headers are larger than the server accepts',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    error: 'bad-request',
    reason: 'the request did not arrive in time: send it again',
  },
};
const NOT_HTTP = { status: 400, error: 'bad-request', reason: 'the request is not valid HTTP' };

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/** The shell's security headers as lines of an answer, set once by the same helmet middleware. */
function headerLines(headers: SecurityHeaders): string {
  const collected = new Map<string, string>();
  const sink = {
    setHeader: (name: string, value: string | number | readonly string[]) =>
      collected.set(name, Array.isArray(value) ? value.join(', ') : String(value)),
    removeHeader: (name: string) => collected.delete(name),
    getHeader: (name: string) => collected.get(name),
  };
  headers.shell({} as IncomingMessage, sink as unknown as ServerResponse, () => undefined);
  return [...collected].map(([name, value]) => `${name}: ${value}\r\n`).join('');
}

/**
 * Fastify's `clientErrorHandler`: answers a request the parser refused (see the top of this file) as
 * `{ error, reason }` — `400 bad-request`, `431 too-large` for headers past Node's limit, `408` for a
 * request that did not arrive within its time — and closes the connection. A connection already reset or
 * closed gets nothing. The reason never repeats what was sent.
 */
export function clientErrorHandler(
  headers: SecurityHeaders,
): (error: NodeJS.ErrnoException, socket: Socket) => void {
  let lines: string | undefined;
  return (error, socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const { status, error: code, reason } = ANSWERS[error.code ?? ''] ?? NOT_HTTP;
    if (socket.writable) {
      lines ??= headerLines(headers);
      const body = JSON.stringify({ error: code, reason });
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\n${lines}content-type: application/json; charset=utf-8\r\n` +
          `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  };
}

/**
 * The refusals Node makes of a request it otherwise parsed, made here in the same shape: an `Expect`
 * other than `100-continue` is `417 bad-request` (Node's own 417 had no body), and an HTTP/1.1 request
 * without `Host` `400 bad-request` (Node's own 400 had none: the server is created with
 * `requireHostHeader: false` so that this check answers instead).
 */
export function registerHttpRefusals(app: FastifyInstance, headers: SecurityHeaders): void {
  app.server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    headers.shell(request, response, () => {
      const body = JSON.stringify({
        error: 'bad-request',
        reason: 'the server meets no Expect but 100-continue',
      });
      response.writeHead(417, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        connection: 'close',
      });
      response.end(body);
    });
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.raw.httpVersion === '1.1' && request.headers.host === undefined)
      return reply
        .code(400)
        .header('connection', 'close')
        .send({ error: 'bad-request', reason: 'an HTTP/1.1 request names its Host' });
  });
}
