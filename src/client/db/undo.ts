// Destructive writes that can be taken back. A delete is final once synced (a deleted record keeps no
// content anywhere), so undo writes the deleted records back as new records with the same content and
// points every reference between them at the new ids; changed records get their earlier values back.
// When two devices act at once, the restored records are ordinary new writes and merge as any other.
import type { Fields, SyncedRecord } from '../../domain/record';
import type { RecordType } from '../../domain/record-types';
import type { DraftEnd } from './drafts';
import type { Repository, WriteResult } from './repository';

export type Step =
  /** Delete a record (its content is kept here, in memory, for undo). */
  | { op: 'delete'; record: SyncedRecord }
  /** Change some fields of a record; `before` holds their values before the change. */
  | { op: 'update'; type: RecordType; id: string; before: Fields; after: Fields };

export type Undo = () => Promise<WriteResult>;

/** Replaces ids found in a field's value (a string or a list of strings) by their new ones. */
function remap(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return ids.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => remap(v, ids));
  return value;
}

const remapFields = (fields: Fields, ids: ReadonlyMap<string, string>): Fields =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, remap(v, ids)]));

/**
 * Applies the steps (deletes in reverse order, so children go before their parents; list parents first)
 * and answers how to undo them all. All or none: at the first failed write, what was done is undone before
 * answering (a goal's tasks deleted and then the goal refused were gone with no «Отменить» offered, and a
 * deleted record keeps no content anywhere once synced). Answers that failure, with an undo that does
 * nothing more. `endsDraft`: the form's draft the steps store (a pair's reason for ending), ended in the
 * last step's write — a reload after it finds no draft of what is stored.
 */
export async function applyUndoable(
  repo: Repository,
  steps: readonly Step[],
  options: { endsDraft?: DraftEnd } = {},
): Promise<{ result: WriteResult; undo: Undo }> {
  const done: Step[] = [];
  let result: WriteResult = { ok: true, id: '' };
  const ordered = [
    ...steps.filter((s) => s.op === 'update'),
    ...steps.filter((s) => s.op === 'delete').reverse(),
  ];
  for (const step of ordered) {
    const last = step === ordered.at(-1) ? options : {};
    result =
      step.op === 'delete'
        ? await repo.remove(step.record.type as RecordType, step.record.id, last)
        : await repo.update(step.type, step.id, step.after, last);
    if (!result.ok) break;
    done.push(step);
  }
  const undo: Undo = async () => {
    const ids = new Map<string, string>();
    // Parents first, in the order the caller listed them, so that children point at restored parents.
    for (const step of steps) {
      if (step.op !== 'delete' || !done.includes(step)) continue;
      const restored = await repo.create(
        step.record.type as RecordType,
        remapFields(step.record.fields, ids),
      );
      if (!restored.ok) return restored;
      ids.set(step.record.id, restored.id);
    }
    for (const step of done) {
      if (step.op !== 'update') continue;
      const id = ids.get(step.id) ?? step.id;
      const back = await repo.update(step.type, id, remapFields(step.before, ids));
      if (!back.ok) return back;
    }
    return { ok: true, id: '' };
  };
  if (result.ok || done.length === 0) return { result, undo };
  await undo();
  return { result, undo: async () => ({ ok: true, id: '' }) };
}
