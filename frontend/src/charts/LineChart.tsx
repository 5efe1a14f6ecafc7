import { ChartFrame, seriesColor, useNumber } from './Frame';
import { labelEvery, linearScale } from './scale';

export interface LineSeries {
  name: string;
  /** One value per label; null is a gap (unknown), drawn as a break in the line. */
  values: readonly (number | null)[];
}

export interface LineChartProps {
  title: string;
  description?: string;
  /** The x labels (periods), in order. */
  labels: readonly string[];
  series: readonly LineSeries[];
  /** Fill the area between each line and zero. */
  area?: boolean;
  /** Formats values in the table and the tooltips (money, counts, percent). */
  format?: (v: number) => string;
  /** Formats the y-axis ticks (shorter, e.g. compact money); defaults to format. */
  tickFormat?: (v: number) => string;
  /** Fixed y domain, e.g. [0, 1] for shares. */
  yDomain?: [number, number];
  height?: number;
  testId?: string;
}

const M = { top: 12, right: 16, bottom: 28, left: 64 };

/** Lines (or areas) over time, for one or more series sharing one y axis. */
export function LineChart({ title, description, labels, series, area, format, tickFormat, yDomain, height = 220, testId }: LineChartProps) {
  const num = useNumber();
  const fmt = format ?? num;
  const tick = tickFormat ?? fmt;
  const all = series.flatMap((s) => s.values);
  const empty = labels.length === 0 || series.length === 0 || all.every((v) => v === null);
  const table = {
    columns: ['', ...series.map((s) => s.name)],
    rows: labels.map((l, i) => [l, ...series.map((s) => (s.values[i] == null ? '—' : fmt(s.values[i] as number)))]),
  };
  return (
    <ChartFrame
      title={title}
      description={description}
      empty={empty}
      table={table}
      testId={testId}
      legend={series.map((s, i) => ({ name: s.name, color: seriesColor(i) }))}
    >
      {({ titleId, descId }, width) => {
        const w = Math.max(width, 200);
        const left = Math.min(M.left, w * 0.22);
        const y = linearScale(all, [height - M.bottom, M.top], yDomain ? { min: yDomain[0], max: yDomain[1] } : {});
        const inner = w - left - M.right;
        const x = (i: number) => (labels.length === 1 ? left + inner / 2 : left + (i / (labels.length - 1)) * inner);
        const every = labelEvery(labels.length, inner, 64);
        const zero = y(Math.max(y.domain[0], Math.min(0, y.domain[1])));
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
                  <text key={i} x={x(i)} y={height - 8} textAnchor={labels.length === 1 ? 'middle' : i === 0 ? 'start' : i === labels.length - 1 ? 'end' : 'middle'}>
                    {l}
                  </text>
                ) : null,
              )}
            </g>
            {series.map((s, si) => {
              const segments: { i: number; v: number }[][] = [];
              let cur: { i: number; v: number }[] = [];
              s.values.forEach((v, i) => {
                if (v === null || !Number.isFinite(v)) {
                  if (cur.length) segments.push(cur);
                  cur = [];
                } else cur.push({ i, v });
              });
              if (cur.length) segments.push(cur);
              const color = seriesColor(si);
              return (
                <g key={s.name} className="chart-series" data-series={s.name}>
                  {segments.map((seg, k) => {
                    const d = seg.map((p, j) => `${j ? 'L' : 'M'}${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`).join('');
                    const fill = `${d}L${x(seg[seg.length - 1].i).toFixed(1)},${zero.toFixed(1)}L${x(seg[0].i).toFixed(1)},${zero.toFixed(1)}Z`;
                    return (
                      <g key={k}>
                        {area && <path d={fill} style={{ fill: color }} className="chart-area" />}
                        <path d={d} style={{ stroke: color }} className="chart-line" />
                      </g>
                    );
                  })}
                  {s.values.map((v, i) =>
                    v === null ? null : (
                      <circle key={i} cx={x(i)} cy={y(v)} r={labels.length > 40 ? 1.5 : 3} style={{ fill: color }}>
                        <title>{`${s.name} · ${labels[i]}: ${fmt(v)}`}</title>
                      </circle>
                    ),
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
