// The municipality's view: every school's monitoring figures side by side, from the summaries the
// device pulled (so it opens offline), with a spreadsheet of them. Numbers only, never a person.
import { useState } from 'preact/hooks';
import type { ExportCell } from '../../../domain/export-cell';
import type { SyncedRecord } from '../../../domain/record';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { downloadXlsx } from '../../files/download';
import { formatDateTime, formatMaybe } from '../../i18n/format';
import { type MessageKey, t } from '../../i18n/i18n';
import { SUMMARY_COLUMNS, type SummaryColumn } from '../../models/district-model';
import { useReadyMark } from '../../state/ready-mark';
import { Notice, Page } from '../../ui/Page';

/** A figure as the screen shows it; the spreadsheet gets the number itself. */
function shown(summary: SyncedRecord<'schoolSummary'>, column: SummaryColumn): string {
  const f = summary.fields;
  switch (column) {
    case 'schoolName':
      return f.schoolName ?? '—';
    case 'computedAt':
      return f.computedAt ? formatDateTime(f.computedAt) : '—';
    case 'stagesDone':
      return t('district.stages', { done: f.stagesDone ?? 0, total: f.stagesTotal ?? 0 });
    case 'coverageAll':
    case 'coverageStudents':
    case 'coverageTeachers':
    case 'targetShare':
      return formatMaybe(f[column] ?? null, '%');
    default:
      return formatMaybe(f[column] ?? null);
  }
}

/** A figure as the spreadsheet stores it: numbers as numbers, the time of the figures as a date-time. */
function cell(summary: SyncedRecord<'schoolSummary'>, column: SummaryColumn): ExportCell {
  const value = summary.fields[column];
  if (column === 'computedAt') return typeof value === 'string' ? { moment: value } : null;
  return typeof value === 'number' || typeof value === 'string' ? value : null;
}

export function DistrictScreen() {
  const queries = useQueries();
  const summaries = useLiveQuery(() => queries.schoolSummaries(), []);
  useReadyMark('district', summaries !== undefined);
  const label = (c: SummaryColumn) => t(`district.col.${c}` as MessageKey);
  const [failed, setFailed] = useState(false);
  const exportXlsx = () => {
    setFailed(false);
    // The spreadsheet library loads on first use: offline before that, it cannot.
    downloadXlsx(`${t('district.file')}.xlsx`, [
      {
        name: t('district.sheet'),
        rows: [
          SUMMARY_COLUMNS.map(label),
          ...(summaries ?? []).map((s) => SUMMARY_COLUMNS.map((c) => cell(s, c))),
        ],
      },
    ]).catch(() => setFailed(true));
  };
  return (
    <Page title={t('district.title')}>
      <p class="muted">{t('district.intro')}</p>
      {summaries?.length === 0 && <p>{t('district.empty')}</p>}
      <ul class="district" data-testid="district-schools">
        {(summaries ?? []).map((s) => {
          const coverage = s.fields.coverageAll ?? null;
          const target = s.fields.targetShare ?? 0;
          return (
            <li key={s.id} class="card district__school">
              <h2>{s.fields.schoolName ?? ''}</h2>
              <p
                class={coverage === null ? 'muted' : coverage >= target ? 'district__ok' : 'district__short'}
              >
                {t('district.coverage', { value: formatMaybe(coverage, '%'), target })}
              </p>
              <dl class="district__figures">
                {SUMMARY_COLUMNS.filter(
                  (c) => c !== 'schoolName' && c !== 'coverageAll' && c !== 'targetShare',
                ).map((c) => (
                  <div key={c}>
                    <dt>{label(c)}</dt>
                    <dd data-figure={c}>{shown(s, c)}</dd>
                  </div>
                ))}
              </dl>
            </li>
          );
        })}
      </ul>
      <p class="muted">{t('district.howSatisfaction')}</p>
      {summaries && summaries.length > 0 && (
        <div class="actions">
          <button type="button" onClick={exportXlsx}>
            {t('district.export')}
          </button>
        </div>
      )}
      {failed && <Notice kind="error">{t('district.exportFailed')}</Notice>}
    </Page>
  );
}
