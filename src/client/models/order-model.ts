import { type OrderDocument, orderDocument } from '../../domain/order-document';
import type { SyncedRecord } from '../../domain/record';
import { PROGRAMME_ID } from '../../domain/record-type-names';
import { allOf } from '../db/live';
import type { Queries } from '../db/queries';

const name = (p: SyncedRecord | undefined) => String(p?.fields.fullName ?? '—');

export function loadOrder(
  queries: Queries,
  id: string,
): Promise<{ order: SyncedRecord; doc: OrderDocument } | null> {
  return allOf([queries.order(id), queries.pairs(), queries.people(), queries.programme(PROGRAMME_ID)]).then(
    ([order, pairs, people, programme]) => {
      if (!order || order.deleted) return null;
      const byPerson = new Map(people.map((p) => [p.id, p]));
      const byPair = new Map(pairs.map((p) => [p.id, p]));
      const rows = (order.fields.pairIds ?? [])
        .flatMap((id) => byPair.get(id) ?? [])
        .map((p, i) => ({
          n: i + 1,
          mentor: name(byPerson.get(String(p.fields.mentorId))),
          mentees: (p.fields.menteeIds ?? []).map((m) => name(byPerson.get(m))).join(', '),
          form: String(p.fields.form),
        }));
      return {
        order,
        doc: orderDocument({
          school: programme?.fields.schoolName ?? null,
          number: String(order.fields.number),
          date: String(order.fields.date),
          title: String(order.fields.title),
          signer: order.fields.signer ?? programme?.fields.directorName ?? null,
          rows,
        }),
      };
    },
  );
}
