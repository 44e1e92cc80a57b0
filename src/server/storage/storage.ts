// The storage interface of the sync server. Every record is keyed by its school, so one server can
// host many. Engines: sqlite.ts (embedded, default). Another engine implements this same interface.

import type { SyncedRecord } from '../../domain/record';
import type { Role } from '../../domain/sync-contract';
import type { PullPart } from './pull-order';

/** A record as the server keeps it: the merged record, the revision of its last change and of each field. */
export type StoredRow = { record: SyncedRecord; rev: number; fieldRevs: Record<string, number> };

/** A pulled record; `fieldRevs` (the revision each field last changed at) lets contract v2 send changes only. */
export type PulledRow = { rev: number; record: SyncedRecord; fieldRevs?: Record<string, number> };

export type Device = {
  id: string;
  schoolId: string;
  personId: string;
  role: Role;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
};

export type Invite = {
  codeHash: string;
  schoolId: string;
  personId: string;
  role: Role;
  expiresAt: string;
  usedAt: string | null;
  isBootstrap: boolean;
};

/**
 * One unit of work. Engines must run a write transaction alone: revisions are handed out in commit
 * order, which is what makes a revision cursor safe.
 */
export type StorageTx = {
  createSchool(id: string, name: string, at: string): Promise<void>;
  listSchools(): Promise<{ id: string; name: string }[]>;

  getRecord(schoolId: string, id: string): Promise<StoredRow | undefined>;
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
  /** Records that reference `refId` (by any reference field), of one type. */
  findByRef(schoolId: string, type: string, refId: string): Promise<SyncedRecord[]>;
  listByType(schoolId: string, type: string): Promise<SyncedRecord[]>;
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
  ): Promise<PulledRow[]>;
  /** How many records `pullSince` with the same arguments would return without a limit. */
  countSince(
    schoolId: string,
    afterRev: number,
    keys: readonly string[] | null,
    part?: PullPart,
  ): Promise<number>;
  /** The revision the last change received (0 before any). */
  currentRev(): Promise<number>;
  /** Ids of records readable under any of `keys`, with all the keys each is readable under. */
  idsUnderKeys(schoolId: string, keys: readonly string[]): Promise<{ id: string; keys: string[] }[]>;
  exportAll(schoolId: string): Promise<PulledRow[]>;

  saveScope(schoolId: string, hash: string, grants: readonly string[]): Promise<void>;
  getScope(schoolId: string, hash: string): Promise<string[] | undefined>;

  addDevice(device: Device, tokenHash: string): Promise<void>;
  deviceByToken(tokenHash: string): Promise<Device | undefined>;
  touchDevice(id: string, at: string): Promise<void>;
  hasDeviceWithRole(role: Role): Promise<boolean>;
  listDevices(schoolId: string): Promise<Device[]>;
  revokeDevice(schoolId: string, id: string, at: string): Promise<boolean>;
  /** Removes every record of a school (for a restore into an empty school). */
  wipeRecords(schoolId: string): Promise<void>;

  addInvite(invite: Invite): Promise<void>;
  inviteByCode(codeHash: string): Promise<Invite | undefined>;
  useInvite(codeHash: string, at: string): Promise<void>;
  dropBootstrapInvites(): Promise<void>;

  /** Which person writes with a device clock id: to tell whose text a conflict copy keeps. */
  noteNode(schoolId: string, node: string, personId: string): Promise<void>;
  personOfNode(schoolId: string, node: string): Promise<string | undefined>;
};

export type Storage = {
  transaction<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};
