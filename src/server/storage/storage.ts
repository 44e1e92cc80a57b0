// The storage interface of the sync server. Everything is keyed by its school, so one server hosts many
// schools and nothing in the sync path reads or locks across schools. Engines: sqlite.ts (embedded, the
// default for one school) and postgres.ts (a district: many schools, several server processes).

import type { SyncedRecord } from '../../domain/record';
import type { RecordType } from '../../domain/record-types';
import type { AnyRole } from '../../domain/sync-contract';
import type { PullPart } from '../../domain/sync-cursor';

/**
 * A record as the server keeps it: the merged record, the revision of its last change and of each field,
 * and what the server alone knows about it (never sent to devices).
 */
export type StoredRow = {
  record: SyncedRecord;
  rev: number;
  fieldRevs: Record<string, number>;
  /**
   * The person whose authenticated write set each field's current value: a conflict copy of a text that
   * loses goes to them (a device id inside a stamp can be forged; this cannot). Absent for values the
   * server wrote and for rows older than this record.
   */
  writers?: Record<string, string>;
  /**
   * The record's fields fixed at creation (its references: `pairId`, `planId`, …), kept when a delete
   * erases its fields: who could have written it and who may read it still follow from them.
   */
  parents?: Record<string, unknown>;
};

/** A pulled record; `fieldRevs` (the revision each field last changed at) lets contract v2 send changes only. */
/** A pulled record; `size`: the characters of its stored text, by which pages are bounded. */
export type PulledRow = {
  rev: number;
  record: SyncedRecord;
  fieldRevs?: Record<string, number>;
  size: number;
};

/** A pulled record as the JSON text of its whole compact form (wire-text.ts). */
export type PulledText = { rev: number; wire: string; size: number };

export type Device = {
  id: string;
  schoolId: string;
  personId: string;
  role: AnyRole;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
};

export type Invite = {
  codeHash: string;
  schoolId: string;
  personId: string;
  role: AnyRole;
  expiresAt: string;
  usedAt: string | null;
  isBootstrap: boolean;
  /**
   * The device that asked for the code (its namespace and id): the code works only while that device
   * does. Null for codes printed by the server (at start, by `npm run curator-code`) and codes made
   * before servers noted it.
   */
  madeBy: { schoolId: string; deviceId: string } | null;
};

export type School = { id: string; name: string; createdAt: string };

/**
 * One unit of work. A transaction that writes a school's records first calls `lockSchool`: from then
 * on no other transaction writes that school until this one ends, so what it reads stays current and
 * the revisions it hands out become visible in order (a revision cursor never skips a late commit).
 * Schools never wait for each other.
 */
export type StorageTx = {
  /** Creates a school; false when one with this id exists already (two processes starting at once). */
  createSchool(id: string, name: string, at: string): Promise<boolean>;
  /** Schools in the order they were created. */
  listSchools(): Promise<School[]>;
  getSchool(id: string): Promise<School | undefined>;
  /** Serialises the writers of one school until the end of this transaction (see above). */
  lockSchool(schoolId: string): Promise<void>;
  /** A number that grows whenever a record of the school changes (0 for none yet). */
  latestRev(schoolId: string): Promise<number>;

  getRecord(schoolId: string, id: string): Promise<StoredRow | undefined>;
  /**
   * A hint that `getRecord` is about to be asked for these ids of a school this transaction has locked:
   * an engine with a round trip per read (PostgreSQL) reads them at once. Changes nothing else.
   */
  preload(schoolId: string, ids: readonly string[]): Promise<void>;
  /**
   * Stores a changed record under the next revision, with the keys it is read under and its references.
   * A `fieldRevs` entry of 0 stands for the revision this put receives (the field changed now).
   * Null keys or refs leave those the record already has.
   */
  putRecord(
    schoolId: string,
    row: Omit<StoredRow, 'rev'>,
    keys: readonly string[] | null,
    refs: readonly string[] | null,
  ): Promise<number>;
  /**
   * Records that reference `refId` (by any reference field), of one type. Typed by it: every field was
   * validated by its type's schema before it was stored (validate.ts).
   */
  findByRef<T extends RecordType>(schoolId: string, type: T, refId: string): Promise<SyncedRecord<T>[]>;
  /** The records of one type, typed as findByRef's. */
  listByType<T extends RecordType>(schoolId: string, type: T): Promise<SyncedRecord<T>[]>;
  /** Ids of the live (not deleted) records of `type` whose field `field` is `true`. */
  idsWhereTrue(schoolId: string, type: string, field: string): Promise<string[]>;
  /**
   * Records changed after `afterRev`, in revision order; `keys` null means every record of the school.
   * With `part`, only the records of that part of a first pull (see pull-order.ts: engines keep each
   * record's `historyDay` to answer this).
   */
  pullSince(
    schoolId: string,
    afterRev: number,
    keys: readonly string[] | null,
    limit: number,
    part?: PullPart,
    maxChars?: number,
  ): Promise<PulledRow[]>;
  /**
   * What `pullSince` with the same arguments returns, each record as the text of its whole compact form
   * (wire-text.ts): kept with the record when it was stored, made from it for a row stored before.
   */
  pullTextSince(
    schoolId: string,
    afterRev: number,
    keys: readonly string[] | null,
    limit: number,
    part?: PullPart,
    maxChars?: number,
  ): Promise<PulledText[]>;
  /**
   * Whether `pullSince` and `pullTextSince` stop reading once the rows' text reaches `maxChars` (the row
   * that reaches it included; SQLite reads row by row). Else they read up to `limit` rows, and a page
   * asks for a few first (pull-plan.ts).
   */
  readonly readsToChars: boolean;
  /** How many records `pullSince` with the same arguments would return without a limit. */
  countSince(
    schoolId: string,
    afterRev: number,
    keys: readonly string[] | null,
    part?: PullPart,
  ): Promise<number>;
  /**
   * Ids of records readable under any of `keys` and created at or before revision `createdUpTo` (so that a
   * device is never told the ids of records it could not have received), with all the keys each is
   * readable under.
   */
  idsUnderKeys(
    schoolId: string,
    keys: readonly string[],
    createdUpTo: number,
  ): Promise<{ id: string; keys: string[] }[]>;

  /**
   * Keeps a scope's grants under their fingerprint, and `issuedUpTo`: the highest revision a cursor
   * under this scope was issued at so far (kept as the maximum). A purge for a device whose scope
   * shrank names records up to it at most, whatever revision its cursor claims.
   */
  saveScope(schoolId: string, hash: string, grants: readonly string[], issuedUpTo: number): Promise<void>;
  getScope(schoolId: string, hash: string): Promise<{ grants: string[]; issuedUpTo: number } | undefined>;

  addDevice(device: Device, tokenHash: string): Promise<void>;
  /** The device of a token; `schoolId` when the token names its school (then only that school is read). */
  deviceByToken(tokenHash: string, schoolId: string | null): Promise<Device | undefined>;
  /**
   * A device by its id, as this transaction sees it. PostgreSQL also holds the device's row and its
   * person's record against change until the transaction ends: a revocation or an archiving then waits
   * for the work it would otherwise race, rather than the work going on for a device already revoked.
   */
  deviceInUse(schoolId: string, id: string): Promise<Device | undefined>;
  touchDevice(schoolId: string, id: string, at: string): Promise<void>;
  hasDeviceWithRole(schoolId: string, role: AnyRole): Promise<boolean>;
  listDevices(schoolId: string): Promise<Device[]>;
  revokeDevice(schoolId: string, id: string, at: string): Promise<boolean>;
  /**
   * A person erased: their devices revoked at `at` (those revoked already keep their time) and their
   * names, typed at enrolment, blanked; their unused invites dropped.
   */
  forgetDevicesOf(schoolId: string, personId: string, at: string): Promise<void>;
  /** Removes every record of a school (for a restore into an empty school). */
  wipeRecords(schoolId: string): Promise<void>;

  addInvite(invite: Invite): Promise<void>;
  /** The invite of a code, in whichever school (enrolment does not know the school yet). */
  inviteByCode(codeHash: string): Promise<Invite | undefined>;
  /** Marks an invite used; false when it was used already (by a concurrent enrolment). */
  useInvite(schoolId: string, codeHash: string, at: string): Promise<boolean>;
  dropBootstrapInvites(schoolId: string): Promise<void>;
  /** Removes an unused invite of this code (a bootstrap code given again at start). */
  dropUnusedInvite(schoolId: string, codeHash: string): Promise<void>;

  /**
   * Notes one wrong enrolment code under `key` (an address, or every address together) at `at` (ms since
   * the epoch), and forgets those noted before `forgetBefore`.
   */
  addEnrolFailure(key: string, at: number, forgetBefore: number): Promise<void>;
  /**
   * How many wrong enrolment codes are noted under `key` from `since` on — counted up to `atMost` only
   * (the limits need no more; counting every one, each attempt of a guesser took longer than the last) —
   * and when the oldest of them was.
   */
  enrolFailures(
    key: string,
    since: number,
    atMost: number,
  ): Promise<{ count: number; oldest: number | null }>;
  /**
   * Makes this transaction the only one counting and noting enrolment attempts until it ends, so that
   * concurrent attempts cannot all pass the count before any is noted (SQLite: every writing
   * transaction is alone already).
   */
  lockEnrolment(): Promise<void>;

  /** The roles of a person's devices that still work (not revoked). */
  personRoles(schoolId: string, personId: string): Promise<AnyRole[]>;

  /**
   * A secret of this database's, by `name`: 32 random bytes as hex, made the first time it is asked for
   * and kept with the data (a backup keeps it). Never sent to any device.
   */
  serverSecret(name: string): Promise<string>;

  /**
   * Runs `fn` so that, if it throws, what it wrote is undone and the rest of the transaction stands (a
   * savepoint): one change that fails never takes the others of its push down with it.
   */
  atomically<T>(fn: () => Promise<T>): Promise<T>;
};

/**
 * Thrown by `atomically` when the storage undid the whole transaction under it (SQLite does on a full disk
 * or out of memory): nothing of the transaction stands any more, so nothing after it may be applied as if
 * it did — whoever catches a change's failure to go on with the next passes this one on.
 */
export class TransactionLostError extends Error {
  constructor(cause: unknown) {
    super(`the transaction was undone as a whole: ${String((cause as Error)?.message ?? cause)}`, { cause });
    this.name = 'TransactionLostError';
  }
}

/**
 * `snapshot`: every read of the transaction sees the database as at one moment (PostgreSQL: REPEATABLE
 * READ; each statement of a plain transaction sees what is committed when it runs). A pull needs it: the
 * caller's grants and the records it reads under them must agree, or a consent withdrawn between the two
 * reads lets through what was written with the withdrawal. SQLite's transactions run one at a time and
 * see one moment anyway.
 */
export type TransactionOptions = { snapshot?: boolean };

export type Storage = {
  transaction<T>(fn: (tx: StorageTx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Reads that need no write and no lock (authenticating a request): `fn` must not write. Engines run it
   * as cheaply as they can (SQLite: a deferred transaction; PostgreSQL: no transaction at all).
   */
  read<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};
