// Charts the dashboard and the report share.
import { MEETING_KINDS } from '../../../domain/record-types';
import { type MessageKey, t } from '../../i18n/i18n';
import { BarChart } from '../../ui/BarChart';

/** The share of working pairs that held each meeting of the series. */
export function SeriesChart(props: { series: Record<string, number> }) {
  return (
    <BarChart
      label={t('monitoring.series')}
      bars={MEETING_KINDS.map((k) => ({
        label: t(`meeting.kind.${k}` as MessageKey),
        value: props.series[k] ?? 0,
      }))}
    />
  );
}

/** How many said their goals were reached: yes, mostly, partly, no. */
export function GoalsChart(props: { goals: Record<string, number> }) {
  return (
    <BarChart
      label={t('monitoring.goals')}
      bars={Object.entries(props.goals).map(([label, value]) => ({ label, value }))}
    />
  );
}
