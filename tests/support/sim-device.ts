// A simulated device for tests in Node: the real Dexie database (on fake-indexeddb), repository and
// sync engine, talking to the real server app in the same process, with faults on demand.

import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { FastifyInstance } from 'fastify';
import { NastavnikDb } from '../../src/client/db/database';
import { SESSION_KEY, type Session, setMeta } from '../../src/client/db/meta';
import { createRepository, type Repository } from '../../src/client/db/repository';
import { createSyncEngine, type SyncEngine } from '../../src/client/sync/sync-engine';
import { fromWire, type SyncAnswer, type Transport, toWire } from '../../src/client/sync/transport';
import type { SyncedRecord } from '../../src/domain/record';
import { RECORD_TYPE_NAMES } from '../../src/domain/record-types';
import type { EnrolResponse, SyncResponse } from '../../src/domain/sync-contract';
import { CONTRACT_V2 } from '../../src/domain/sync-contract-v2';

export type Fault = 'none' | 'offline' | 'drop-response' | 'duplicate';

let dbCounter = 0;

export function freshDb(label: string): NastavnikDb {
  dbCounter += 1;
  return new NastavnikDb(`test-${label}-${dbCounter}-${Math.random().toString(36).slice(2)}`, {
    indexedDB,
    IDBKeyRange,
  });
}

/**
 * A transport over app.inject that speaks what the app speaks (contract v2, in the app's own wire
 * form): `fault()` decides, per call, what the network does.
 */
export function injectTransport(app: FastifyInstance, fault: () => Fault): Transport {
  return async (request, token) => {
    const f = fault();
    if (f === 'offline') return { ok: false, status: 0, reason: 'offline' };
    const send = () =>
      app.inject({
        method: 'POST',
        url: '/api/v2/sync',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'x-nastavnik-contract': String(CONTRACT_V2),
        },
        payload: toWire(request),
      });
    let response = await send();
    if (f === 'duplicate') response = await send();
    if (f === 'drop-response') return { ok: false, status: 0, reason: 'response lost' };
    if (response.statusCode !== 200) {
      // As httpTransport reads a refusal: its reason, and its code when the server sent one.
      let refusal: { reason?: string; error?: string } = {};
      try {
        refusal = response.json();
      } catch {}
      return {
        ok: false,
        status: response.statusCode,
        reason: refusal.reason ?? response.body,
        ...(typeof refusal.error === 'string' ? { error: refusal.error } : {}),
      };
    }
    return { ok: true, body: fromWire(response.json()) as SyncAnswer };
  };
}

export type SimDevice = {
  name: string;
  db: NastavnikDb;
  repo: Repository;
  engine: SyncEngine;
  session: Session;
  /** Every local record, by id. */
  snapshot(): Promise<Map<string, SyncedRecord>>;
};

export async function enrolDevice(
  app: FastifyInstance,
  code: string,
  name: string,
  options: { now: () => number; fault: () => Fault },
): Promise<SimDevice> {
  const r = await app.inject({ method: 'POST', url: '/api/v1/enrol', payload: { code, deviceName: name } });
  if (r.statusCode !== 200) throw new Error(`enrol ${name}: ${r.body}`);
  const body = r.json() as EnrolResponse;
  const session: Session = {
    token: body.token,
    personId: body.person.id,
    role: body.role,
    schoolId: body.schoolId,
    deviceId: body.deviceId,
  };
  const db = freshDb(name);
  await setMeta(db, SESSION_KEY, session);
  await setMeta(db, 'node', name);
  const repo = createRepository(db, { now: options.now });
  const engine = createSyncEngine({
    db,
    transport: injectTransport(app, options.fault),
    now: options.now,
    batchSize: 7,
  });
  return {
    name,
    db,
    repo,
    engine,
    session,
    async snapshot() {
      const all = new Map<string, SyncedRecord>();
      for (const type of RECORD_TYPE_NAMES)
        for (const r of await db.records(type).toArray()) all.set(r.id, r);
      return all;
    },
  };
}

/** Everything the server would send this token from scratch: the state its scope should converge to. */
export async function serverView(app: FastifyInstance, token: string): Promise<Map<string, SyncedRecord>> {
  const records = new Map<string, SyncedRecord>();
  let cursor: string | null = null;
  for (;;) {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/sync',
      headers: { authorization: `Bearer ${token}` },
      payload: { cursor, changes: [] },
    });
    const page = r.json() as SyncResponse;
    for (const rec of page.changes) records.set(rec.id, rec);
    cursor = page.cursor;
    if (!page.hasMore) return records;
  }
}
