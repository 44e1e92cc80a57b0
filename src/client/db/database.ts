// The one Dexie database of a device: a table per record type of the contract, the outbox of changes
// not yet acknowledged by the server, rejected changes, drafts and small key/value state.
import Dexie, { type Table, type Transaction } from 'dexie';
import type { Change, RejectionCode, SyncedRecord } from '../../domain/record';
import { RECORD_TYPE_NAMES, type RecordTypeName as RecordType } from '../../domain/record-type-names';
import { foldAllTextKeys, foldTextKeys, keyCodecMiddleware, packStoredFields } from './key-codec';
import { OLD_SESSION_KEYS, SESSION_KEY } from './meta';
import { RECENT_DAYS, recordCodecMiddleware } from './record-codec';
import type { SearchQueueEntry, SearchSegment } from './search-index';

export type OutboxEntry = {
  seq?: number;
  recordId: string;
  change: Change;
  /** The pull cursor when this change was first made: what its author had seen (see conflict copies). */
  baseCursor: string | null;
};

export type RejectedEntry = {
  id: string;
  type: string;
  code: RejectionCode;
  reason: string;
  change: Change;
  at: string;
  /**
   * The view the change was made from (its outbox entry's `baseCursor`), kept so that sent again it is
   * still taken as made from that view: a text it replaces unseen is kept for its author. Absent in
   * entries an older version of the app kept.
   */
  baseCursor?: string | null;
};

export type MetaRow = { key: string; value: unknown };

/**
 * A form's draft. `base`: what the form showed when it was opened — the stored values and the sync
 * cursor then — so that saving it writes only what the user changed, and the server can tell an edit
 * made from an older view (drafts saved before kept none).
 */
export type Draft = {
  key: string;
  value: Record<string, unknown>;
  updatedAt: string;
  base?: DraftBase;
  /**
   * Which open form (a tab's) changed each field from `base`: two tabs on one form each keep their own
   * changes in the one draft, rather than the last to type taking the other's away.
   */
  changedBy?: Record<string, string>;
};

/** What a form showed when it was opened: its values and the sync cursor the device held then. */
export type DraftBase = { value: Record<string, unknown>; cursor: string | null };

/**
 * The database's name on every device. @public — also named by the sync benchmark's engine-alone
 * target (../shared/bench-peer, targets/nastavnik/node.mjs), which bundles the client's modules by path.
 */
export const DB_NAME = 'nastavnik';

/** Schema history: every version stays listed so that any older device can upgrade step by step. */
export const SCHEMA_VERSIONS: Record<number, Record<string, string>> = {
  1: {
    person: 'id',
    consent: 'id, fields.personId',
    pair: 'id, fields.mentorId, *fields.menteeIds',
    meeting: 'id, fields.pairId, [fields.pairId+fields.date]',
    plan: 'id, fields.pairId',
    task: 'id, fields.planId',
    formTemplate: 'id',
    formAssignment: 'id, fields.personId',
    formResponse: 'id, fields.assignmentId',
    conflict: 'id, fields.recordId',
    outbox: '++seq, recordId',
    rejected: 'id',
    meta: 'key',
    drafts: 'key',
  },
  // The mentor's journey: goals and fit answers; indexes for home nudges, the IDP and search.
  2: {
    meeting: 'id, fields.pairId, [fields.pairId+fields.date], fields.date, *words',
    plan: 'id, fields.pairId, fields.menteeId',
    task: 'id, fields.planId, fields.goalId, fields.due, *words',
    goal: 'id, fields.planId, *words',
    fitAnswer: 'id, fields.pairId',
  },
  // Home finds pairs met recently from index keys alone.
  3: {
    meeting:
      'id, fields.pairId, [fields.pairId+fields.date], fields.date, [fields.date+fields.pairId], *words',
  },
  // Forms: assignments by template and pair, server-made statistics for mentors.
  4: {
    formAssignment: 'id, fields.personId, fields.templateId, fields.pairId',
    formStats: 'id, fields.mentorId',
  },
  // The curator's journey: programme settings, orders; keys-only aggregates for the dashboard.
  5: {
    programme: 'id',
    order: 'id, fields.date',
    meeting:
      'id, fields.pairId, [fields.pairId+fields.date], fields.date, [fields.date+fields.pairId], [fields.pairId+fields.kind], *words',
    task: 'id, fields.planId, fields.goalId, fields.due, [fields.planId+fields.status], *words',
    consent: 'id, fields.personId',
  },
  // Methodological materials for mentors (roadmap stage 3).
  6: {
    material: 'id',
  },
  // The district's figures: one summary per school, on the devices of the district's people.
  7: {
    schoolSummary: 'id',
  },
  // The index of recent meetings (record-codec.ts), filled for what the device holds.
  8: {
    meeting:
      'id, fields.pairId, [fields.pairId+fields.date], fields.date, [fields.date+fields.pairId], [fields.pairId+fields.kind], *words, recentDay',
  },
  // A first sync at the device's floor: only the indexes the screens read (a pair's meetings are
  // few enough to sort by date when read; recent meetings by the index of recent meetings), and the
  // words for search in an index of their own, built after the sync rather than on every write
  // (search-index.ts).
  9: {
    person: 'id, fields.kind',
    meeting: 'id, fields.pairId, recentDay',
    task: 'id, fields.planId, fields.due',
    goal: 'id, fields.planId',
    plan: 'id, fields.pairId',
    formAssignment: 'id, fields.personId, fields.templateId',
    order: 'id',
    searchIndex: '++seg, size',
    searchQueue: '++seq',
  },
  // Records keyed by their ids' 16 bytes rather than their text (key-codec.ts): no index changes.
  10: {},
  // The ids among records' fields at rest as 16 bytes too, in the rows and their indexes (key-codec.ts).
  11: {},
};

/**
 * Data changes that go with a schema version. (Version 2 once wrote the searched records again to
 * fill its words index; version 9 replaced that index, so there is nothing left to do for it.)
 */
const SCHEMA_UPGRADES: Record<number, (tx: Transaction) => Promise<void>> = {
  // Recent meetings, found by the date index of the versions before, are written again: the record
  // codec puts them in the index of recent meetings.
  8: async (tx) => {
    const meetings = tx.table('meeting');
    const cutoff = new Date(Date.now() - RECENT_DAYS * 86_400_000).toISOString().slice(0, 10);
    await meetings.bulkPut(await meetings.where('fields.date').aboveOrEqual(cutoff).toArray());
  },
  // The meetings, tasks and goals already on the device go into the new search index in idle time;
  // until then search reads them directly. Rows keep their old form until that pass rewrites them.
  9: async (tx) => {
    const queue = tx.table<SearchQueueEntry, number>('searchQueue');
    for (const type of ['meeting', 'task', 'goal'] as const)
      await queue.add({ type, all: true, isOwn: false, rewrite: true });
  },
  // Every record table's rows take their keys at rest (key-codec.ts), on IndexedDB itself. The
  // session moves to a key of its own: a tab still running an older version, which would write records
  // under text keys and take pulls (purges too) that this version must apply, finds none and stops
  // syncing; it already stops taking input and asks to be reloaded (storage-guard.ts).
  10: async (tx) => {
    const keyRange = (tx.db as NastavnikDb).keyRange;
    for (const type of RECORD_TYPE_NAMES) await foldTextKeys(tx.idbtrans.objectStore(type), type, keyRange);
    // A search pass under way walks a table in key order, which binary keys change: it starts over.
    await tx
      .table<SearchQueueEntry, number>('searchQueue')
      .toCollection()
      .modify((entry) => {
        delete entry.before;
      });
    await moveSession(tx);
  },
  // The ids in records' fields take their form at rest, so that the indexes find every record by them;
  // the session moves again, for the same reason as in version 10.
  11: async (tx) => {
    const keyRange = (tx.db as NastavnikDb).keyRange;
    for (const type of RECORD_TYPE_NAMES) await packStoredFields(tx.idbtrans.objectStore(type), keyRange);
    // A pass of the search index under way may be schema 9's over rows in an older form, which versions
    // before this one wrote back whatever the pass was (since, only schema 9's passes do).
    await tx
      .table<SearchQueueEntry, number>('searchQueue')
      .filter((entry) => entry.all === true)
      .modify({ rewrite: true });
    await moveSession(tx);
  },
};

/** The session under the key of this version (meta.ts), from whichever key an older version used. */
async function moveSession(tx: Transaction): Promise<void> {
  const meta = tx.table<MetaRow, string>('meta');
  for (const key of OLD_SESSION_KEYS) {
    const session = await meta.get(key);
    if (session) await meta.put({ key: SESSION_KEY, value: session.value });
    await meta.delete(key);
  }
}

export class NastavnikDb extends Dexie {
  outbox!: Table<OutboxEntry, number>;
  rejected!: Table<RejectedEntry, string>;
  meta!: Table<MetaRow, string>;
  drafts!: Table<Draft, string>;
  searchIndex!: Table<SearchSegment, number>;
  searchQueue!: Table<SearchQueueEntry, number>;

  /** The IDBKeyRange of this database's IndexedDB (tests give their own). */
  readonly keyRange: typeof IDBKeyRange;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.keyRange =
      (options?.IDBKeyRange as typeof IDBKeyRange | undefined) ?? Dexie.dependencies.IDBKeyRange;
    for (const [version, stores] of Object.entries(SCHEMA_VERSIONS)) {
      const step = this.version(Number(version)).stores(stores);
      const upgrade = SCHEMA_UPGRADES[Number(version)];
      if (upgrade) step.upgrade(upgrade);
    }
    this.use(recordCodecMiddleware);
    this.use(keyCodecMiddleware);
    // What a tab of an older version wrote under text keys meanwhile is folded in at every opening.
    this.on('ready', () =>
      foldAllTextKeys(this.backendDB(), this.keyRange).catch((error) =>
        console.error('text keys not folded', error),
      ),
    );
  }

  records<T extends RecordType>(type: T): Table<SyncedRecord<T>, string> {
    return this.table(type);
  }

  recordTables(): Table<SyncedRecord, string>[] {
    return RECORD_TYPE_NAMES.map((t) => this.table(t));
  }
}
