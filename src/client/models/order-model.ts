import { type OrderDocument, orderDocument, removedPairRow } from '../../domain/order-document';
import type { SyncedRecord } from '../../domain/record';
import { PROGRAMME_ID } from '../../domain/record-type-names';
import { allOf } from '../db/live';
import type { Queries } from '../db/queries';
import { personName, readableNames } from '../ui/person-name';

export function loadOrder(
  queries: Queries,
  id: string,
): Promise<{ order: SyncedRecord<'order'>; doc: OrderDocument } | null> {
  return allOf([queries.order(id), queries.pairs(), queries.people(), queries.programme(PROGRAMME_ID)]).then(
    ([order, pairs, people, programme]) => {
      if (!order || order.deleted) return null;
      const byPerson = new Map(people.map((p) => [p.id, p]));
      const byPair = new Map(pairs.map((p) => [p.id, p]));
      // As signed: a pair deleted since keeps its row and number, without its people.
      const rows = (order.fields.pairIds ?? []).map((id, i) => {
        const p = byPair.get(id);
        if (!p) return removedPairRow(i + 1);
        return {
          n: i + 1,
          mentor: personName(byPerson.get(p.fields.mentorId ?? '')),
          mentees: readableNames((p.fields.menteeIds ?? []).map((m) => byPerson.get(m))),
          form: p.fields.form ?? '',
        };
      });
      return {
        order,
        doc: orderDocument({
          school: programme?.fields.schoolName ?? null,
          number: order.fields.number ?? '',
          date: order.fields.date ?? '',
          title: order.fields.title ?? '',
          signer: order.fields.signer ?? programme?.fields.directorName ?? null,
          rows,
        }),
      };
    },
  );
}
