// The path a request is routed by. A client may send the absolute form of HTTP's request target
// (`GET http://host/api/v1/export HTTP/1.1`, what clients send to a proxy): Fastify's router routes it
// by its path, while `request.url` keeps the scheme and host — a check of `request.url` alone let such a
// request past what is decided by path (the API's contract version, `Cache-Control: no-store`).

/**
 * The path of `url` without its query, as the router reads it: an absolute `http(s)://host/path` gives
 * `/path` (`/` when it has none); anything else is as sent.
 */
export function routedPath(url: string): string {
  const path = url.split('?', 1)[0] as string;
  if (path.startsWith('/')) return path;
  const absolute = /^https?:\/\/[^/]*(\/.*)?$/i.exec(path);
  return absolute ? (absolute[1] ?? '/') : path;
}
