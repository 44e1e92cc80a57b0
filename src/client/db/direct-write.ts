// A new record's write made on IndexedDB itself, beneath Dexie: one transaction, all its requests made at
// once, its reads checked when they come back. Through Dexie, a meeting's write (record + outbox) took
// 1.6–1.9 times one Dexie put (issue 11; Dexie's cost per request and per transaction over several
// stores), made directly 1.2–1.4 times (`npm run bench`). Only a new record's write goes this way — a
// mentor's after every meeting —; every other write goes through Dexie (repository.ts).
//
// What Dexie would do for it is done here: the rows go in as its middlewares put them (record-codec.ts,
// then key-codec.ts); once the transaction has committed, what it changed (the parts — keys and index
// keys — Dexie's observability middleware would name) is dropped from Dexie's cache of live queries'
// results in this tab, as Dexie's cache middleware does after a transaction of the app's, and announced
// through Dexie's `storagemutated` event to the live queries not cached and to the other tabs.
import Dexie, { type ObservabilitySet, RangeSet, rangesOverlap } from 'dexie';
import { jsonEqual } from '../../domain/canonical-json';
import type { ClockState } from '../../domain/hlc';
import type { SyncedRecord } from '../../domain/record';
import type { RecordTypeName } from '../../domain/record-type-names';
import type { Draft, NastavnikDb, OutboxEntry } from './database';
import { isDraftRowToDelete } from './draft-end';
import type { DraftEnd } from './drafts';
import { idToKey, rowDown } from './key-codec';
import { toStored } from './record-codec';

export type DirectWrite = {
  type: RecordTypeName;
  record: SyncedRecord;
  /** The device's clock after the write, if it moved. */
  clock: ClockState | null;
  entry: OutboxEntry;
  /** Rows of `meta` the write was planned from: it is undone if any holds another value by then. */
  guard: { keys: readonly string[]; rows: readonly ({ value: unknown } | undefined)[] };
  /**
   * True for an id made for the record this moment: nothing can be under it. False for one made before (a
   * form's): the write is undone if a record or an outbox entry is under it already.
   */
  isFresh: boolean;
  endsDraft?: DraftEnd;
};

/**
 * Writes `w` in one IndexedDB transaction. Resolves to true once committed and announced; to false when
 * nothing was written because a guarded row had changed, a record of that id was there already, or the
 * database is not open here (the caller writes through Dexie, which reopens it). Rejects with IndexedDB's
 * error when the write fails (a full disk: QuotaExceededError), nothing written.
 */
export function writeDirect(db: NastavnikDb, w: DirectWrite): Promise<boolean> {
  let tx: IDBTransaction;
  try {
    if (!db.isOpen()) return Promise.resolve(false);
    tx = db
      .backendDB()
      .transaction([w.type, 'outbox', 'meta', ...(w.endsDraft ? ['drafts'] : [])], 'readwrite');
  } catch {
    return Promise.resolve(false);
  }
  const parts: ObservabilitySet = {};
  let isStale = false;
  try {
    makeRequests(db, tx, w, parts, () => {
      isStale = true;
      tx.abort();
    });
  } catch (error) {
    // A value IndexedDB cannot take, thrown at once: the requests already made are undone with the rest.
    try {
      tx.abort();
    } catch {
      // Ended already: nothing of it was kept.
    }
    return Promise.reject(error);
  }
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => {
      // The write is stored: it is answered so whatever comes of telling the screens, which runs before
      // the caller goes on (a resolution's callbacks wait for this handler to end). Should it throw, the
      // screens are a step behind until their next change — never a save left hanging.
      resolve(true);
      try {
        announce(db, parts);
      } catch (error) {
        console.error('a write made beneath Dexie was not announced', error);
      }
    };
    // Aborted with no error of its own, and not by the guard: the connection went (another tab upgraded
    // the database, a phone dropped it) — said as Dexie says it, so the app reopens (storage-guard.ts).
    tx.onabort = () =>
      isStale
        ? resolve(false)
        : reject(
            tx.error && tx.error.name !== 'AbortError'
              ? tx.error
              : new DOMException('the database closed under the write', 'InvalidStateError'),
          );
  });
}

/**
 * The write's requests, reads first (requests of a transaction run in the order made). When the reads are
 * back, `undo` is called if the write is not to be (a guarded row changed, the id taken); else the draft
 * is deleted if it is to be. What is written goes into `parts`.
 */
function makeRequests(
  db: NastavnikDb,
  tx: IDBTransaction,
  w: DirectWrite,
  parts: ObservabilitySet,
  undo: () => void,
) {
  const meta = tx.objectStore('meta');
  const drafts = w.endsDraft ? tx.objectStore('drafts') : null;
  const read: unknown[] = [];
  let draft: Draft | undefined;
  let isTaken = false;
  let waiting = w.guard.keys.length + (drafts ? 1 : 0) + (w.isFresh ? 0 : 2);
  const check = () => {
    if (--waiting > 0) return;
    if (isTaken || !w.guard.keys.every((_, i) => jsonEqual(read[i], w.guard.rows[i]?.value))) return undo();
    if (drafts && w.endsDraft && isDraftRowToDelete(w.endsDraft, draft)) {
      drafts.delete(w.endsDraft.key);
      mark(parts, db, 'drafts', w.endsDraft.key, draft);
    }
  };
  w.guard.keys.forEach((key, i) => {
    const request = meta.get(key);
    request.onsuccess = () => {
      read[i] = (request.result as { value?: unknown } | undefined)?.value;
      check();
    };
  });
  if (!w.isFresh)
    for (const request of [
      tx.objectStore(w.type).count(idToKey(w.record.id) as IDBValidKey),
      tx.objectStore('outbox').index('recordId').count(w.record.id),
    ])
      request.onsuccess = () => {
        if (request.result > 0) isTaken = true;
        check();
      };
  if (drafts && w.endsDraft) {
    const request = drafts.get(w.endsDraft.key);
    request.onsuccess = () => {
      draft = request.result as Draft | undefined;
      check();
    };
  }
  if (w.clock) {
    const row = { key: 'clock', value: w.clock };
    meta.put(row);
    mark(parts, db, 'meta', row.key, row);
  }
  const stored = toStored(w.record, w.type);
  tx.objectStore(w.type).put(rowDown(stored));
  mark(parts, db, w.type, w.record.id, stored);
  const added = tx.objectStore('outbox').add(w.entry);
  added.onsuccess = () => mark(parts, db, 'outbox', added.result as number, w.entry);
}

/**
 * Adds to `parts` what Dexie's observability middleware names for a row written or deleted under `key`
 * in `table`: the key (and as possibly deleted: no row before is known), and the row's key in each index.
 */
function mark(parts: ObservabilitySet, db: NastavnikDb, table: string, key: string | number, row: unknown) {
  const part = (name: string) => {
    const id = `idb://${db.name}/${table}/${name}`;
    parts[id] ??= new RangeSet();
    return parts[id] as RangeSet;
  };
  part('').addKey(key);
  part(':dels').addKey(key);
  for (const index of db.core.schema.tables.find((t) => t.name === table)?.indexes ?? []) {
    if (index.name === null) continue;
    const value = index.extractKey?.(row);
    if (value == null) continue;
    if (index.multiEntry && Array.isArray(value)) for (const v of value) part(index.name).addKey(v);
    else part(index.name).addKey(value);
  }
}

/**
 * Tells live queries of a committed write that changed `parts`. Those answered from Dexie's cache (the
 * typed `Dexie.cache`) hear of it from the cache, whose entries the write touched are dropped and their
 * subscribers asked to read again — what Dexie's cache middleware does when a transaction of the app's
 * commits; the others, and the other tabs, from the `storagemutated` event.
 */
function announce(db: NastavnikDb, parts: ObservabilitySet): void {
  const rereads = new Set<() => void>();
  const prefix = `idb://${db.name}/`;
  for (const [name, table] of Object.entries(Dexie.cache)) {
    if (!name.startsWith(prefix)) continue;
    for (const lists of [table.queries.query, table.queries.count])
      for (const entries of Object.values(lists ?? {}))
        for (const entry of [...entries])
          if (overlaps(entry.obsSet, parts)) {
            entries.splice(entries.indexOf(entry), 1);
            for (const reread of entry.subscribers) rereads.add(reread);
          }
  }
  for (const reread of rereads) reread();
  Dexie.on.storagemutated.fire(parts);
}

/** Whether a query that read `read` may see another answer after a write of `written` (as Dexie decides). */
function overlaps(read: ObservabilitySet, written: ObservabilitySet): boolean {
  if ('all' in read) return true;
  return Object.entries(read).some(([part, ranges]) => {
    const changed = written[part];
    return changed !== undefined && rangesOverlap(changed, ranges);
  });
}
