import { ChartFrame, useNumber } from './Frame';
import { linearScale, valueAt } from './scale';

export interface CurvePoint {
  /** Share of the population so far (0..1), ascending: e.g. customers, largest first. */
  x: number;
  /** Cumulative share of the total at x (0..1; above 1 or below 0 when some items are negative). */
  y: number;
}

export interface CumulativeCurveProps {
  title: string;
  description?: string;
  points: readonly CurvePoint[];
  /** Axis titles, e.g. "Share of customers", "Share of contribution". */
  xLabel: string;
  yLabel: string;
  /** The guide lines (Pareto's 80/20: x 0.2, y 0.8); null draws none. */
  guides?: { x: number; y: number } | null;
  /** A sentence under the chart given the curve's y at the x guide, e.g. "The top 20 % bring 64 %". */
  guideNote?: (yAtGuide: number) => string;
  /** Formats shares (default: percent in the locale). */
  format?: (share: number) => string;
  height?: number;
  testId?: string;
}

const M = { top: 12, right: 16, bottom: 40, left: 52 };

/** A cumulative (Lorenz/Pareto) curve from (0, 0) with the equality diagonal and guide lines. */
export function CumulativeCurve({
  title,
  description,
  points,
  xLabel,
  yLabel,
  guides = { x: 0.2, y: 0.8 },
  guideNote,
  format,
  height = 260,
  testId,
}: CumulativeCurveProps) {
  const num = useNumber();
  const pct = format ?? ((v: number) => `${num(Math.round(v * 1000) / 10)}%`);
  const sorted = [...points].filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).sort((a, b) => a.x - b.x);
  const empty = sorted.length === 0;
  const at = guides && !empty ? valueAt(sorted, guides.x) : null;
  const table = { columns: [xLabel, yLabel], rows: sorted.map((p) => [pct(p.x), pct(p.y)]) };
  return (
    <ChartFrame title={title} description={description} empty={empty} table={table} testId={testId}>
      {({ titleId, descId }, width) => {
        const w = Math.max(width, 220);
        const size = Math.min(w - M.left - M.right, height - M.top - M.bottom);
        const x = linearScale([0, 1], [M.left, M.left + size], { min: 0, max: 1, count: 5 });
        const ys = sorted.map((p) => p.y);
        const y = linearScale([0, 1, ...ys], [M.top + size, M.top], { count: 5, min: Math.min(0, ...ys), max: Math.max(1, ...ys) });
        const d = [{ x: 0, y: 0 }, ...sorted].map((p, i) => `${i ? 'L' : 'M'}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join('');
        return (
          <>
            <svg width={w} height={M.top + size + M.bottom} viewBox={`0 0 ${w} ${M.top + size + M.bottom}`} role="img" aria-labelledby={titleId} aria-describedby={descId} className="chart-svg">
              <g className="chart-grid">
                {x.ticks.map((t) => (
                  <g key={`x${t}`}>
                    <line x1={x(t)} x2={x(t)} y1={M.top} y2={M.top + size} />
                    <text x={x(t)} y={M.top + size + 14} textAnchor="middle">
                      {pct(t)}
                    </text>
                  </g>
                ))}
                {y.ticks.map((t) => (
                  <g key={`y${t}`}>
                    <line x1={M.left} x2={M.left + size} y1={y(t)} y2={y(t)} />
                    <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end">
                      {pct(t)}
                    </text>
                  </g>
                ))}
              </g>
              <text x={M.left + size / 2} y={M.top + size + 32} textAnchor="middle" className="chart-axis-title">
                {xLabel}
              </text>
              <text transform={`translate(12 ${M.top + size / 2}) rotate(-90)`} textAnchor="middle" className="chart-axis-title">
                {yLabel}
              </text>
              <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} className="chart-diagonal" />
              {guides && (
                <g className="chart-guides">
                  <line x1={x(guides.x)} x2={x(guides.x)} y1={M.top} y2={M.top + size} data-guide="x" />
                  <line x1={M.left} x2={M.left + size} y1={y(guides.y)} y2={y(guides.y)} data-guide="y" />
                </g>
              )}
              <path d={d} className="chart-line" style={{ stroke: 'var(--chart-1)' }} />
              {guides && at !== null && (
                <circle cx={x(guides.x)} cy={y(at)} r={4} style={{ fill: 'var(--chart-1)' }}>
                  <title>{`${pct(guides.x)} → ${pct(at)}`}</title>
                </circle>
              )}
            </svg>
            {guideNote && at !== null && <p className="chart-note">{guideNote(at)}</p>}
          </>
        );
      }}
    </ChartFrame>
  );
}
