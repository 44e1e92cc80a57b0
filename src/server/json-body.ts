// Request bodies of type application/json, on every route: UTF-8 only (RFC 8259), checked byte by byte
// before the JSON is read. Fastify's own parser decodes a body leniently — each byte that is not UTF-8
// becomes U+FFFD — and takes any charset: a roster sent from a system that writes Windows-1251 was
// answered 200 and every Cyrillic name stored as «����», for good.
import { isAscii } from 'node:buffer';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** A client fault of the body, answered by the app's error handler as `{ error: 'bad-request', reason }`. */
function bodyFault(statusCode: 400 | 415, reason: string): Error {
  return Object.assign(new Error(reason), { statusCode });
}

/** The charset a Content-Type names, lower-cased; undefined when it names none. */
function charsetOf(request: FastifyRequest): string | undefined {
  const type = request.headers['content-type'] ?? '';
  return /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(type)?.[1]?.toLowerCase();
}

const UTF8 = new Set(['utf-8', 'utf8']);

/**
 * Replaces the JSON body parser: a body declared in another charset is refused `415` (unless it is all
 * ASCII, which reads the same in any), one that is not valid UTF-8 `400` ("the body is not UTF-8 …") — before anything of it is read as JSON, so nothing
 * changes. Otherwise the body goes to Fastify's own JSON parser, which keeps refusing `__proto__` and
 * `constructor.prototype` keys and an empty body. The route's body limit applies as before.
 */
export function registerJsonBody(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const charset = charsetOf(request);
    // Bytes of ASCII mean the same in any charset a client may name; others only in the one named.
    if (charset !== undefined && !UTF8.has(charset) && !isAscii(body as Buffer))
      return done(bodyFault(415, 'a JSON body is UTF-8: send it so, with charset=utf-8 or none'), undefined);
    let text: string;
    try {
      text = decoder.decode(body as Buffer);
    } catch {
      return done(
        bodyFault(
          400,
          'the body is not UTF-8: send JSON in UTF-8 (text typed in another encoding is refused, not mangled)',
        ),
        undefined,
      );
    }
    // Fastify's parser answers through `done` (its type allows a promise it never returns).
    void parseJson(request, text, done);
  });
}
