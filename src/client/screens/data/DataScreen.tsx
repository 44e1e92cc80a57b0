// Exports of every table, the full backup, and restoring a backup into an empty server.
import { useState } from 'preact/hooks';
import { CONTRACT_HEADER, CONTRACT_VERSION } from '../../../domain/contract-header';
import { PROGRAMME_ID } from '../../../domain/record-type-names';
import { useApp, useSession } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { downloadCsv, downloadXlsx } from '../../files/download';
import { todayIso } from '../../i18n/format';
import { formatAgo } from '../../i18n/format-ago';
import { type MessageKey, t } from '../../i18n/i18n';
import { BASES, type BaseName, baseRows, TABLES, type TableName, tableRows } from '../../models/data-model';
import { Notice, Page } from '../../ui/Page';
import { serverErrorText } from '../../ui/server-error';

export function DataScreen() {
  const { device, scheduler } = useApp();
  const queries = useQueries();
  const session = useSession();
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // Exports are of what this device holds: say how fresh that is, and that it is incomplete before the
  // first sync has brought the school's records (an export taken then would silently miss them).
  const status = useLiveQuery(queries.syncStatus, []);
  const headers = { authorization: `Bearer ${session.token}`, [CONTRACT_HEADER]: String(CONTRACT_VERSION) };

  const exportTable = async (table: TableName, kind: 'csv' | 'xlsx') => {
    setBusy(`${table}-${kind}`);
    try {
      const rows = await tableRows(queries, table);
      const name = t(`data.table.${table}` as MessageKey);
      if (kind === 'csv') await downloadCsv(`${name} ${todayIso()}.csv`, rows);
      else await downloadXlsx(`${name} ${todayIso()}.xlsx`, [{ name, rows }]);
    } catch (e) {
      setMessage({
        kind: 'error',
        text: t('questionnaires.exportFailed', { reason: e instanceof Error ? e.message : String(e) }),
      });
    } finally {
      setBusy(null);
    }
  };

  const exportBase = async (base: BaseName) => {
    setBusy(`base-${base}`);
    try {
      const [rows, programme] = await Promise.all([baseRows(queries, base), queries.programme(PROGRAMME_ID)]);
      const name = t(`data.base.${base}`);
      const school = programme?.fields.schoolName ?? '';
      const year = programme?.fields.schoolYear ?? '';
      const title = school && year ? t('data.baseTitle', { base: name, school, year }) : name;
      await downloadXlsx(`${name} ${todayIso()}.xlsx`, [{ name, title, rows }]);
    } catch (e) {
      setMessage({
        kind: 'error',
        text: t('questionnaires.exportFailed', { reason: e instanceof Error ? e.message : String(e) }),
      });
    } finally {
      setBusy(null);
    }
  };

  const backup = async () => {
    try {
      const response = await fetch('/api/v1/export', { headers });
      if (!response.ok) throw new Error(response.statusText);
      const blob = new Blob([await response.text()], { type: 'application/json' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `nastavnik-backup-${todayIso()}.json`;
      link.click();
    } catch {
      setMessage({ kind: 'error', text: t('data.backupOffline') });
    }
  };

  const restore = async (file: File | undefined) => {
    if (!file) return;
    setMessage(null);
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch {
      return setMessage({ kind: 'error', text: t('data.notJson') });
    }
    try {
      const response = await fetch('/api/v1/restore', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = (await response.json().catch(() => ({}))) as { restored?: number; error?: string };
      if (!response.ok)
        return setMessage({
          kind: 'error',
          text: t('data.restoreRefused', { reason: serverErrorText(answer.error, response.status) }),
        });
      await device.startPullOver();
      void scheduler.syncNow();
      setMessage({ kind: 'success', text: t('data.restored', { n: answer.restored ?? 0 }) });
    } catch {
      setMessage({ kind: 'error', text: t('data.backupOffline') });
    }
  };

  return (
    <Page title={t('data.title')}>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <h2>{t('data.exports')}</h2>
      {status &&
        (status.lastSuccessAt ? (
          <p class="muted" data-testid="data-as-of">
            {t('data.asOf', { when: formatAgo(status.lastSuccessAt) })}
          </p>
        ) : (
          <Notice>{t('data.notSynced')}</Notice>
        ))}
      <ul class="cards">
        {TABLES.map((table) => (
          <li key={table} class="card">
            <p class="card__title">{t(`data.table.${table}` as MessageKey)}</p>
            <div class="actions">
              <button type="button" disabled={busy !== null} onClick={() => void exportTable(table, 'csv')}>
                CSV
              </button>
              <button type="button" disabled={busy !== null} onClick={() => void exportTable(table, 'xlsx')}>
                XLSX
              </button>
            </div>
          </li>
        ))}
      </ul>
      <h2>{t('data.bases')}</h2>
      <p class="muted">{t('data.basesHint')}</p>
      <ul class="cards">
        {BASES.map((base) => (
          <li key={base} class="card">
            <p class="card__title">{t(`data.base.${base}`)}</p>
            <div class="actions">
              <button type="button" disabled={busy !== null} onClick={() => void exportBase(base)}>
                XLSX
              </button>
            </div>
          </li>
        ))}
      </ul>
      <h2>{t('data.backup')}</h2>
      <p class="muted">{t('data.backupHint')}</p>
      <button type="button" class="button--primary" onClick={() => void backup()}>
        {t('data.download')}
      </button>
      <h2>{t('data.restore')}</h2>
      <p class="muted">{t('data.restoreHint')}</p>
      <div class="field">
        <label for="restore-file">{t('data.restoreFile')}</label>
        <input
          id="restore-file"
          type="file"
          accept=".json,application/json"
          onChange={(e) => void restore(e.currentTarget.files?.[0])}
        />
      </div>
    </Page>
  );
}
