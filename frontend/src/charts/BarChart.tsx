import { ChartFrame, clip, seriesColor, useNumber } from './Frame';
import { linearScale } from './scale';

export interface BarRow {
  label: string;
  value: number;
}

export interface BarChartProps {
  title: string;
  description?: string;
  /** One bar per row, drawn in the given order (sort before). */
  rows: readonly BarRow[];
  format?: (v: number) => string;
  /** The header of the value column in the table. */
  valueLabel?: string;
  /** Extra columns for the table only (same order as rows). */
  extraColumns?: { name: string; values: readonly string[] }[];
  /** Colour index of the series palette. */
  color?: number;
  testId?: string;
}

const ROW = 26;

/** Horizontal bars, one per category (region, channel…); negative values extend left of zero. */
export function BarChart({ title, description, rows, format, valueLabel, extraColumns = [], color = 0, testId }: BarChartProps) {
  const num = useNumber();
  const fmt = format ?? num;
  const table = {
    columns: ['', valueLabel ?? title, ...extraColumns.map((c) => c.name)],
    rows: rows.map((r, i) => [r.label, fmt(r.value), ...extraColumns.map((c) => c.values[i] ?? '')]),
  };
  return (
    <ChartFrame title={title} description={description} empty={rows.length === 0} table={table} testId={testId}>
      {({ titleId, descId }, width) => {
        const w = Math.max(width, 220);
        const labelW = Math.min(150, Math.round(w * 0.32));
        const valueW = Math.min(96, Math.round(w * 0.22));
        const height = rows.length * ROW + 8;
        const x = linearScale(
          rows.map((r) => r.value),
          // Room left of the bars for the value of a negative one.
          [labelW + 8 + (rows.some((r) => r.value < 0) ? valueW : 0), w - valueW],
          { count: 4 },
        );
        const zero = x(0);
        const chars = Math.max(4, Math.floor(labelW / 8));
        return (
          <svg width={w} height={height} viewBox={`0 0 ${w} ${height}`} role="img" aria-labelledby={titleId} aria-describedby={descId} className="chart-svg">
            <line x1={zero} x2={zero} y1={0} y2={height} className="chart-zero" />
            {rows.map((r, i) => {
              const y0 = 4 + i * ROW;
              const end = x(r.value);
              const neg = r.value < 0;
              return (
                <g key={`${r.label}-${i}`} className="chart-bar-row" data-label={r.label}>
                  <text x={0} y={y0 + ROW / 2} dy="0.32em" className="chart-label">
                    <title>{r.label}</title>
                    {clip(r.label, chars)}
                  </text>
                  <rect
                    x={Math.min(zero, end)}
                    y={y0 + 4}
                    width={Math.max(Math.abs(end - zero), r.value === 0 ? 0 : 1)}
                    height={ROW - 8}
                    rx={3}
                    style={{ fill: neg ? 'var(--chart-negative)' : seriesColor(color) }}
                    data-value={r.value}
                  >
                    <title>{`${r.label}: ${fmt(r.value)}`}</title>
                  </rect>
                  <text x={neg ? Math.min(zero, end) - 4 : end + 4} y={y0 + ROW / 2} dy="0.32em" textAnchor={neg ? 'end' : 'start'} className="chart-value">
                    {fmt(r.value)}
                  </text>
                </g>
              );
            })}
          </svg>
        );
      }}
    </ChartFrame>
  );
}
