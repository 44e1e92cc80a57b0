// Server configuration from the environment (documented in README.md).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  bootstrapCode: string | undefined;
  tls: { cert: Buffer; key: Buffer } | null;
  databaseFile: string;
  staticDir: string;
  /** Behind a reverse proxy: whom to believe about client addresses (Fastify's trustProxy). */
  trustProxy: boolean | string;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const dataDir = resolve(env.NASTAVNIK_DATA_DIR ?? './data');
  if ((env.TLS_CERT && !env.TLS_KEY) || (!env.TLS_CERT && env.TLS_KEY)) {
    throw new Error('set both TLS_CERT and TLS_KEY (paths to PEM files), or neither');
  }
  const tls =
    env.TLS_CERT && env.TLS_KEY ? { cert: readFileSync(env.TLS_CERT), key: readFileSync(env.TLS_KEY) } : null;
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    bootstrapCode: env.NASTAVNIK_BOOTSTRAP_CODE || undefined,
    tls,
    databaseFile: databaseFile(env.DATABASE_URL, dataDir),
    staticDir: resolve(env.NASTAVNIK_STATIC_DIR ?? 'dist'),
    trustProxy: trustProxy(env.NASTAVNIK_TRUST_PROXY),
  };
}

/** The embedded engine is the only one built in; DATABASE_URL may point it at another SQLite file. */
function databaseFile(url: string | undefined, dataDir: string): string {
  if (!url) return resolve(dataDir, 'nastavnik.sqlite');
  const match = /^sqlite:(?:\/\/)?(.+)$/.exec(url);
  if (!match) {
    throw new Error(
      `DATABASE_URL "${url.split(':')[0]}:…" names an engine this server does not have; use sqlite:/path/to/file or unset it`,
    );
  }
  return resolve(match[1] as string);
}

/**
 * `NASTAVNIK_TRUST_PROXY`: unset (the socket's address is the client's), `true` (every proxy), or the
 * proxies' addresses and networks (`127.0.0.1,10.0.0.0/8`). Limits of enrolment attempts count
 * per client address: behind a proxy that is not trusted, every phone would share the proxy's.
 */
function trustProxy(value: string | undefined): boolean | string {
  if (!value || value === 'false') return false;
  return value === 'true' ? true : value;
}
