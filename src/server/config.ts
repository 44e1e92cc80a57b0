// Server configuration from the environment (documented in README.md).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openSqliteStorage } from './storage/sqlite';
import type { Storage } from './storage/storage';

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  bootstrapCode: string | undefined;
  districtCode: string | undefined;
  /** How often at most a school's summary for the district is made again, in milliseconds. */
  summaryMinAgeMs: number;
  tls: { cert: Buffer; key: Buffer } | null;
  database: DatabaseConfig;
  staticDir: string;
  /** Behind a reverse proxy: whom to believe about client addresses (Fastify's trustProxy). */
  trustProxy: TrustProxy;
};

/** Embedded SQLite in a file (one school's server, the default) or PostgreSQL (a district). */
export type DatabaseConfig = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

/** Fastify's trustProxy: nobody, every hop, these addresses, or a rule over each hop's address and rank. */
type TrustProxy = boolean | string | ((address: string, hop: number) => boolean);

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
    districtCode: env.NASTAVNIK_DISTRICT_CODE || undefined,
    summaryMinAgeMs: seconds(env.NASTAVNIK_SUMMARY_REFRESH_S, 60) * 1000,
    tls,
    database: databaseConfig(env.DATABASE_URL, dataDir),
    staticDir: resolve(env.NASTAVNIK_STATIC_DIR ?? 'dist'),
    trustProxy: trustProxy(env.NASTAVNIK_TRUST_PROXY),
  };
}

function seconds(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`expected a number of seconds, not "${value}"`);
  return n;
}

/** No DATABASE_URL: SQLite in the data folder; `sqlite:/path/file` or `postgres://…` choose. */
export function databaseConfig(url: string | undefined, dataDir: string): DatabaseConfig {
  if (!url) return { engine: 'sqlite', file: resolve(dataDir, 'nastavnik.sqlite') };
  if (/^postgres(ql)?:\/\//.test(url)) return { engine: 'postgres', url };
  const match = /^sqlite:(?:\/\/)?(.+)$/.exec(url);
  if (!match) {
    throw new Error(
      `DATABASE_URL "${url.split(':')[0]}:…" names an engine this server does not have; use postgres://user@host:port/database, sqlite:/path/to/file, or unset it`,
    );
  }
  return { engine: 'sqlite', file: resolve(match[1] as string) };
}

/** Opens the configured engine (PostgreSQL's schema is brought up to date first). */
export async function openStorage(database: DatabaseConfig): Promise<Storage> {
  if (database.engine === 'sqlite') return openSqliteStorage(database.file);
  const { openPostgresStorage } = await import('./storage/postgres');
  return openPostgresStorage(database.url);
}

/** Where the data is, for the start-up message: never a password. */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.engine === 'sqlite') return database.file;
  const url = new URL(database.url);
  return `PostgreSQL ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
}

/**
 * `NASTAVNIK_TRUST_PROXY`: unset (the socket's address is the client's); `true` or a number of proxies in
 * front of the server (`true` is one); or the proxies' addresses and networks (`127.0.0.1,10.0.0.0/8`).
 * Limits of enrolment attempts count per client address: behind a proxy that is not trusted, every phone
 * would share the proxy's. Only the addresses the proxies added are believed: trusting every hop took
 * the left-most of X-Forwarded-For, which the client writes itself — a guesser could name any address,
 * a school's router's among them.
 */
function trustProxy(value: string | undefined): TrustProxy {
  if (!value || value === 'false') return false;
  const proxies = value === 'true' ? 1 : /^\d+$/.test(value) ? Number(value) : null;
  if (proxies === null) return value;
  // Hop 0 is the peer of the socket, the proxy next to the server: the first `proxies` hops are proxies.
  return (_address: string, hop: number) => hop < proxies;
}
