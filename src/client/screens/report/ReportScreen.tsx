// The end-of-year report for the final event: figures, charts, the roadmap and the best mentors,
// printable to PDF from the browser.
import { bestMentors } from '../../../domain/best-mentors';
import { ROADMAP_STAGES, stageProgress } from '../../../domain/roadmap';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { formatDay, formatMaybe as show, todayIso } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import { dashboardOf, loadMonitoring, rosterOf } from '../../models/monitoring-model';
import { GoalsChart, Kpi, SeriesChart } from '../../ui/charts';
import { Page } from '../../ui/Page';
import { personName } from '../../ui/person-name';

export function ReportScreen() {
  const queries = useQueries();
  const today = todayIso();
  const data = useLiveQuery(() => loadMonitoring(queries, today), [today]);
  if (!data) return <Page title={t('report.title')}>{null}</Page>;
  const p = data.programme?.fields;
  const roster = rosterOf(data.programme);
  const d = dashboardOf(data, today, { form: null, className: null });
  const best = bestMentors([...data.mentorStats.entries()].map(([mentorId, s]) => ({ mentorId, ...s })));
  const s = data.satisfaction;
  return (
    <Page title={t('report.title')}>
      <button type="button" class="no-print" onClick={() => print()}>
        {t('report.print')}
      </button>
      <article class="report" data-testid="report">
        {/* What is not set up yet is left out of the heading, and the curator is told where to give it. */}
        <p data-testid="report-heading">
          {[
            p?.schoolName?.trim() || null,
            p?.schoolYear ? t('report.year', { year: p.schoolYear }) : null,
            t('report.date', { date: formatDay(today) }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
        {!p?.schoolName?.trim() && (
          <p class="muted no-print">
            {t('report.noSchool')} <a href="/programme">{t('programme.title')}</a>
          </p>
        )}
        <h2>{t('report.figures')}</h2>
        <div class="kpis" data-testid="report-figures">
          <Kpi
            label={t('monitoring.pairs')}
            value={`${d.workingPairs} / ${d.pairs}`}
            how={t('monitoring.how.pairs')}
          />
          <Kpi
            label={t('monitoring.meetings')}
            value={String(d.meetings)}
            how={t('monitoring.how.meetings')}
          />
          <Kpi label={t('monitoring.idp')} value={show(d.idpCompletion, '%')} how={t('monitoring.how.idp')} />
          <Kpi
            label={`${t('monitoring.all')} (${t('report.target', { n: roster.targetShare })})`}
            value={show(d.coverage.all, '%')}
            how={t('monitoring.how.coverage')}
          />
          <Kpi
            label={`${t('monitoring.satisfaction')}: ${t('monitoring.finalMentee', { n: s.finalMentee.responses })}`}
            value={show(s.finalMentee.average)}
            how={t('monitoring.how.satisfaction')}
          />
          <Kpi
            label={`${t('monitoring.satisfaction')}: ${t('monitoring.finalMentor', { n: s.finalMentor.responses })}`}
            value={show(s.finalMentor.average)}
            how={t('monitoring.how.satisfaction')}
          />
        </div>
        <h2>{t('monitoring.series')}</h2>
        <SeriesChart series={d.series} />
        <h2>{t('monitoring.impact')}</h2>
        <GoalsChart goals={data.impact.goals} />
        <h2>{t('roadmap.title')}</h2>
        <ol>
          {ROADMAP_STAGES.map((stage) => (
            <li key={stage.key}>
              {t(`roadmap.stage.${stage.key}`)}: {show(stageProgress(stage.key, data.roadmap).percent, '%')}
            </li>
          ))}
        </ol>
        <h2>{t('report.best')}</h2>
        <p class="muted">{t('report.criteria')}</p>
        {/* A table of headings over nothing said nothing (and printed so): who will be listed, and when. */}
        {best.length === 0 ? (
          <p data-testid="best-mentors-empty">{t('report.bestNone')}</p>
        ) : (
          <table class="data data--stack" data-testid="best-mentors">
            <thead>
              <tr>
                <th scope="col">{t('pairs.mentor')}</th>
                <th scope="col">{t('monitoring.meetings')}</th>
                <th scope="col">{t('monitoring.idp')}</th>
                <th scope="col">{t('monitoring.satisfaction')}</th>
                <th scope="col">{t('report.score')}</th>
              </tr>
            </thead>
            <tbody>
              {best.map((b) => (
                <tr key={b.mentorId}>
                  <td>{personName(data.peopleById.get(b.mentorId))}</td>
                  <td data-label={t('monitoring.meetings')}>{b.meetings}</td>
                  <td data-label={t('monitoring.idp')}>{show(b.idp, '%')}</td>
                  <td data-label={t('monitoring.satisfaction')}>{show(b.satisfaction)}</td>
                  <td data-label={t('report.score')}>{b.score}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </article>
    </Page>
  );
}
