import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';

// The parts every chart shares: a figure with its title, the picture (or a
// note when there is nothing to draw), a legend, and the numbers as a table
// inside a <details>, for screen readers and for anyone who wants them.

/** Series colours (CSS variables in charts.css, light and dark). */
export function seriesColor(i: number): string {
  return `var(--chart-${(i % 8) + 1})`;
}

/** The width of the element ref points at, following resizes (fallback until measured or without ResizeObserver). */
export function useWidth(fallback = 320): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const w = Math.floor(el.getBoundingClientRect().width);
      if (w > 0) setWidth(w);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

export interface TableData {
  /** Column headers; the first names the row labels. */
  columns: string[];
  /** One row per item: its label, then one formatted cell per remaining column. */
  rows: string[][];
}

export interface FrameProps {
  title: string;
  description?: string;
  /** Nothing to draw: a note instead of the picture (the table stays, empty). */
  empty: boolean;
  table: TableData;
  legend?: { name: string; color: string }[];
  /** The SVG body, given its id for the title and the measured width. */
  children: (ids: { titleId: string; descId?: string }, width: number) => ReactNode;
  testId?: string;
}

export function ChartFrame({ title, description, empty, table, legend, children, testId }: FrameProps) {
  const { t } = useI18n();
  const id = useId();
  const titleId = `${id}-title`;
  const descId = description ? `${id}-desc` : undefined;
  const [ref, width] = useWidth();
  return (
    <figure className="chart" aria-labelledby={titleId} data-testid={testId}>
      <figcaption className="chart-title" id={titleId}>
        {title}
      </figcaption>
      {description && (
        <p className="chart-desc" id={descId}>
          {description}
        </p>
      )}
      <div className="chart-canvas" ref={ref}>
        {empty ? <p className="chart-empty">{t('chart.empty')}</p> : children({ titleId, descId }, width)}
      </div>
      {!empty && legend && legend.length > 1 && (
        <ul className="chart-legend">
          {legend.map((l) => (
            <li key={l.name}>
              <span className="chart-swatch" style={{ background: l.color }} aria-hidden="true" />
              {l.name}
            </li>
          ))}
        </ul>
      )}
      <details className="chart-numbers">
        <summary>{t('chart.showNumbers')}</summary>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {table.columns.map((c, i) => (
                  <th key={i} scope="col" className={i > 0 ? 'cell-num' : undefined}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((cell, j) =>
                    j === 0 ? (
                      <th key={j} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={j} className="cell-num">
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** Shortens a label to n characters with an ellipsis (the full text goes in a <title>). */
export function clip(label: string, n: number): string {
  const chars = [...label];
  return chars.length <= n ? label : `${chars.slice(0, Math.max(1, n - 1)).join('')}…`;
}

/** The default number format of the locale. */
export function useNumber(): (v: number) => string {
  const { locale } = useI18n();
  const f = new Intl.NumberFormat(locale);
  return (v) => f.format(v);
}
