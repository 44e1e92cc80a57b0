// Starts the real server over HTTP on real storage: a SQLite file in a temporary folder, or a fresh
// PostgreSQL database when the suite runs on PostgreSQL (see test-storage.ts).
import type { FastifyInstance } from 'fastify';
import type { Change, SyncedRecord } from '../../src/domain/record';
import type { AnyRole, Role, SyncResponse } from '../../src/domain/sync-contract';
import { type AppDeps, createApp } from '../../src/server/app';
import { bootstrapDistrict } from '../../src/server/district-service';
import { bootstrap } from '../../src/server/enrol-service';
import { createServerClock } from '../../src/server/server-clock';
import type { Storage } from '../../src/server/storage/storage';
import { fromV2, testContract, toV2 } from './contract-v2';
import { change, createStamper, pairChange, type Stamper } from './test-device';
import { openTestStorage } from './test-storage';

export const BOOTSTRAP_CODE = 'TEST-BOOT';
export const DISTRICT_CODE = 'TEST-DIST';

export type TestServer = {
  url: string;
  app: FastifyInstance;
  storage: Storage;
  /** What a server process is given to reach the same data (DATABASE_URL). */
  databaseUrl: string;
  /** Every byte the storage keeps, as text. */
  rawText(): Promise<string>;
  close(): Promise<void>;
};

export async function startTestServer(overrides: Partial<AppDeps> = {}): Promise<TestServer> {
  const { storage, databaseUrl, rawText, dispose } = await openTestStorage();
  const clock = overrides.clock ?? createServerClock();
  await bootstrap(storage, clock, BOOTSTRAP_CODE);
  await bootstrapDistrict(storage, clock, DISTRICT_CODE);
  const app = await createApp({ storage, clock, staticDir: null, summaryMinAgeMs: 0, ...overrides });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    storage,
    databaseUrl,
    rawText,
    async close() {
      await app.close();
      await dispose();
    },
  };
}

export type Json = Record<string, unknown>;

export async function call(
  server: { url: string },
  method: string,
  path: string,
  options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Json }> {
  const isV2 = testContract() === 2 && path === '/api/v1/sync';
  const sent = isV2
    ? toV2({ path, body: options.body, headers: { ...options.headers } })
    : { path, body: options.body, headers: { ...options.headers } };
  const headers = sent.headers;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const hasBody = sent.body !== undefined || options.raw !== undefined;
  if (hasBody) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${sent.path}`, {
    method,
    headers,
    body: options.raw ?? (sent.body === undefined ? undefined : JSON.stringify(sent.body)),
  });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as Json) : {};
  return { status: response.status, body: isV2 && response.ok ? fromV2(options.token, body) : body };
}

/** A user of the test: their token and a device clock. */
export type Actor = {
  token: string;
  personId: string;
  stamper: Stamper;
  cursor: string | null;
  role: AnyRole;
};

export async function enrolWith(server: { url: string }, code: string, node: string): Promise<Actor> {
  const r = await call(server, 'POST', '/api/v1/enrol', { body: { code, deviceName: node } });
  if (r.status !== 200) throw new Error(`enrol failed: ${JSON.stringify(r.body)}`);
  const person = r.body.person as SyncedRecord;
  return {
    token: r.body.token as string,
    personId: person.id,
    stamper: createStamper(node),
    cursor: null,
    role: r.body.role as AnyRole,
  };
}

export async function push(server: { url: string }, actor: Actor, changes: Change[]): Promise<SyncResponse> {
  const r = await call(server, 'POST', '/api/v1/sync', {
    token: actor.token,
    body: { cursor: actor.cursor, changes },
  });
  if (r.status !== 200) throw new Error(`sync failed ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body as unknown as SyncResponse;
}

/** Pulls every page; returns the records received (last version of each) and the purged ids. */
export async function pullAll(
  server: { url: string },
  actor: Actor,
): Promise<{ records: Map<string, SyncedRecord>; purge: string[] }> {
  const records = new Map<string, SyncedRecord>();
  const purge: string[] = [];
  for (;;) {
    const page = await push(server, actor, []);
    for (const r of page.changes) records.set(r.id, r);
    purge.push(...page.purge);
    actor.cursor = page.cursor;
    if (!page.hasMore) return { records, purge };
  }
}

/** Creates a person as the curator and an invite for them, and enrols a device with it. */
export async function addMember(
  server: { url: string },
  curator: Actor,
  role: Role,
  fields: Json,
  node: string,
): Promise<Actor> {
  const person = change(curator.stamper, 'person', { kind: 'teacher', ...fields });
  const r = await push(server, curator, [person]);
  if (r.rejected.length) throw new Error(JSON.stringify(r.rejected));
  const invite = await call(server, 'POST', '/api/v1/invites', {
    token: curator.token,
    body: { personId: person.id, role },
  });
  if (invite.status !== 200) throw new Error(JSON.stringify(invite.body));
  return enrolWith(server, invite.body.code as string, node);
}

/** The live conflict copies `actor`'s device receives on a pull from the start. */
export async function liveCopiesOf(server: { url: string }, actor: Actor): Promise<SyncedRecord[]> {
  const { records } = await pullAll(server, { ...actor, cursor: null });
  return [...records.values()].filter((r) => r.type === 'conflict' && r.deleted === undefined);
}

export async function exportText(server: { url: string }, curator: Actor): Promise<string> {
  const r = await call(server, 'GET', '/api/v1/export', { token: curator.token });
  const records = (r.body.records as SyncedRecord[]).map((x) => JSON.stringify(x)).sort();
  return records.join('\n');
}

export { change, createStamper, pairChange };
