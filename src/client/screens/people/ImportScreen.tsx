// Import a class list from CSV or XLSX: a preview with a report of every row that cannot be imported;
// the good rows arrive together, in one transaction, or none do.
import { useState } from 'preact/hooks';
import { type ImportPlan, personKey, planImport } from '../../../domain/import-people';
import { useApp } from '../../app/context';
import { readTable } from '../../files/read-table';
import { type MessageKey, t } from '../../i18n/i18n';
import { Notice, Page } from '../../ui/Page';
import { saveMessage } from '../../ui/save-message';

export function ImportScreen() {
  const { queries, repo } = useApp();
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [fileName, setFileName] = useState('');
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  const choose = async (file: File | undefined) => {
    setMessage(null);
    setPlan(null);
    if (!file) return;
    setFileName(file.name);
    try {
      const table = await readTable(file);
      const existing = new Set(
        (await queries.people()).map((p) =>
          personKey(String(p.fields.fullName), (p.fields.classOrSubject as string | null) ?? null),
        ),
      );
      setPlan(planImport(table, existing));
    } catch (e) {
      setMessage({
        kind: 'error',
        text: t('import.unreadable', { reason: e instanceof Error ? e.message : String(e) }),
      });
    }
  };

  const run = async () => {
    if (!plan) return;
    const result = await repo.createMany(
      'person',
      plan.people.map((p) => ({
        fullName: p.fullName,
        kind: p.kind,
        classOrSubject: p.classOrSubject,
        minor: p.minor,
      })),
    );
    if (!result.ok) return setMessage(saveMessage(result));
    setMessage({ kind: 'success', text: t('import.done', { n: result.ids.length }) });
    setPlan(null);
  };

  return (
    <Page title={t('import.title')} back="/people">
      <p>{t('import.intro')}</p>
      <div class="field">
        <label for="import-file">{t('import.file')}</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.xlsx,text/csv"
          onChange={(e) => void choose(e.currentTarget.files?.[0])}
        />
      </div>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {plan && (
        <section aria-labelledby="preview">
          <h2 id="preview">{t('import.preview', { file: fileName })}</h2>
          <p data-testid="import-summary">
            {t('import.summary', { ok: plan.people.length, bad: plan.errors.length, dup: plan.duplicates })}
          </p>
          {plan.errors.length > 0 && (
            <Notice kind="error">
              <p>{t('import.errors')}</p>
              <ul data-testid="import-errors">
                {plan.errors.map((e) => (
                  <li key={e.row}>{t('import.rowError', { row: e.row, reason: e.reason })}</li>
                ))}
              </ul>
            </Notice>
          )}
          <div class="table-wrap">
            <table class="data data--stack">
              <thead>
                <tr>
                  <th scope="col">{t('people.fullName')}</th>
                  <th scope="col">{t('people.kind')}</th>
                  <th scope="col">{t('people.classOrSubject')}</th>
                  <th scope="col">{t('people.minor')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.people.map((p) => (
                  <tr key={`${p.fullName}|${p.classOrSubject}`}>
                    <td>{p.fullName}</td>
                    <td data-label={t('people.kind')}>{t(`people.kind.${p.kind}` as MessageKey)}</td>
                    <td data-label={t('people.classOrSubject')}>{p.classOrSubject ?? ''}</td>
                    <td data-label={t('people.minor')}>{p.minor ? t('fill.yes') : t('fill.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button
            type="button"
            class="button--primary button--big"
            disabled={plan.people.length === 0}
            onClick={() => void run()}
          >
            {t('import.run', { n: plan.people.length })}
          </button>
        </section>
      )}
    </Page>
  );
}
