// The end-of-year report for the final event: figures, charts, the roadmap and the best mentors,
// printable to PDF from the browser.
import { bestMentors, CRITERIA } from '../../../domain/best-mentors';
import { ROADMAP_STAGES, stageProgress } from '../../../domain/roadmap';
import { useApp } from '../../app/context';
import { useLiveQuery } from '../../db/live';
import { formatDay, formatMaybe as show, todayIso } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import { Page } from '../../ui/Page';
import { personName } from '../../ui/PairCard';
import { GoalsChart, SeriesChart } from '../monitoring/charts';
import { dashboardOf, loadMonitoring, rosterOf } from '../monitoring/monitoring-model';

export function ReportScreen() {
  const { queries } = useApp();
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
        <p>
          {String(p?.schoolName ?? '')} · {t('report.year', { year: String(p?.schoolYear ?? '') })} ·{' '}
          {t('report.date', { date: formatDay(today) })}
        </p>
        <h2>{t('report.figures')}</h2>
        <table class="data">
          <tbody>
            <tr>
              <th scope="row">{t('monitoring.pairs')}</th>
              <td>
                {d.workingPairs} / {d.pairs}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('monitoring.meetings')}</th>
              <td>{d.meetings}</td>
            </tr>
            <tr>
              <th scope="row">{t('monitoring.idp')}</th>
              <td>{show(d.idpCompletion, '%')}</td>
            </tr>
            <tr>
              <th scope="row">{t('monitoring.all')}</th>
              <td>
                {show(d.coverage.all, '%')} ({t('report.target', { n: roster.targetShare })})
              </td>
            </tr>
            <tr>
              <th scope="row">{t('monitoring.finalMentee', { n: s.finalMentee.responses })}</th>
              <td>{show(s.finalMentee.average)}</td>
            </tr>
            <tr>
              <th scope="row">{t('monitoring.finalMentor', { n: s.finalMentor.responses })}</th>
              <td>{show(s.finalMentor.average)}</td>
            </tr>
          </tbody>
        </table>
        <h2>{t('monitoring.series')}</h2>
        <SeriesChart series={d.series} />
        <h2>{t('monitoring.impact')}</h2>
        <GoalsChart goals={data.impact.goals} />
        <h2>{t('roadmap.title')}</h2>
        <ul>
          {ROADMAP_STAGES.map((stage) => (
            <li key={stage.key}>
              {stage.key}. {t(`roadmap.stage.${stage.key}`)}:{' '}
              {show(stageProgress(stage.key, data.roadmap).percent, '%')}
            </li>
          ))}
        </ul>
        <h2>{t('report.best')}</h2>
        <p class="muted">{t('report.criteria', { list: CRITERIA.join(', ') })}</p>
        <table class="data" data-testid="best-mentors">
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
                <td>{b.meetings}</td>
                <td>{show(b.idp, '%')}</td>
                <td>{show(b.satisfaction)}</td>
                <td>{b.score}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </article>
    </Page>
  );
}
