// The wire form of POST /api/v2/sync (docs/sync-protocol.md, "Contract v2"): records in their compact
// form, changed fields only once the device holds a record, current records first, and how many
// records wait. The meaning of every call is the v1 contract's; only its form and order differ.
import type { CompactRecord } from './compact-record';
import type { Rejection } from './record';

export const CONTRACT_V2 = 2;

/** Records per v2 pull page: fewer, larger pages than v1 now that they are compressed. */
export const PAGE_SIZE_V2 = 2_000;

/** A record as a v2 pull sends it. `partial`: only the fields changed since the cursor are here. */
export type WireRecord = CompactRecord & { type: string; partial?: true };

/** Which part of the pull the cursor goes on with: the device is usable once it is past `current`. */
export type PullPass = 'current' | 'history' | 'changes';

export type SyncResponseV2 = {
  cursor: string;
  changes: WireRecord[];
  hasMore: boolean;
  rejected: Rejection[];
  serverTime: string;
  purge: string[];
  pass: PullPass;
  /** When asked for: records waiting to be pulled when the request came, this page's included. */
  pending?: number;
};
