// A byte-counting reverse proxy on 127.0.0.1: the browser talks only to it, so PouchDB's server and
// Nastavnik's are measured alike. Bytes are counted on the sockets that face the browser (request and
// response heads, chunk framing and any Content-Encoding included: what crosses the wire). The
// harness page is served from disk under /__bench/, so the browser sees one origin.
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import { extname, join, normalize } from 'node:path';

const HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};
const PREFIX = '/__bench/';

export type Snapshot = { reqBytes: number; resBytes: number; requests: number; paths: string[] };
export type Wire = { bytes: number; reqBytes: number; resBytes: number; requests: number; paths: string[] };

export type BenchProxy = {
  origin: string;
  /** Points the proxy at another upstream server (each system under test has its own). */
  setUpstream(url: string): void;
  snapshot(): Snapshot;
  stop(): Promise<void>;
};

export const wireBetween = (a: Snapshot, b: Snapshot): Wire => ({
  bytes: b.reqBytes - a.reqBytes + (b.resBytes - a.resBytes),
  reqBytes: b.reqBytes - a.reqBytes,
  resBytes: b.resBytes - a.resBytes,
  requests: b.requests - a.requests,
  paths: b.paths.slice(a.paths.length),
});

export async function startProxy(staticDir: string): Promise<BenchProxy> {
  let upstream = new URL('http://127.0.0.1:1');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const live = new Set<Socket>();
  let closedRead = 0;
  let closedWritten = 0;
  let requests = 0;
  const paths: string[] = [];

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith(PREFIX)) {
      const rel = normalize(decodeURIComponent(url.slice(PREFIX.length).split('?')[0] || 'index.html'));
      const file = join(staticDir, rel);
      if (rel.startsWith('..') || !existsSync(file) || !statSync(file).isFile()) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
      return;
    }
    requests++;
    paths.push(`${req.method} ${url.split('?')[0]}`);
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP.has(k)) headers[k] = v;
    headers.host = upstream.host;
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: url, headers, agent },
      (answer) => {
        const out: http.OutgoingHttpHeaders = {};
        for (const [k, v] of Object.entries(answer.headers)) if (!HOP.has(k)) out[k] = v;
        res.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(res);
      },
    );
    forward.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
    req.pipe(forward);
  });
  server.keepAliveTimeout = 120_000;
  server.on('connection', (socket: Socket) => {
    live.add(socket);
    socket.on('close', () => {
      closedRead += socket.bytesRead;
      closedWritten += socket.bytesWritten;
      live.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    setUpstream: (url) => {
      upstream = new URL(url);
    },
    snapshot() {
      let read = closedRead;
      let written = closedWritten;
      for (const s of live) {
        read += s.bytesRead;
        written += s.bytesWritten;
      }
      return { reqBytes: read, resBytes: written, requests, paths: [...paths] };
    },
    async stop() {
      for (const s of live) s.destroy();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}
