// Approval orders: a new one approves the chosen pairs (proposed ones are ticked); each opens for print.

import { useState } from 'preact/hooks';
import { approvalNote, ORDER_TITLE } from '../../../domain/order-document';
import { PROGRAMME_ID } from '../../../domain/record-type-names';
import { maxTextLength } from '../../../domain/record-types';
import { useApp } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { allOf, useLiveQuery } from '../../db/live';
import { formatDay, todayIso } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import { membersWithoutConsent } from '../../models/pair-checks-model';
import { setPairStatus } from '../../models/pairs-model';
import { useNewRecordDraft } from '../../state/draft';
import { useNewRecordId } from '../../state/new-record-id';
import { TextField } from '../../ui/fields';
import { useNavigate } from '../../ui/navigate';
import { Notice, Page } from '../../ui/Page';
import { pairLabel } from '../../ui/pair-label';
import { Form } from '../../ui/pending';
import { fieldOfFailure, saveMessage } from '../../ui/save-message';

export function OrdersScreen() {
  const { repo, drafts } = useApp();
  const queries = useQueries();
  const route = useNavigate();
  const data = useLiveQuery(
    () => allOf([queries.orders(), queries.pairs(), queries.people(), queries.programme(PROGRAMME_ID)]),
    [],
  );
  // The order being made is a draft on the device until made: a reload or another screen keeps it.
  const draft = useNewRecordDraft<{ number: string; date: string; chosen: string[] | null }>(
    drafts,
    'order:new',
    () => ({ number: '', date: todayIso(), chosen: null }),
  );
  const { number, date, chosen } = draft.value ?? { number: '', date: todayIso(), chosen: null };
  const setNumber = (value: string) => draft.change((d) => ({ ...d, number: value }));
  const setDate = (value: string) => draft.change((d) => ({ ...d, date: value }));
  const setChosen = (value: string[]) => draft.change((d) => ({ ...d, chosen: value }));
  // Said under the field it is about (a refused save names its field), else under the form.
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const newId = useNewRecordId();
  if (!data || !draft.value) return <Page title={t('nav.orders')}>{null}</Page>;
  const [orders, pairs, people, programme] = data;
  const byPerson = new Map(people.map((p) => [p.id, p]));
  const proposed = pairs.filter((p) => p.fields.status === 'proposed');
  const orderable = pairs.filter(
    (p) => p.fields.status === 'proposed' || p.fields.status === 'approved' || p.fields.status === 'active',
  );
  const selected = chosen ?? proposed.map((p) => p.id);
  const toggle = (id: string, isOn: boolean) =>
    setChosen(isOn ? [...selected, id] : selected.filter((x) => x !== id));

  const create = async () => {
    if (!number.trim()) return setError({ field: 'number', text: t('order.needNumber') });
    // An order approves pairs when it is signed: one dated on a day still to come marked them approved
    // from that day on at once.
    if (date > todayIso()) return setError({ field: 'date', text: t('order.futureDate') });
    if (selected.length === 0) return setError({ field: null, text: t('order.needPairs') });
    // The server sends a minor without consent to no one: an order does not approve a pair with them.
    const lacking = await membersWithoutConsent(
      queries,
      pairs.filter((p) => selected.includes(p.id)),
    );
    if (lacking.length > 0) {
      const names = lacking.map((p) => p.fields.fullName ?? '').join(', ');
      return setError({ field: null, text: t('order.minorNoConsent', { names }) });
    }
    const result = await repo.create(
      'order',
      {
        number: number.trim(),
        date,
        title: ORDER_TITLE,
        pairIds: selected,
        signer: programme?.fields.directorName ?? null,
      },
      newId,
      { endsDraft: draft.ending() },
    );
    if (!result.ok) return setError({ field: fieldOfFailure(result), text: saveMessage(result).text });
    for (const pair of pairs.filter((p) => selected.includes(p.id) && p.fields.status === 'proposed')) {
      await setPairStatus(repo, pair, 'approved', date, approvalNote(number.trim()), {
        orderId: result.id,
      });
    }
    await draft.finish();
    route(`/orders/${result.id}`);
  };

  return (
    <Page title={t('nav.orders')} back="/pairs">
      {/* With no pair to approve the form was an empty box and «Издать приказ (0 пар)»: it says what comes first. */}
      {orderable.length === 0 ? (
        <Notice>
          {t('order.noPairs')} <a href="/pairs">{t('order.toPairs')}</a>
        </Notice>
      ) : (
        <Form class="panel form" onSubmit={create}>
          <h2>{t('order.new')}</h2>
          <TextField
            label={t('order.number')}
            value={number}
            maxLength={maxTextLength('order', 'number')}
            error={error?.field === 'number' ? error.text : null}
            onValue={setNumber}
          />
          <TextField
            label={t('order.date')}
            type="date"
            value={date}
            error={error?.field === 'date' ? error.text : null}
            onValue={setDate}
          />
          <fieldset class="field">
            <legend>{t('order.pairs')}</legend>
            <div class="checklist" data-testid="order-pairs">
              {orderable.map((p) => (
                <label key={p.id} class="checklist__item">
                  <input
                    type="checkbox"
                    checked={selected.includes(p.id)}
                    onChange={(e) => toggle(p.id, e.currentTarget.checked)}
                  />
                  <span>{pairLabel(p, byPerson)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <button type="submit" class="button--primary">
            {t('order.create', { n: selected.length })}
          </button>
          {error && error.field !== 'number' && error.field !== 'date' && (
            <Notice kind="error">{error.text}</Notice>
          )}
        </Form>
      )}
      <ul class="cards">
        {orders.map((o) => (
          <li key={o.id} class="card">
            <a class="card__link" href={`/orders/${o.id}`}>
              <span class="card__title">{t('order.heading', { number: o.fields.number ?? '' })}</span>
              <span class="card__meta">
                {formatDay(o.fields.date ?? '')} ·{' '}
                {t('order.pairsCount', { n: (o.fields.pairIds ?? []).length })}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </Page>
  );
}
