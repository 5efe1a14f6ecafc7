import { ChartFrame, clip, useNumber } from './Frame';

export interface HeatGridProps {
  title: string;
  description?: string;
  /** Labels of the rows (top to bottom) and columns (left to right). */
  rowLabels: readonly string[];
  columnLabels: readonly string[];
  /** values[row][column]; null is an empty cell. */
  values: readonly (readonly (number | null)[])[];
  format?: (v: number) => string;
  /** What the rows and the columns are (e.g. "Recency", "Frequency"). */
  rowAxis?: string;
  columnAxis?: string;
  testId?: string;
}

/**
 * A grid of cells shaded by value (e.g. RFM recency × frequency, customers per
 * cell). Shade is |value| / the largest |value|; negative cells use the
 * negative colour. Each cell shows its number.
 */
export function HeatGrid({ title, description, rowLabels, columnLabels, values, format, rowAxis, columnAxis, testId }: HeatGridProps) {
  const num = useNumber();
  const fmt = format ?? num;
  const flat = values.flatMap((r) => r.filter((v): v is number => v !== null && Number.isFinite(v)));
  const max = flat.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
  const empty = rowLabels.length === 0 || columnLabels.length === 0 || flat.length === 0;
  const table = {
    columns: [rowAxis && columnAxis ? `${rowAxis} \\ ${columnAxis}` : '', ...columnLabels],
    rows: rowLabels.map((l, r) => [l, ...columnLabels.map((_, c) => (values[r]?.[c] == null ? '—' : fmt(values[r][c] as number)))]),
  };
  return (
    <ChartFrame title={title} description={description} empty={empty} table={table} testId={testId}>
      {({ titleId, descId }, width) => {
        const w = Math.max(width, 200);
        const axisW = rowAxis ? 18 : 0;
        const labelW = Math.min(96, Math.round(w * 0.2));
        const top = (columnAxis ? 18 : 0) + 20;
        const cellW = (w - axisW - labelW) / columnLabels.length;
        const cellH = Math.max(24, Math.min(44, cellW * 0.6));
        const height = top + cellH * rowLabels.length + 4;
        const chars = Math.max(3, Math.floor(cellW / 8));
        return (
          <svg width={w} height={height} viewBox={`0 0 ${w} ${height}`} role="img" aria-labelledby={titleId} aria-describedby={descId} className="chart-svg chart-heat">
            {columnAxis && (
              <text x={axisW + labelW + (w - axisW - labelW) / 2} y={12} textAnchor="middle" className="chart-axis-title">
                {columnAxis}
              </text>
            )}
            {rowAxis && (
              <text transform={`translate(12 ${top + (cellH * rowLabels.length) / 2}) rotate(-90)`} textAnchor="middle" className="chart-axis-title">
                {rowAxis}
              </text>
            )}
            {columnLabels.map((c, j) => (
              <text key={j} x={axisW + labelW + cellW * (j + 0.5)} y={top - 6} textAnchor="middle" className="chart-label">
                {clip(c, chars)}
              </text>
            ))}
            {rowLabels.map((rl, i) => (
              <g key={i}>
                <text x={axisW} y={top + cellH * (i + 0.5)} dy="0.32em" className="chart-label">
                  {clip(rl, Math.floor(labelW / 8))}
                </text>
                {columnLabels.map((cl, j) => {
                  const v = values[i]?.[j] ?? null;
                  const shade = v === null || max === 0 ? 0 : Math.abs(v) / max;
                  return (
                    <g key={j} data-cell={`${i}-${j}`}>
                      <rect
                        x={axisW + labelW + cellW * j + 1}
                        y={top + cellH * i + 1}
                        width={Math.max(0, cellW - 2)}
                        height={cellH - 2}
                        rx={3}
                        className={v === null ? 'chart-cell-empty' : undefined}
                        style={v === null ? undefined : { fill: v < 0 ? 'var(--chart-negative)' : 'var(--chart-1)', fillOpacity: 0.12 + 0.88 * shade }}
                        data-shade={shade.toFixed(2)}
                      >
                        <title>{`${rl} · ${cl}: ${v === null ? '—' : fmt(v)}`}</title>
                      </rect>
                      {v !== null && (
                        <text
                          x={axisW + labelW + cellW * (j + 0.5)}
                          y={top + cellH * (i + 0.5)}
                          dy="0.32em"
                          textAnchor="middle"
                          className={shade > 0.55 ? 'chart-cell-text chart-cell-text-strong' : 'chart-cell-text'}
                        >
                          {fmt(v)}
                        </text>
                      )}
                    </g>
                  );
                })}
              </g>
            ))}
          </svg>
        );
      }}
    </ChartFrame>
  );
}
