// The approval order in the usual layout of a school order: printed from the browser, or downloaded as
// a Word document.

import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { orderDate } from '../../../domain/order-document';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { fileSafe } from '../../files/download';
import { orderDocx } from '../../files/order-docx';
import { t } from '../../i18n/i18n';
import { loadOrder } from '../../models/order-model';
import { Notice, Page } from '../../ui/Page';

export function OrderScreen() {
  const { params } = useRoute();
  const id = params.id as string;
  const queries = useQueries();
  const data = useLiveQuery(() => loadOrder(queries, id), [id]);
  const [error, setError] = useState<string | null>(null);
  if (data === undefined) return <Page title={t('order.title')}>{null}</Page>;
  if (data === null) {
    return (
      <Page title={t('order.title')} back="/orders">
        <p>{t('order.notFound')}</p>
      </Page>
    );
  }
  const { doc } = data;
  const download = async () => {
    try {
      const blob = await orderDocx(doc);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${fileSafe(`Приказ ${doc.number} от ${orderDate(doc.date)}`)}.docx`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(t('questionnaires.exportFailed', { reason: e instanceof Error ? e.message : String(e) }));
    }
  };
  return (
    <Page title={t('order.heading', { number: doc.number })} back="/orders">
      <div class="actions no-print">
        <button type="button" onClick={() => print()}>
          {t('order.print')}
        </button>
        <button type="button" onClick={() => void download()}>
          {t('order.docx')}
        </button>
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      <article class="document" data-testid="order-document">
        <p class="document__center">
          <strong>{doc.school}</strong>
        </p>
        <p class="document__center">
          <strong>ПРИКАЗ</strong>
        </p>
        <p class="document__line">
          <span>от {orderDate(doc.date)}</span>
          <span>№ {doc.number}</span>
        </p>
        <p class="document__center">
          <strong>{doc.title}</strong>
        </p>
        <p>{doc.preamble},</p>
        <p>
          <strong>ПРИКАЗЫВАЮ:</strong>
        </p>
        <ol>
          {doc.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ol>
        <p class="document__signature">Директор ____________________ {doc.signer}</p>
        <p class="document__break">
          <strong>
            Приложение к приказу от {orderDate(doc.date)} № {doc.number}
          </strong>
        </p>
        <p class="document__center">
          <strong>Наставнические пары (группы)</strong>
        </p>
        <table class="data data--stack document__table">
          <thead>
            <tr>
              <th scope="col">№</th>
              <th scope="col">Наставник</th>
              <th scope="col">Наставляемый (наставляемые)</th>
              <th scope="col">Форма наставничества</th>
            </tr>
          </thead>
          <tbody>
            {doc.rows.map((r) => (
              <tr key={r.n}>
                <td>{r.n}</td>
                <td data-label="Наставник">{r.mentor}</td>
                <td data-label="Наставляемый (наставляемые)">{r.mentees}</td>
                <td data-label="Форма наставничества">{r.form}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </article>
    </Page>
  );
}
