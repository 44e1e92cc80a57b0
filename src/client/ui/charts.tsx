// Figures and charts the dashboard and the report share; each says how it is computed.
import { MEETING_KINDS } from '../../domain/record-types';
import { formatMonth } from '../i18n/format';
import { builtinText, type MessageKey, t } from '../i18n/i18n';
import { BarChart } from './BarChart';

/** One figure: the value, what it is, and how it is computed. */
export function Kpi(props: { label: string; value: string; how?: string; tone?: 'ok' | 'bad' }) {
  return (
    <div class={`kpi${props.tone ? ` kpi--${props.tone}` : ''}`}>
      <span class="kpi__value">{props.value}</span>
      <span class="kpi__label">{props.label}</span>
      {props.how && <span class="kpi__how">{props.how}</span>}
    </div>
  );
}

/** The share of working pairs that held each meeting of the series. */
export function SeriesChart(props: { series: Record<string, number> }) {
  return (
    <>
      <p class="muted">{t('monitoring.how.series')}</p>
      <BarChart
        label={t('monitoring.series')}
        unit="%"
        empty={t('monitoring.seriesEmpty')}
        bars={MEETING_KINDS.map((k) => ({
          label: t(`meeting.kind.${k}` as MessageKey),
          value: props.series[k] ?? 0,
        }))}
      />
    </>
  );
}

/** Meetings held per month, the months named as people say them («ноябрь 2026»). */
export function MonthsChart(props: { months: { month: string; count: number }[] }) {
  return (
    <>
      <p class="muted">{t('monitoring.how.byMonth')}</p>
      <BarChart
        label={t('monitoring.byMonth')}
        empty={t('monitoring.byMonthEmpty')}
        bars={props.months.map((m) => ({ label: formatMonth(m.month), value: m.count }))}
      />
    </>
  );
}

/** How many said their goals were reached: yes, mostly, partly, no. */
export function GoalsChart(props: { goals: Record<string, number> }) {
  return (
    <>
      <p class="muted">{t('monitoring.how.goals')}</p>
      <BarChart
        label={t('monitoring.goals')}
        empty={t('monitoring.goalsEmpty')}
        bars={Object.entries(props.goals).map(([answer, value]) => ({
          label: builtinText(answer),
          value,
        }))}
      />
    </>
  );
}
