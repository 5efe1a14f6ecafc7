import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n';
import { BarChart, CumulativeCurve, HeatGrid, LineChart, StackedBarChart, bandScale, labelEvery, linearScale, niceStep, valueAt } from '.';

const wrap = (ui: React.ReactNode, locale: 'en' | 'zh-Hans' = 'en') => render(<I18nProvider locale={locale}>{ui}</I18nProvider>);

describe('scales', () => {
  it('picks nice steps', () => {
    expect(niceStep(100, 5)).toBe(20);
    expect(niceStep(1, 4)).toBe(0.25);
    expect(niceStep(7300, 5)).toBe(2000);
    expect(niceStep(0, 5)).toBe(1);
  });

  it('includes zero and rounds the domain outwards', () => {
    const y = linearScale([13, 87], [200, 0]);
    expect(y.domain).toEqual([0, 100]);
    expect(y.ticks).toEqual([0, 20, 40, 60, 80, 100]);
    expect(y(0)).toBe(200);
    expect(y(100)).toBe(0);
    expect(y(50)).toBe(100);
  });

  it('puts negative values below zero', () => {
    const y = linearScale([-30, 70], [100, 0]);
    expect(y.domain).toEqual([-40, 80]);
    expect(y.ticks).toContain(0);
    expect(y(-30)).toBeGreaterThan(y(0));
    expect(y(70)).toBeLessThan(y(0));
    expect(linearScale([-5, -2], [100, 0]).domain[1]).toBe(0);
  });

  it('copes with no data, zeros and gaps', () => {
    expect(linearScale([], [100, 0]).domain).toEqual([0, 1]);
    expect(linearScale([0, 0], [100, 0]).domain).toEqual([0, 1]);
    expect(linearScale([null, 5, undefined, NaN], [100, 0]).domain).toEqual([0, 5]);
    expect(linearScale([0.5], [1, 0], { min: 0, max: 1 }).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('spaces bands and axis labels', () => {
    const b = bandScale(4, [0, 400], 0.5);
    expect(b.bandwidth).toBe(50);
    expect(b.x(0)).toBe(25);
    expect(b.x(3)).toBe(325);
    expect(labelEvery(12, 600, 64)).toBe(2);
    expect(labelEvery(3, 600, 64)).toBe(1);
  });

  it('interpolates a cumulative curve', () => {
    const pts = [
      { x: 0.1, y: 0.5 },
      { x: 0.3, y: 0.9 },
      { x: 1, y: 1 },
    ];
    expect(valueAt(pts, 0.05)).toBeCloseTo(0.25);
    expect(valueAt(pts, 0.2)).toBeCloseTo(0.7);
    expect(valueAt(pts, 1)).toBe(1);
    expect(valueAt([], 0.2)).toBe(0);
  });
});

describe('BarChart', () => {
  it('draws a named picture with one bar per row and the numbers in a table', () => {
    wrap(<BarChart title="Sales by category" rows={[{ label: 'Tea', value: 300 }, { label: 'Books', value: 100 }]} format={(v) => `¥${v}`} />);
    const fig = screen.getByRole('figure', { name: 'Sales by category' });
    const img = within(fig).getByRole('img', { name: 'Sales by category' });
    const bars = img.querySelectorAll('rect');
    expect(bars).toHaveLength(2);
    expect(Number(bars[0].getAttribute('width'))).toBeGreaterThan(Number(bars[1].getAttribute('width')));
    const table = within(fig).getByRole('table');
    expect(within(table).getByRole('rowheader', { name: 'Tea' })).toBeTruthy();
    expect(within(table).getByText('¥300')).toBeTruthy();
    expect(within(fig).getByText('Show the numbers')).toBeTruthy();
  });

  it('draws negative values left of the zero line', () => {
    const { container } = wrap(<BarChart title="Contribution" rows={[{ label: 'Tea', value: 200 }, { label: 'Silk', value: -100 }]} />);
    const zero = Number(container.querySelector('line.chart-zero')!.getAttribute('x1'));
    const [pos, neg] = container.querySelectorAll('rect');
    expect(Number(pos.getAttribute('x'))).toBeCloseTo(zero);
    expect(Number(neg.getAttribute('x')) + Number(neg.getAttribute('width'))).toBeCloseTo(zero);
    expect(neg.getAttribute('style')).toContain('--chart-negative');
  });

  it('says so when there is nothing to draw, in the language of the page', () => {
    wrap(<BarChart title="空" rows={[]} />, 'zh-Hans');
    expect(screen.getByText('此范围内暂无数据。')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });
});

describe('LineChart', () => {
  it('draws one line per series, breaks at gaps, and lists the values', () => {
    const { container } = wrap(
      <LineChart
        title="Retention"
        labels={['Jan', 'Feb', 'Mar', 'Apr']}
        series={[
          { name: 'Rate', values: [0.5, null, 0.25, 0.75] },
          { name: 'Goal', values: [0.6, 0.6, 0.6, 0.6] },
        ]}
        format={(v) => `${v * 100}%`}
        yDomain={[0, 1]}
      />,
    );
    expect(screen.getByRole('img', { name: 'Retention' })).toBeTruthy();
    const rate = container.querySelector('[data-series="Rate"]')!;
    expect(rate.querySelectorAll('path.chart-line')).toHaveLength(2); // Jan, then Mar–Apr
    expect(rate.querySelectorAll('circle')).toHaveLength(3);
    expect(container.querySelectorAll('[data-series="Goal"] path.chart-line')).toHaveLength(1);
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(5);
    expect(within(table).getByText('—')).toBeTruthy();
    expect(container.querySelector('.chart-legend')!.textContent).toContain('Goal');
  });

  it('places negative values below the zero line', () => {
    const { container } = wrap(<LineChart title="Contribution" labels={['Jan', 'Feb']} series={[{ name: 'C', values: [100, -50] }]} area />);
    const zeroY = Number(container.querySelector('line.chart-zero')!.getAttribute('y1'));
    const [jan, feb] = container.querySelectorAll('circle');
    expect(Number(jan.getAttribute('cy'))).toBeLessThan(zeroY);
    expect(Number(feb.getAttribute('cy'))).toBeGreaterThan(zeroY);
    expect(container.querySelector('path.chart-area')).toBeTruthy();
  });

  it('is empty without values', () => {
    wrap(<LineChart title="Nothing" labels={['Jan']} series={[{ name: 'A', values: [null] }]} />);
    expect(screen.getByText('No data for this range.')).toBeTruthy();
  });
});

describe('StackedBarChart', () => {
  it('stacks positives up and negatives down from zero, with totals in the table', () => {
    const { container } = wrap(
      <StackedBarChart
        title="Revenue by category"
        labels={['Jan', 'Feb']}
        series={[
          { name: 'Tea', values: [100, 50] },
          { name: 'Silk', values: [50, -20] },
        ]}
      />,
    );
    const stacks = container.querySelectorAll('g.chart-stack');
    expect(stacks).toHaveLength(2);
    const [tea, silk] = stacks[0].querySelectorAll('rect');
    // Silk sits on top of Tea: its bottom is Tea's top.
    expect(Number(silk.getAttribute('y')) + Number(silk.getAttribute('height'))).toBeCloseTo(Number(tea.getAttribute('y')));
    const zeroY = Number(container.querySelector('line.chart-zero')!.getAttribute('y1'));
    const febSilk = stacks[1].querySelectorAll('rect')[1];
    expect(Number(febSilk.getAttribute('y'))).toBeCloseTo(zeroY);
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows[2].textContent).toContain('30'); // 50 − 20
  });

  it('draws lines over the bars on the same axis, after the total in the table, and shares colours when asked', () => {
    const { container } = wrap(
      <StackedBarChart
        title="Points"
        labels={['Jan', 'Feb', 'Mar']}
        series={[
          { name: 'Issued', values: [100, 50, 0], color: 2 },
          { name: 'Redeemed', values: [-20, -80, 0], color: 2 },
        ]}
        lines={[{ name: 'Held', values: [80, null, 50] }]}
      />,
    );
    const held = container.querySelector('[data-series="Held"]')!;
    // A gap breaks the line: Jan, then a new segment at Mar.
    expect(held.querySelector('path.chart-line')!.getAttribute('d')!.match(/M/g)).toHaveLength(2);
    const [jan, mar] = held.querySelectorAll('circle');
    const issuedJan = container.querySelectorAll('g.chart-stack')[0].querySelector('rect')!;
    // 80 held sits below the top of the 100 issued, on the bars' axis.
    expect(Number(jan.getAttribute('cy'))).toBeGreaterThan(Number(issuedJan.getAttribute('y')));
    expect(Number(mar.getAttribute('cy'))).toBeGreaterThan(Number(jan.getAttribute('cy')));
    expect(issuedJan.getAttribute('style')).toContain('--chart-3');
    expect(container.querySelectorAll('g.chart-stack')[0].querySelectorAll('rect')[1].getAttribute('style')).toContain('--chart-3');
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['', 'Issued', 'Redeemed', '∑', 'Held']);
    expect(within(table).getAllByRole('row')[2].textContent).toBe('Feb50-80-30—');
    expect(container.querySelector('.chart-legend')!.textContent).toContain('Held');
  });

  it('is empty when every value is zero', () => {
    wrap(<StackedBarChart title="Zero" labels={['Jan']} series={[{ name: 'A', values: [0] }]} />);
    expect(screen.getByText('No data for this range.')).toBeTruthy();
  });
});

describe('HeatGrid', () => {
  it('shades cells by value and names its axes in the table', () => {
    const { container } = wrap(
      <HeatGrid
        title="Recency × frequency"
        rowLabels={['R5', 'R1']}
        columnLabels={['F1', 'F5']}
        values={[
          [10, 40],
          [0, null],
        ]}
        rowAxis="Recency"
        columnAxis="Frequency"
      />,
    );
    expect(screen.getByRole('img', { name: 'Recency × frequency' })).toBeTruthy();
    const shade = (cell: string) => container.querySelector(`[data-cell="${cell}"] rect`)!.getAttribute('data-shade');
    expect(shade('0-1')).toBe('1.00');
    expect(shade('0-0')).toBe('0.25');
    expect(container.querySelector('[data-cell="1-1"] rect')!.classList.contains('chart-cell-empty')).toBe(true);
    expect(screen.getByRole('columnheader', { name: 'Recency \\ Frequency' })).toBeTruthy();
  });

  it('is empty without values', () => {
    wrap(<HeatGrid title="RFM" rowLabels={['R1']} columnLabels={['F1']} values={[[null]]} />);
    expect(screen.getByText('No data for this range.')).toBeTruthy();
  });
});

describe('CumulativeCurve', () => {
  const points = [
    { x: 0.1, y: 0.5 },
    { x: 0.2, y: 0.8 },
    { x: 0.6, y: 0.95 },
    { x: 1, y: 1 },
  ];

  it('draws the curve with 80/20 guides and says what the top 20 % bring', () => {
    const { container } = wrap(
      <CumulativeCurve
        title="Pareto"
        points={points}
        xLabel="Share of customers"
        yLabel="Share of contribution"
        guideNote={(y) => `Top 20% bring ${Math.round(y * 100)}%`}
      />,
    );
    expect(screen.getByRole('img', { name: 'Pareto' })).toBeTruthy();
    expect(container.querySelector('[data-guide="x"]')).toBeTruthy();
    expect(container.querySelector('[data-guide="y"]')).toBeTruthy();
    expect(screen.getByText('Top 20% bring 80%')).toBeTruthy();
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(5);
    expect(screen.getByRole('columnheader', { name: 'Share of customers' })).toBeTruthy();
  });

  it('draws no guides when asked, and copes with shares above 100 %', () => {
    const { container } = wrap(
      <CumulativeCurve title="Skewed" points={[{ x: 0.5, y: 1.2 }, { x: 1, y: 1 }]} xLabel="x" yLabel="y" guides={null} />,
    );
    expect(container.querySelector('[data-guide]')).toBeNull();
    const d = container.querySelector('path.chart-line')!.getAttribute('d')!;
    expect(d.startsWith('M')).toBe(true);
    expect(d.split('L')).toHaveLength(3);
  });

  it('is empty without points', () => {
    wrap(<CumulativeCurve title="None" points={[]} xLabel="x" yLabel="y" />);
    expect(screen.getByText('No data for this range.')).toBeTruthy();
  });
});
