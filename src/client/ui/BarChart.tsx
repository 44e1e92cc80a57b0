// Horizontal bars for a distribution: each row is its label, its figure and a bar, so that a row wraps
// on a phone instead of squeezing a column of labels. With nothing to show, the chart says so.
export function BarChart(props: {
  label: string;
  bars: { label: string; value: number }[];
  /** What to say when every bar is zero (nothing counted yet). */
  empty: string;
  /** Appended to each figure, e.g. «%». */
  unit?: string;
}) {
  if (props.bars.every((b) => b.value === 0))
    return (
      <p class="chart__empty muted" data-testid="chart-empty">
        {props.empty}
      </p>
    );
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  return (
    <ul class="chart" aria-label={props.label}>
      {props.bars.map((b) => (
        <li key={b.label} class="chart__row">
          <span class="chart__label">{b.label}</span>
          <strong class="chart__value">
            {b.value}
            {props.unit ?? ''}
          </strong>
          <span class="chart__track" aria-hidden="true">
            <span class="chart__bar" style={{ width: `${(b.value / max) * 100}%` }} />
          </span>
        </li>
      ))}
    </ul>
  );
}
