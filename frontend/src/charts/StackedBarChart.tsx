import { ChartFrame, seriesColor, useNumber } from './Frame';
import type { LineSeries } from './LineChart';
import { bandScale, labelEvery, linearScale } from './scale';

export interface StackSeries {
  name: string;
  /** One value per label; negative values stack below zero. */
  values: readonly number[];
  /** Colour index of the palette (default: the series' position), so two series can share a colour. */
  color?: number;
}

export interface StackedBarChartProps {
  title: string;
  description?: string;
  labels: readonly string[];
  series: readonly StackSeries[];
  /** Lines drawn over the bars on the same axis (a running total, a stock), after the ∑ column in the table. */
  lines?: readonly LineSeries[];
  format?: (v: number) => string;
  tickFormat?: (v: number) => string;
  height?: number;
  testId?: string;
}

const M = { top: 12, right: 12, bottom: 28, left: 64 };

/** Vertical bars per period, each stacked from its series; positives up from zero, negatives down; optional lines over them. */
export function StackedBarChart({ title, description, labels, series, lines = [], format, tickFormat, height = 240, testId }: StackedBarChartProps) {
  const num = useNumber();
  const fmt = format ?? num;
  const tick = tickFormat ?? fmt;
  // Stack extents per label, positive and negative apart.
  const ups = labels.map((_, i) => series.reduce((a, s) => a + Math.max(0, s.values[i] ?? 0), 0));
  const downs = labels.map((_, i) => series.reduce((a, s) => a + Math.min(0, s.values[i] ?? 0), 0));
  const lineValues = lines.flatMap((l) => l.values);
  const empty =
    labels.length === 0 ||
    (series.length === 0 && lines.length === 0) ||
    (ups.every((v) => v === 0) && downs.every((v) => v === 0) && lineValues.every((v) => v === null || v === 0));
  const totals = labels.map((_, i) => series.reduce((a, s) => a + (s.values[i] ?? 0), 0));
  const color = (s: StackSeries, i: number) => seriesColor(s.color ?? i);
  const lineColor = (i: number) => seriesColor(series.length + i);
  const table = {
    columns: ['', ...series.map((s) => s.name), '∑', ...lines.map((l) => l.name)],
    rows: labels.map((l, i) => [
      l,
      ...series.map((s) => fmt(s.values[i] ?? 0)),
      fmt(totals[i]),
      ...lines.map((ln) => (ln.values[i] == null ? '—' : fmt(ln.values[i] as number))),
    ]),
  };
  return (
    <ChartFrame
      title={title}
      description={description}
      empty={empty}
      table={table}
      testId={testId}
      legend={[...series.map((s, i) => ({ name: s.name, color: color(s, i) })), ...lines.map((l, i) => ({ name: l.name, color: lineColor(i) }))]}
    >
      {({ titleId, descId }, width) => {
        const w = Math.max(width, 200);
        const left = Math.min(M.left, w * 0.22);
        const y = linearScale([...ups, ...downs, ...lineValues], [height - M.bottom, M.top]);
        const band = bandScale(labels.length, [left, w - M.right], labels.length > 24 ? 0.1 : 0.25);
        const every = labelEvery(labels.length, w - left - M.right, 64);
        return (
          <svg width={w} height={height} viewBox={`0 0 ${w} ${height}`} role="img" aria-labelledby={titleId} aria-describedby={descId} className="chart-svg">
            <g className="chart-grid">
              {y.ticks.map((t) => (
                <g key={t}>
                  <line x1={left} x2={w - M.right} y1={y(t)} y2={y(t)} className={t === 0 ? 'chart-zero' : undefined} />
                  <text x={left - 6} y={y(t)} dy="0.32em" textAnchor="end">
                    {tick(t)}
                  </text>
                </g>
              ))}
            </g>
            <g className="chart-axis">
              {labels.map((l, i) =>
                i % every === 0 ? (
                  <text key={i} x={band.x(i) + band.bandwidth / 2} y={height - 8} textAnchor="middle">
                    {l}
                  </text>
                ) : null,
              )}
            </g>
            {labels.map((l, i) => {
              let up = 0;
              let down = 0;
              return (
                <g key={i} className="chart-stack" data-label={l}>
                  {series.map((s, si) => {
                    const v = s.values[i] ?? 0;
                    if (v === 0) return null;
                    const from = v > 0 ? up : down;
                    const to = from + v;
                    if (v > 0) up = to;
                    else down = to;
                    const y0 = y(Math.max(from, to));
                    const y1 = y(Math.min(from, to));
                    return (
                      <rect key={si} x={band.x(i)} width={band.bandwidth} y={y0} height={Math.max(1, y1 - y0)} style={{ fill: color(s, si) }} data-value={v}>
                        <title>{`${s.name} · ${l}: ${fmt(v)}`}</title>
                      </rect>
                    );
                  })}
                </g>
              );
            })}
            {lines.map((ln, li) => {
              const cx = (i: number) => band.x(i) + band.bandwidth / 2;
              const pts = ln.values.map((v, i) => (v === null || !Number.isFinite(v) ? null : { i, v }));
              // A gap (null) breaks the line.
              const d = pts
                .map((p, k) => (p ? `${k > 0 && pts[k - 1] ? 'L' : 'M'}${cx(p.i).toFixed(1)},${y(p.v).toFixed(1)}` : ''))
                .join('');
              return (
                <g key={ln.name} className="chart-series" data-series={ln.name}>
                  {d && <path d={d} style={{ stroke: lineColor(li) }} className="chart-line" />}
                  {pts.map((p) =>
                    p ? (
                      <circle key={p.i} cx={cx(p.i)} cy={y(p.v)} r={labels.length > 40 ? 1.5 : 3} style={{ fill: lineColor(li) }}>
                        <title>{`${ln.name} · ${labels[p.i]}: ${fmt(p.v)}`}</title>
                      </circle>
                    ) : null,
                  )}
                </g>
              );
            })}
          </svg>
        );
      }}
    </ChartFrame>
  );
}
