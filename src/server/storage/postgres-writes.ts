// The records a PostgreSQL transaction writes, held until the transaction next reads more than one
// record or commits, then written in a few statements. A push of twenty meetings is then a handful of
// round trips, not a hundred. Revisions come from the school's counter, read when its lock is taken
// (the lock is held to the commit, so no one else hands out the school's revisions meanwhile) and
// written back once.
import type pg from 'pg';
import { historyDay } from './pull-order';
import type { StoredRow } from './storage';
import { wireText } from './wire-text';

type Pending = {
  school: string;
  row: StoredRow;
  /** New keys and references, or null to keep those the record has (its keys then take its revision). */
  keys: readonly string[] | null;
  refs: readonly string[] | null;
};

export type WriteBuffer = {
  /** The school's lock is taken: its revisions are handed out from `rev` on. */
  locked(school: string, rev: number): void;
  isLocked(school: string): boolean;
  /** The school's latest revision in this transaction, written or not; undefined if not locked here. */
  latestRev(school: string): number | undefined;
  /** Buffers a record; answers its revision. */
  put(
    school: string,
    row: Omit<StoredRow, 'rev'>,
    keys: readonly string[] | null,
    refs: readonly string[] | null,
  ): number;
  /** A record as this transaction last wrote it. */
  get(school: string, id: string): StoredRow | undefined;
  /** Writes what is buffered. */
  flush(): Promise<void>;
  /** What `flush` would write, and the counters, as at this moment: for a savepoint to roll back to. */
  mark(): () => void;
};

const keyOf = (school: string, id: string) => `${school}\u0000${id}`;

export function createWriteBuffer(
  run: (name: string, text: string, values: unknown[]) => Promise<pg.QueryResult>,
): WriteBuffer {
  const pending = new Map<string, Pending>();
  const revs = new Map<string, { rev: number; stored: number }>();

  async function flushSchool(school: string, items: Pending[]): Promise<void> {
    const ids = items.map((p) => p.row.record.id);
    await run(
      'flushRecords',
      `INSERT INTO records (school, id, type, rev, created_rev, data, day, wire, wire_rev)
       SELECT $1, u.id, u.type, u.rev, u.rev, u.data, u.day, u.wire, u.rev
       FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[])
         AS u(id, type, rev, data, day, wire)
       ON CONFLICT (school, id) DO UPDATE SET type = EXCLUDED.type, rev = EXCLUDED.rev, data = EXCLUDED.data,
         day = EXCLUDED.day, wire = EXCLUDED.wire, wire_rev = EXCLUDED.wire_rev`,
      [
        school,
        ids,
        items.map((p) => p.row.record.type),
        items.map((p) => p.row.rev),
        items.map(({ row: { record, fieldRevs, writers, parents } }) =>
          JSON.stringify({ record, fieldRevs, writers, parents }),
        ),
        items.map((p) => historyDay(p.row.record)),
        items.map((p) => wireText(p.row.record)),
      ],
    );
    const newKeys = items.filter((p) => p.keys !== null);
    if (newKeys.length) {
      await run('flushDropKeys', 'DELETE FROM record_keys WHERE school = $1 AND id = ANY($2::text[])', [
        school,
        newKeys.map((p) => p.row.record.id),
      ]);
      const flat = newKeys.flatMap((p) =>
        (p.keys ?? []).map((key) => [key, p.row.record.id, p.row.rev] as const),
      );
      if (flat.length)
        await run(
          'flushAddKeys',
          `INSERT INTO record_keys (school, key, id, rev)
           SELECT $1, u.key, u.id, u.rev FROM unnest($2::text[], $3::text[], $4::bigint[]) AS u(key, id, rev)
           ON CONFLICT DO NOTHING`,
          [school, flat.map((f) => f[0]), flat.map((f) => f[1]), flat.map((f) => f[2])],
        );
    }
    const keptKeys = items.filter((p) => p.keys === null);
    if (keptKeys.length)
      await run(
        'flushBumpKeys',
        `UPDATE record_keys k SET rev = u.rev FROM unnest($2::text[], $3::bigint[]) AS u(id, rev)
         WHERE k.school = $1 AND k.id = u.id`,
        [school, keptKeys.map((p) => p.row.record.id), keptKeys.map((p) => p.row.rev)],
      );
    const newRefs = items.filter((p) => p.refs !== null);
    if (newRefs.length) {
      await run('flushDropRefs', 'DELETE FROM record_refs WHERE school = $1 AND id = ANY($2::text[])', [
        school,
        newRefs.map((p) => p.row.record.id),
      ]);
      const flat = newRefs.flatMap((p) =>
        (p.refs ?? []).map((ref) => [ref, p.row.record.type, p.row.record.id] as const),
      );
      if (flat.length)
        await run(
          'flushAddRefs',
          `INSERT INTO record_refs (school, ref_id, type, id)
           SELECT $1, u.ref, u.type, u.id FROM unnest($2::text[], $3::text[], $4::text[]) AS u(ref, type, id)
           ON CONFLICT DO NOTHING`,
          [school, flat.map((f) => f[0]), flat.map((f) => f[1]), flat.map((f) => f[2])],
        );
    }
  }

  return {
    locked(school, rev) {
      revs.set(school, { rev, stored: rev });
    },
    isLocked: (school) => revs.has(school),
    latestRev: (school) => revs.get(school)?.rev,
    put(school, row, keys, refs) {
      const counter = revs.get(school);
      // A bug, not a client fault: a write that did not take the school's lock could commit out of order.
      if (!counter) throw new Error(`write to school ${school} without lockSchool()`);
      counter.rev += 1;
      const rev = counter.rev;
      const fieldRevs = { ...row.fieldRevs };
      for (const [name, r] of Object.entries(fieldRevs)) if (r === 0) fieldRevs[name] = rev;
      const key = keyOf(school, row.record.id);
      const before = pending.get(key);
      pending.set(key, {
        school,
        row: { ...row, fieldRevs, rev },
        // Written twice in one transaction: new keys or references of the first write still stand.
        keys: keys ?? before?.keys ?? null,
        refs: refs ?? before?.refs ?? null,
      });
      return rev;
    },
    get: (school, id) => pending.get(keyOf(school, id))?.row,
    async flush() {
      const bySchool = new Map<string, Pending[]>();
      for (const p of pending.values()) bySchool.set(p.school, [...(bySchool.get(p.school) ?? []), p]);
      pending.clear();
      for (const [school, items] of bySchool) await flushSchool(school, items);
      for (const [school, counter] of revs) {
        if (counter.rev === counter.stored) continue;
        await run('flushRev', 'UPDATE schools SET rev = $2 WHERE school = $1', [school, counter.rev]);
        counter.stored = counter.rev;
      }
    },
    mark() {
      const saved = new Map([...revs].map(([school, c]) => [school, { ...c }]));
      const held = new Map(pending);
      return () => {
        pending.clear();
        for (const [k, v] of held) pending.set(k, v);
        revs.clear();
        for (const [k, v] of saved) revs.set(k, v);
      };
    },
  };
}
