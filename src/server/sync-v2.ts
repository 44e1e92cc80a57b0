// POST /api/v2/sync: decodes the compact wire form into the v1 request the sync service runs, and
// encodes its answer compactly, leaving out the fields the device already holds (see
// docs/sync-protocol.md, "Contract v2"). Everything a change means is decided by the v1 code path.
import * as v from 'valibot';
import { compactRecord, expandRecord, unstampedFields } from '../domain/compact-record';
import { isPlainObject } from '../domain/json-bounds';
import type { Change, SyncedRecord } from '../domain/record';
import {
  describeIssue,
  type ErrorCode,
  envelopeMessage,
  LIMITS,
  parseSyncRequest,
} from '../domain/sync-contract';
import { PAGE_SIZE_V2, type SyncResponseV2, type WireRecord } from '../domain/sync-contract-v2';
import { type PullCursor, parsePullCursor } from '../domain/sync-cursor';
import { packId, unpackId } from '../domain/wire-id';
import type { PulledRow } from './storage/storage';
import type { V2Pull } from './sync-pull';
import { runSync } from './sync-service';
import type { Caller, SyncDeps } from './sync-session';

const CompactChangeSchema = v.strictObject(
  {
    id: v.unknown(),
    type: v.unknown(),
    // Objects as sent, every key kept (valibot's record drops `constructor` and the like): the v1 schema
    // then refuses such a field by name, as it does in v1, rather than it vanishing from the change.
    fields: v.custom<Record<string, unknown>>(isPlainObject, 'fields must be an object'),
    stamp: v.optional(v.string('stamp must be a string')),
    stamps: v.optional(v.custom<Record<string, string>>(isPlainObject, 'stamps must be an object of stamps')),
    deleted: v.optional(v.unknown()),
  },
  envelopeMessage('id, type, fields, stamp, stamps and deleted'),
);

const RequestSchema = v.object(
  {
    cursor: v.nullish(v.unknown(), null),
    base: v.nullish(v.unknown(), null),
    changes: v.array(v.unknown(), 'changes must be an array'),
    progress: v.optional(v.boolean('progress must be true or false'), false),
    packIds: v.optional(v.boolean('packIds must be true or false'), false),
  },
  'the body must be an object with cursor and changes',
);

type Failure = { ok: false; status: number; error: ErrorCode; reason: string };

/**
 * The v1 change a compact one stands for; a field without a stamp, or a stamp without a field, is refused.
 * `packIds`: the change's id may be packed (domain/wire-id.ts).
 */
function decodeChange(raw: unknown, index: number, packIds: boolean): { ok: true; change: Change } | Failure {
  const parsed = v.safeParse(CompactChangeSchema, raw);
  if (!parsed.success)
    return {
      ok: false,
      status: 400,
      error: 'bad-request',
      reason: describeIssue(parsed.issues, undefined, `changes.${index}`),
    };
  const compact = parsed.output;
  const unstamped = unstampedFields(compact as never);
  const strays = Object.keys(compact.stamps ?? {}).filter((name) => !Object.hasOwn(compact.fields, name));
  if (unstamped.length || strays.length)
    return {
      ok: false,
      status: 400,
      error: 'bad-request',
      reason: `changes.${index}: every field of a change needs a stamp, and every stamp a field`,
    };
  const change = expandRecord(compact as never);
  // Left as sent, so that the v1 schema refuses a wrong id, type or delete stamp with its own reason.
  const id = packIds && typeof compact.id === 'string' ? unpackId(compact.id) : compact.id;
  Object.assign(change, { id, type: compact.type });
  if (compact.deleted !== undefined) change.deleted = compact.deleted as string;
  return { ok: true, change };
}

/** Only what changed after `heldUpTo`; `partial` when a field the record has was left out. */
function wireRecord(row: PulledRow, heldUpTo: number): WireRecord | null {
  const { record } = row;
  if (heldUpTo === 0 || row.rev <= heldUpTo) return compactRecord(record) as WireRecord;
  const changed = (name: string) => (row.fieldRevs?.[name] ?? row.rev) > heldUpTo;
  const names = Object.keys(record.fields);
  const kept = names.filter(changed);
  if (kept.length === names.length) return compactRecord(record) as WireRecord;
  if (kept.length === 0 && record.deleted === undefined) return null; // nothing this device may see changed
  const delta: SyncedRecord = {
    id: record.id,
    type: record.type,
    fields: Object.fromEntries(kept.map((name) => [name, record.fields[name]])),
    stamps: Object.fromEntries(kept.map((name) => [name, record.stamps[name] as string])),
  };
  if (record.deleted !== undefined) delta.deleted = record.deleted;
  return { ...(compactRecord(delta) as WireRecord), partial: true };
}

/** Where a record's id starts in its kept wire text: `compactRecord` writes `id` first. */
const ID_AT = '{"id":"'.length;

/** A record's kept wire text with its id packed (a UUID's text holds nothing JSON escapes). */
function packTextId(text: string): string {
  const end = ID_AT + 36;
  if (!text.startsWith('{"id":"') || text[end] !== '"') return text;
  const id = text.slice(ID_AT, end);
  const packed = packId(id);
  return packed === id ? text : `{"id":"${packed}${text.slice(end)}`;
}

const heldRev = (c: PullCursor | null) => (c === null ? undefined : c.part ? 0 : c.held);

/**
 * Runs one v2 sync call for `caller`. Answers the v2 body as JSON text (a SyncResponseV2), or the
 * status, error code and reason of a request refused whole (400, 413), as v1 does.
 */
export async function syncV2(
  deps: SyncDeps,
  caller: Caller,
  body: unknown,
): Promise<{ ok: true; json: string } | Failure> {
  const request = v.safeParse(RequestSchema, body);
  if (!request.success)
    return { ok: false, status: 400, error: 'bad-request', reason: describeIssue(request.issues) };
  const { cursor: rawCursor, base: rawBase, changes: rawChanges, progress, packIds } = request.output;
  if (rawChanges.length > LIMITS.changesPerRequest)
    return {
      ok: false,
      status: 413,
      error: 'too-large',
      reason: `changes: at most ${LIMITS.changesPerRequest} changes per request`,
    };
  const changes: Change[] = [];
  for (const [i, raw] of rawChanges.entries()) {
    const decoded = decodeChange(raw, i, packIds);
    if (!decoded.ok) return decoded;
    changes.push(decoded.change);
  }
  // The v1 checks (cheapest first) take ids, types, stamps and cursors exactly as v1 does.
  const parsed = parseSyncRequest({ cursor: rawCursor, base: rawBase, changes });
  if (!parsed.ok)
    return {
      ok: false,
      status: parsed.status,
      error: parsed.status === 413 ? 'too-large' : 'bad-request',
      reason: parsed.reason,
    };
  const v1 = { output: parsed.request };
  const cursor = v1.output.cursor === null ? null : parsePullCursor(v1.output.cursor);
  if (v1.output.cursor !== null && cursor === null)
    return {
      ok: false,
      status: 400,
      error: 'bad-request',
      reason: 'cursor: not a cursor this server issued; send null to start over',
    };
  const base = v1.output.base === null ? null : parsePullCursor(v1.output.base);
  if (v1.output.base !== null && base === null)
    return { ok: false, status: 400, error: 'bad-request', reason: 'base: not a cursor this server issued' };
  // What the device had seen when it typed: its oldest base, never later than its cursor, and only as
  // far as the device is known to hold everything (see PullCursor): an edit may then keep a conflict
  // copy it did not need, but never loses one.
  const seenRev = Math.min(heldRev(base) ?? Number.POSITIVE_INFINITY, heldRev(cursor) ?? 0);
  const seen = { rev: seenRev, perField: true };
  const answer = await runSync(deps, caller, cursor, v1.output.changes, seen, {
    countPending: progress,
    pageSize: deps.pageSize ?? PAGE_SIZE_V2,
  });
  const pulled = answer.v2 as V2Pull;
  // Records read as text go as they are; the others are written here.
  const records: string[] = [];
  for (const row of pulled.rows) {
    const wire = 'wire' in row ? row.wire : wireRecord(row, pulled.heldUpTo);
    if (typeof wire === 'string') records.push(packIds ? packTextId(wire) : wire);
    else if (wire) records.push(JSON.stringify(packIds ? { ...wire, id: packId(wire.id) } : wire));
  }
  const out: Omit<SyncResponseV2, 'changes'> = {
    cursor: answer.cursor,
    hasMore: answer.hasMore,
    rejected: packIds ? answer.rejected.map((r) => ({ ...r, id: packId(r.id) })) : answer.rejected,
    serverTime: answer.serverTime,
    purge: packIds ? answer.purge.map(packId) : answer.purge,
    pass: pulled.pass,
  };
  if (pulled.pending !== undefined) out.pending = pulled.pending;
  // The answer's JSON (SyncResponseV2) around the records' texts: `changes` first, then the rest.
  return { ok: true, json: `{"changes":[${records.join(',')}],${JSON.stringify(out).slice(1)}` };
}
