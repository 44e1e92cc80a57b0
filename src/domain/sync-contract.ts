// The wire format of POST /api/v1/sync, its limits and the contract version (see docs/sync-protocol.md).
import * as v from 'valibot';
import { ID_PATTERN } from './field-schemas';
import { HLC_PATTERN, parseHlc } from './hlc';
import { isPlainObject } from './json-bounds';
import type { Change, Rejection, SyncedRecord } from './record';
import type { AnyRole } from './roles';

export { CONTRACT_HEADER, CONTRACT_VERSION } from './contract-header';

export const LIMITS = {
  changesPerRequest: 500,
  bytesPerRequest: 4 * 1024 * 1024,
  /** Field names per change: every record type has far fewer; more is not a change this app makes. */
  fieldsPerChange: 64,
  fieldNameLength: 64,
  pageSize: 500,
  maxClockSkewMs: 24 * 60 * 60 * 1000,
} as const;

const stamp = v.pipe(
  v.string('a stamp must be a string'),
  v.regex(HLC_PATTERN, 'a stamp must look like 2026-11-25T10:15:30.123Z_0003_device'),
  // An impossible time (month 13, 30 February) would sort after every real stamp and never lose again.
  v.check((s) => parseHlc(s) !== null, 'the time of a stamp must be a real UTC date and time'),
);

/** An object of at most LIMITS.fieldsPerChange keys, each of at most LIMITS.fieldNameLength characters. */
function keyedObject<S extends v.GenericSchema>(value: S, name: string) {
  return v.pipe(
    v.custom<Record<string, v.InferOutput<S>>>(isPlainObject, `${name} must be an object`),
    v.rawCheck(({ dataset, addIssue }) => {
      // Raw checks run even when the check before failed: only an object is looked into.
      if (!dataset.typed) return;
      const entries = Object.entries(dataset.value as Record<string, unknown>);
      if (entries.length > LIMITS.fieldsPerChange)
        return addIssue({ message: `${name}: at most ${LIMITS.fieldsPerChange} per change` });
      for (const [key, item] of entries) {
        if (key.length > LIMITS.fieldNameLength)
          return addIssue({ message: `${name}: names of at most ${LIMITS.fieldNameLength} characters` });
        const result = v.safeParse(value, item);
        if (!result.success) return addIssue({ message: `${name}.${key}: ${result.issues[0]?.message}` });
      }
    }),
  );
}

/**
 * The message of a change's envelope: a member the contract does not name (`__proto__` and
 * `constructor` included) is refused by name — valibot's plain object dropped it, and the change was
 * taken without it.
 */
export const envelopeMessage =
  (what: string): v.ErrorMessage<v.ObjectIssue | v.StrictObjectIssue> =>
  (issue) =>
    issue.kind === 'schema' && issue.expected === 'never'
      ? `unknown member '${String(issue.input)}' of a change: a change has only ${what}`
      : 'a change must be an object';

export const ChangeSchema = v.pipe(
  v.strictObject(
    {
      id: v.pipe(v.string('id must be a string'), v.regex(ID_PATTERN, 'id must be a UUID or ULID')),
      type: v.pipe(
        v.string('type must be a string'),
        v.minLength(1, 'type must not be empty'),
        v.maxLength(40, 'type is too long'),
      ),
      // Not v.record: it drops keys named __proto__, prototype or constructor, and a field dropped on the
      // way would be a change accepted without it. Every key stays, and unknown ones are rejected later.
      fields: keyedObject(v.unknown(), 'fields'),
      stamps: keyedObject(stamp, 'stamps'),
      deleted: v.optional(stamp),
    },
    envelopeMessage('id, type, fields, stamps and deleted'),
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

const SyncRequestSchema = v.object(
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
    // The count before any change is looked at: 2,000,000 items are refused at once.
    changes: v.pipe(
      v.custom<unknown[]>(Array.isArray, 'changes must be an array'),
      v.maxLength(LIMITS.changesPerRequest, `at most ${LIMITS.changesPerRequest} changes per request`),
      v.array(ChangeSchema),
    ),
  },
  'the body must be an object with cursor and changes',
);

/**
 * The first issue of a failed parse as one sentence, with the path to the value it is about; `at` is
 * the path of the parsed value itself when it was taken out of a larger body (e.g. `changes.3`).
 */
export function describeIssue(
  issues: readonly v.BaseIssue<unknown>[],
  fallback = 'invalid body',
  at = '',
): string {
  const issue = issues[0];
  const path = [at, ...(issue?.path?.map((p) => String(p.key)) ?? [])].filter(Boolean).join('.');
  return path ? `${path}: ${issue?.message}` : (issue?.message ?? fallback);
}

export type ParsedSyncRequest =
  | { ok: true; request: { cursor: string | null; base: string | null; changes: Change[] } }
  | { ok: false; status: 400 | 413; reason: string };

/**
 * A sync body checked cheapest first: its shape, then the number of changes (413 past the limit), then
 * the shape of each change. Values inside fields are not looked at here: they are checked change by
 * change against their record type, and a bad one rejects only its change.
 */
export function parseSyncRequest(body: unknown): ParsedSyncRequest {
  const parsed = v.safeParse(SyncRequestSchema, body);
  if (parsed.success) return { ok: true, request: parsed.output as ParsedSyncRequestOk };
  const tooMany = parsed.issues.some((i) => i.type === 'max_length' && i.path?.length === 1);
  return { ok: false, status: tooMany ? 413 : 400, reason: describeIssue(parsed.issues) };
}

type ParsedSyncRequestOk = Extract<ParsedSyncRequest, { ok: true }>['request'];

function sameKeys(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k));
}

export type SyncResponse = {
  cursor: string;
  changes: SyncedRecord[];
  hasMore: boolean;
  rejected: Rejection[];
  serverTime: string;
  /** Ids the device must drop: records that left the caller's scope. */
  purge: string[];
};

export type { AnyRole, DistrictRole, Role } from './roles';
export { DISTRICT_ROLES, isDistrictRole, ROLES } from './roles';

export type EnrolResponse = {
  token: string;
  person: SyncedRecord;
  role: AnyRole;
  schoolId: string;
  deviceId: string;
};

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
  | 'conflict'
  | 'archived';
