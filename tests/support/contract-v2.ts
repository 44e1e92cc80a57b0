// Lets the server suites speak contract v2: with NASTAVNIK_TEST_CONTRACT=2, `call()` sends what a test
// writes for POST /api/v1/sync to /api/v2/sync in the compact form, and hands the test the answer as
// v1 would have it. Records the answer leaves partial (changed fields only) are completed from what
// the same token was sent before, as a device completes them; a partial record the token never had is
// a fault of the server, and fails the test.
import { compactRecord, expandRecord } from '../../src/domain/compact-record';
import { mergeRecords } from '../../src/domain/merge';
import type { SyncedRecord } from '../../src/domain/record';
import { CONTRACT_V2, type WireRecord } from '../../src/domain/sync-contract-v2';
import { packId, unpackId } from '../../src/domain/wire-id';

export const testContract = (): number => Number(process.env.NASTAVNIK_TEST_CONTRACT ?? '1');

/** From now on, in this test file, `call()` speaks `version` for sync calls. */
export function speakContract(version: 1 | 2): void {
  process.env.NASTAVNIK_TEST_CONTRACT = String(version);
}

const seenByToken = new Map<string, Map<string, SyncedRecord>>();

type Request = { path: string; body?: unknown; headers: Record<string, string> };

/** The v2 request for a v1 one, ids packed as the app sends them (bodies given as text are sent as they are). */
export function toV2(request: Request): Request {
  if (request.path !== '/api/v1/sync') return request;
  const headers = { 'x-nastavnik-contract': String(CONTRACT_V2), ...request.headers };
  const body = request.body as { changes?: unknown } | undefined;
  const changes = Array.isArray(body?.changes)
    ? body.changes.map((c) => (isRecordLike(c) ? packed(compactRecord(c as SyncedRecord)) : c))
    : body?.changes;
  return {
    path: '/api/v2/sync',
    headers,
    body: body === undefined ? undefined : { ...body, packIds: true, changes },
  };
}

function packed<T extends { id: unknown }>(record: T): T {
  return typeof record.id === 'string' ? { ...record, id: packId(record.id) } : record;
}

function isRecordLike(value: unknown): boolean {
  const r = value as { fields?: unknown; stamps?: unknown } | null;
  return !!r && typeof r === 'object' && typeof r.fields === 'object' && typeof r.stamps === 'object';
}

/** The v1 answer for a v2 one: every record whole, every id unpacked. */
export function fromV2(token: string | undefined, body: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(body.changes)) return body;
  for (const wire of body.changes as WireRecord[]) wire.id = unpackId(wire.id);
  if (Array.isArray(body.purge)) body.purge = (body.purge as string[]).map(unpackId);
  if (Array.isArray(body.rejected))
    for (const rejection of body.rejected as { id: string }[]) rejection.id = unpackId(rejection.id);
  const seen = seenByToken.get(token ?? '') ?? new Map<string, SyncedRecord>();
  seenByToken.set(token ?? '', seen);
  const changes = (body.changes as WireRecord[]).map((wire) => {
    const { partial, ...compact } = wire;
    const record = expandRecord(compact);
    const known = seen.get(record.id);
    if (partial && !known)
      throw new Error(`v2 sent changed fields of ${record.id}, which this device never had`);
    const whole = partial && known ? mergeRecords(known, record) : record;
    seen.set(record.id, whole);
    return whole;
  });
  const { pass: _pass, pending: _pending, ...rest } = body;
  return { ...rest, changes };
}
