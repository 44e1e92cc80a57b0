// Horizontal bars for a distribution, drawn in SVG; the same numbers are in the text beside each bar.
export function BarChart(props: { label: string; bars: { label: string; value: number }[] }) {
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const rowHeight = 28;
  const height = props.bars.length * rowHeight;
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 100 ${height}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={props.label}
        class="chart__svg"
        style={{ height: `${props.bars.length * 1.75}rem` }}
      >
        {props.bars.map((b, i) => (
          <rect
            key={b.label}
            x="0"
            y={i * rowHeight + 6}
            width={(b.value / max) * 100}
            height={rowHeight - 12}
            rx="2"
            class="chart__bar"
          />
        ))}
      </svg>
      <ul class="chart__labels" style={{ height: `${props.bars.length * 1.75}rem` }}>
        {props.bars.map((b) => (
          <li key={b.label}>
            <span>{b.label}</span> <strong>{b.value}</strong>
          </li>
        ))}
      </ul>
    </figure>
  );
}
