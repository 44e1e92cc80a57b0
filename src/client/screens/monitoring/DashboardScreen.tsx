// The programme's dashboard: pairs, meetings, the series, IDPs, satisfaction, coverage of the roster
// against the target, pairs at risk, and the impact. Filters by form of mentoring and class.
import { useState } from 'preact/hooks';
import { distinctClasses } from '../../../domain/fold-text';
import type { Risk } from '../../../domain/monitoring';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { formatDay, formatMaybe as show, todayIso } from '../../i18n/format';
import { formatNumber, type MessageKey, t } from '../../i18n/i18n';
import { dashboardOf, loadMonitoring, rosterOf } from '../../models/monitoring-model';
import { useReadyMark } from '../../state/ready-mark';
import { GoalsChart, Kpi, MonthsChart, SeriesChart } from '../../ui/charts';
import { MentoringFormAndClassFilters } from '../../ui/MentoringFormAndClassFilters';
import { Page } from '../../ui/Page';
import { pairLabel } from '../../ui/pair-label';

export function DashboardScreen() {
  const queries = useQueries();
  const today = todayIso();
  const data = useLiveQuery(() => loadMonitoring(queries, today), [today]);
  const [form, setForm] = useState('');
  const [className, setClassName] = useState('');
  useReadyMark('dashboard', data !== undefined);
  if (!data) return <Page title={t('monitoring.title')}>{null}</Page>;
  const roster = rosterOf(data.programme);
  const d = dashboardOf(data, today, { form: form || null, className: className || null });
  const forms = [...new Set(data.pairs.map((x) => x.form))].sort();
  const classes = distinctClasses(data.pairs.flatMap((x) => x.classes));
  const pairsById = new Map(data.pairs.map((x) => [x.id, x]));
  const s = data.satisfaction;
  const riskText = (r: Risk) =>
    r.reasons.map((reason) => t(`monitoring.risk.${reason}` as MessageKey)).join(', ');
  const coverageTone = (v: number | null) =>
    v === null ? undefined : v >= roster.targetShare ? 'ok' : 'bad';
  return (
    <Page title={t('monitoring.title')}>
      <MentoringFormAndClassFilters
        forms={forms}
        classes={classes}
        form={form}
        className={className}
        onMentoringForm={setForm}
        onClassName={setClassName}
      />
      <div class="kpis" data-testid="kpis">
        <Kpi
          label={t('monitoring.pairs')}
          value={`${d.workingPairs} / ${d.pairs}`}
          how={t('monitoring.how.pairs')}
        />
        <Kpi label={t('monitoring.meetings')} value={String(d.meetings)} how={t('monitoring.how.meetings')} />
        <Kpi
          label={t('monitoring.perPair')}
          value={formatNumber(d.meetingsPerPair)}
          how={t('monitoring.how.perPair')}
        />
        <Kpi label={t('monitoring.idp')} value={show(d.idpCompletion, '%')} how={t('monitoring.how.idp')} />
        <Kpi
          label={t('monitoring.atRisk')}
          value={String(d.atRisk.length)}
          tone={d.atRisk.length ? 'bad' : 'ok'}
          how={t('monitoring.how.atRisk')}
        />
      </div>
      <h2>{t('monitoring.coverage', { target: roster.targetShare })}</h2>
      <p class="muted">{t('monitoring.how.coverage')}</p>
      {roster.studentsTotal + roster.teachersTotal === 0 && (
        <p class="muted">
          {t('monitoring.noRoster')} <a href="/programme">{t('programme.title')}</a>
        </p>
      )}
      <div class="kpis">
        <Kpi
          label={
            // «из 0» says nothing: without the school's size only the count is shown.
            roster.studentsTotal > 0
              ? t('monitoring.students', { n: d.coverage.studentsIn, of: roster.studentsTotal })
              : t('monitoring.studentsIn', { n: d.coverage.studentsIn })
          }
          value={show(d.coverage.students, '%')}
          tone={coverageTone(d.coverage.students)}
        />
        <Kpi
          label={
            roster.teachersTotal > 0
              ? t('monitoring.teachers', { n: d.coverage.teachersIn, of: roster.teachersTotal })
              : t('monitoring.teachersIn', { n: d.coverage.teachersIn })
          }
          value={show(d.coverage.teachers, '%')}
          tone={coverageTone(d.coverage.teachers)}
        />
        <Kpi
          label={t('monitoring.all')}
          value={show(d.coverage.all, '%')}
          tone={coverageTone(d.coverage.all)}
        />
      </div>
      <h2>{t('monitoring.satisfaction')}</h2>
      <p class="muted">{t('monitoring.how.satisfaction')}</p>
      <div class="kpis" data-testid="satisfaction">
        <Kpi
          label={t('monitoring.interimMentee', { n: s.interimMentee.responses })}
          value={show(s.interimMentee.average)}
        />
        <Kpi
          label={t('monitoring.interimMentor', { n: s.interimMentor.responses })}
          value={show(s.interimMentor.average)}
        />
        <Kpi
          label={t('monitoring.finalMentee', { n: s.finalMentee.responses })}
          value={show(s.finalMentee.average)}
        />
        <Kpi
          label={t('monitoring.finalMentor', { n: s.finalMentor.responses })}
          value={show(s.finalMentor.average)}
        />
      </div>
      <h2>{t('monitoring.series')}</h2>
      <SeriesChart series={d.series} />
      <h2>{t('monitoring.byMonth')}</h2>
      <MonthsChart months={d.meetingsByMonth} />
      <h2>{t('monitoring.risks', { n: d.atRisk.length })}</h2>
      <p class="muted">{t('monitoring.how.atRisk')}</p>
      {d.atRisk.length === 0 && <p>{t('monitoring.risksNone')}</p>}
      <ul class="list" data-testid="at-risk">
        {d.atRisk.map((r) => {
          const pair = pairsById.get(r.pairId);
          const record = { fields: { mentorId: pair?.mentorId, menteeIds: pair?.menteeIds } };
          return (
            <li key={r.pairId}>
              <a href={`/pair/${r.pairId}`}>{pairLabel(record, data.peopleById)}</a> — {riskText(r)}
              {pair?.lastMeeting ? ` (${t('monitoring.last', { date: formatDay(pair.lastMeeting) })})` : ''}
            </li>
          );
        })}
      </ul>
      <h2>{t('monitoring.impact')}</h2>
      <GoalsChart goals={data.impact.goals} />
      <p>
        {t('monitoring.beforeAfter', { before: show(data.impact.before), after: show(data.impact.after) })}
      </p>
      <p class="muted">{t('monitoring.how.beforeAfter')}</p>
      <div class="actions no-print">
        <a class="button" href="/report">
          {t('nav.report')}
        </a>
        <a class="button" href="/data">
          {t('nav.data')}
        </a>
      </div>
    </Page>
  );
}
