// Results of a form: response rate, each question's distribution and average, the texts, exports.

import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { responseTable } from '../../../domain/questionnaires/export-rows';
import type { QuestionResult } from '../../../domain/questionnaires/results';
import { useApp } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { downloadCsv, downloadXlsx, fileSafe } from '../../files/download';
import { formatDateTime, formatDay } from '../../i18n/format';
import { builtinText, t } from '../../i18n/i18n';
import {
  filterChoices,
  filterResults,
  loadResults,
  type Results,
} from '../../models/questionnaire-admin-model';
import { BarChart } from '../../ui/BarChart';
import { MentoringFormAndClassFilters } from '../../ui/MentoringFormAndClassFilters';
import { Notice, Page } from '../../ui/Page';
import { reportFailure } from '../../ui/save-message';

function ResultView(props: { result: QuestionResult }) {
  const { result } = props;
  return (
    <section class="panel" aria-labelledby={`r-${result.question.id}`}>
      <h3 id={`r-${result.question.id}`}>{builtinText(result.question.text)}</h3>
      <p class="muted">
        {t('questionnaires.answeredCount', { n: result.answered })}
        {result.kind === 'numeric' && result.average !== null
          ? ` · ${t('questionnaires.average', { value: result.average })}`
          : ''}
      </p>
      {result.kind === 'numeric' && (
        <BarChart
          label={builtinText(result.question.text)}
          empty={t('questionnaires.noAnswers')}
          bars={result.counts.map((c) => ({ label: String(c.value), value: c.count }))}
        />
      )}
      {result.kind === 'choice' && (
        <BarChart
          label={builtinText(result.question.text)}
          empty={t('questionnaires.noAnswers')}
          bars={result.counts.map((c) => ({ label: builtinText(c.value), value: c.count }))}
        />
      )}
      {result.kind === 'text' && result.texts.length === 0 && (
        <p class="muted">{t('questionnaires.noAnswers')}</p>
      )}
      {result.kind === 'text' && result.texts.length > 0 && (
        <ul class="texts">
          {result.texts.map((text, i) => (
            <li key={`${i}-${text.slice(0, 20)}`}>{text}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function table(results: Results) {
  return responseTable(
    results.questions,
    results.rows.flatMap(({ person, pair, assignment, response }) => {
      if (!response?.fields.submittedAt) return [];
      return [
        {
          respondent: person,
          pair,
          due: assignment.fields.due ?? null,
          submittedAt: response.fields.submittedAt,
          answers: response.fields.answers ?? {},
        },
      ];
    }),
    [
      t('export.col.respondent'),
      t('questionnaires.pair'),
      t('questionnaires.dueCol'),
      t('export.col.sentAt'),
    ],
  );
}

export function QuestionnaireResultsScreen() {
  const { params } = useRoute();
  const id = params.id as string;
  const { repo } = useApp();
  const queries = useQueries();
  const all = useLiveQuery(() => loadResults(queries, id), [id]);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState('');
  const [className, setClassName] = useState('');
  if (all === undefined) return <Page title={t('questionnaires.title')}>{null}</Page>;
  if (all === null) {
    return (
      <Page title={t('questionnaires.title')} back="/forms">
        <p>{t('fill.notFound')}</p>
      </Page>
    );
  }
  const choices = filterChoices(all);
  // Exports follow the filters: what the curator sees is what they download.
  const results = filterResults(all, { form: form || null, className: className || null });
  const title = results.template.fields.title ?? '';
  const exportAs = async (kind: 'csv' | 'xlsx') => {
    setError(null);
    try {
      const rows = table(results);
      if (kind === 'csv') await downloadCsv(`${fileSafe(title)}.csv`, rows);
      else await downloadXlsx(`${fileSafe(title)}.xlsx`, [{ name: t('questionnaires.sheet'), rows }]);
    } catch (e) {
      setError(t('questionnaires.exportFailed', { reason: e instanceof Error ? e.message : String(e) }));
    }
  };
  return (
    <Page title={builtinText(title)} back="/forms">
      {(choices.forms.length > 1 || choices.classes.length > 1) && (
        <MentoringFormAndClassFilters
          forms={choices.forms}
          classes={choices.classes}
          form={form}
          className={className}
          onMentoringForm={setForm}
          onClassName={setClassName}
        />
      )}
      <p data-testid="response-rate">
        {t('questionnaires.rate', { sent: results.sent, assigned: results.expected, rate: results.rate })}
      </p>
      <div class="actions">
        <a class="button" href={`/forms/${id}/assign`}>
          {t('questionnaires.assign')}
        </a>
        <button type="button" onClick={() => void exportAs('csv')} disabled={results.sent === 0}>
          {t('questionnaires.exportCsv')}
        </button>
        <button type="button" onClick={() => void exportAs('xlsx')} disabled={results.sent === 0}>
          {t('questionnaires.exportXlsx')}
        </button>
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      <h2>{t('questionnaires.byQuestion')}</h2>
      <div data-testid="results">
        {results.results.map((r) => (
          <ResultView key={r.question.id} result={r} />
        ))}
      </div>
      <h2>{t('questionnaires.assignments')}</h2>
      {/* Headings over nothing said nothing: a form no one has been given says so. */}
      {results.rows.length === 0 ? (
        <p data-testid="assignments-empty">{t('questionnaires.noAssignments')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data data--stack">
            <thead>
              <tr>
                <th scope="col">{t('questionnaires.respondent')}</th>
                <th scope="col">{t('questionnaires.pair')}</th>
                <th scope="col">{t('questionnaires.dueCol')}</th>
                <th scope="col">{t('questionnaires.status')}</th>
              </tr>
            </thead>
            <tbody>
              {results.rows.map((row) => {
                const sentAt = row.response?.fields.submittedAt;
                return (
                  <tr key={row.assignment.id}>
                    <td>{row.person}</td>
                    <td data-label={t('questionnaires.pair')}>{row.pair}</td>
                    <td data-label={t('questionnaires.dueCol')}>
                      {row.assignment.fields.due ? formatDay(row.assignment.fields.due) : '—'}
                    </td>
                    <td data-label={t('questionnaires.status')}>
                      {sentAt ? (
                        <>
                          {t('questionnaires.sentAt', { when: formatDateTime(sentAt) })}{' '}
                          <button
                            type="button"
                            class="button--quiet"
                            onClick={() =>
                              row.response &&
                              void repo
                                .update('formResponse', row.response.id, { submittedAt: null })
                                .then(reportFailure)
                            }
                          >
                            {t('questionnaires.reopen')}
                          </button>
                        </>
                      ) : row.isWithheld ? (
                        t('questionnaires.withheld')
                      ) : (
                        t('questionnaires.waiting')
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
