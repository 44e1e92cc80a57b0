// The wire format of POST /api/v1/sync, its limits and the contract version (see docs/sync-protocol.md).
import * as v from 'valibot';
import { ID_PATTERN } from './field-schemas';
import { HLC_PATTERN, parseHlc } from './hlc';
import type { Change, Rejection, SyncedRecord } from './record';

export { CONTRACT_HEADER, CONTRACT_VERSION } from './contract-header';

export const LIMITS = {
  changesPerRequest: 500,
  bytesPerRequest: 4 * 1024 * 1024,
  pageSize: 500,
  maxClockSkewMs: 24 * 60 * 60 * 1000,
} as const;

const stamp = v.pipe(
  v.string('a stamp must be a string'),
  v.regex(HLC_PATTERN, 'a stamp must look like 2026-11-25T10:15:30.123Z_0003_device'),
  // An impossible time (month 13, 30 February) would sort after every real stamp and never lose again.
  v.check((s) => parseHlc(s) !== null, 'the time of a stamp must be a real UTC date and time'),
);

export const ChangeSchema = v.pipe(
  v.object(
    {
      id: v.pipe(v.string('id must be a string'), v.regex(ID_PATTERN, 'id must be a UUID or ULID')),
      type: v.pipe(
        v.string('type must be a string'),
        v.minLength(1, 'type must not be empty'),
        v.maxLength(40, 'type is too long'),
      ),
      fields: v.record(v.string(), v.unknown(), 'fields must be an object'),
      stamps: v.record(v.string(), stamp, 'stamps must be an object of stamps'),
      deleted: v.optional(stamp),
    },
    'a change must be an object',
  ),
  v.check(
    (c) => sameKeys(c.fields, c.stamps),
    'every field of a change needs a stamp, and every stamp a field',
  ),
  v.check(
    (c) => Object.keys(c.fields).length > 0 || c.deleted !== undefined,
    'a change must change a field or delete',
  ),
);

export const SyncRequestSchema = v.object(
  {
    cursor: v.nullish(
      v.pipe(v.string('cursor must be a string or null'), v.maxLength(200, 'cursor is too long')),
      null,
    ),
    /** Optional: the oldest cursor the device held when it made the changes it pushes (see conflict copies). */
    base: v.nullish(
      v.pipe(v.string('base must be a string or null'), v.maxLength(200, 'base is too long')),
      null,
    ),
    changes: v.pipe(
      v.array(ChangeSchema, 'changes must be an array'),
      v.maxLength(LIMITS.changesPerRequest, `at most ${LIMITS.changesPerRequest} changes per request`),
    ),
  },
  'the body must be an object with cursor and changes',
);

function sameKeys(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k));
}

export type SyncRequest = { cursor: string | null; base?: string | null; changes: Change[] };

export type SyncResponse = {
  cursor: string;
  changes: SyncedRecord[];
  hasMore: boolean;
  rejected: Rejection[];
  serverTime: string;
  /** Ids the device must drop: records that left the caller's scope. */
  purge: string[];
};

export type Role = 'curator' | 'mentor' | 'mentee';
export const ROLES: readonly Role[] = ['curator', 'mentor', 'mentee'];

export type EnrolResponse = {
  token: string;
  person: SyncedRecord;
  role: Role;
  schoolId: string;
  deviceId: string;
};

export type ErrorBody = { error: string; reason: string };

/** Error codes of 4xx answers, kebab-case so clients can act on them. */
export type ErrorCode =
  | 'bad-request'
  | 'too-large'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'contract-too-old'
  | 'rate-limited'
  | 'invalid-code'
  | 'conflict';
