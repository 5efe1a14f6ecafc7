import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Routes } from '../App';
import { Layout } from '../components/Layout';
import { accountDefaults } from '../test/accountMocks';
import { memberUser, mockClient, Providers, staffUser, type Answer, type MockCall } from '../test/mockClient';

function renderAt(path: string, answers: Record<string, Answer>, locale: 'en' | 'zh-Hans' = 'en') {
  window.history.replaceState(null, '', path);
  const calls: MockCall[] = [];
  const client = mockClient({ ...accountDefaults, ...defaults, ...answers }, calls);
  const utils = render(
    <Providers client={client} locale={locale}>
      <Layout>
        <Routes />
      </Layout>
    </Providers>,
  );
  return { ...utils, calls };
}

const figures = (revenue: number, cost: number, orders: number, customers: number | null) => ({
  __typename: 'SalesFigures',
  revenue,
  cost,
  contribution: revenue - cost,
  orders,
  customers,
});
const breakdown = (groups: [string | null, number, number, number, number][]) => ({
  __typename: 'SalesBreakdown',
  currency: 'CNY',
  total: figures(
    groups.reduce((a, g) => a + g[1], 0),
    groups.reduce((a, g) => a + g[2], 0),
    groups.reduce((a, g) => a + g[3], 0),
    groups.reduce((a, g) => a + g[4], 0),
  ),
  groups: groups.map(([key, r, c, o, n]) => ({ __typename: 'SalesGroup', key, figures: figures(r, c, o, n) })),
});
// Month starts in Shanghai: 1 Jan, 1 Feb, 1 Mar 2025.
const starts = ['2024-12-31T16:00:00Z', '2025-01-31T16:00:00Z', '2025-02-28T16:00:00Z'];
const period = (start: string, f: ReturnType<typeof figures>) => ({ __typename: 'SalesPeriod', start, figures: f });

const performance = {
  data: {
    salesOverTime: {
      __typename: 'SalesOverTime',
      currency: 'CNY',
      periods: starts.map((s, i) => period(s, figures(10000 * (i + 1), 4000, 3, 2))),
      series: [
        { __typename: 'SalesSeries', key: '茶葉 Tea', other: false, periods: starts.map(() => ({ __typename: 'SalesPeriod', figures: { __typename: 'SalesFigures', revenue: 5000 } })) },
        { __typename: 'SalesSeries', key: null, other: true, periods: starts.map(() => ({ __typename: 'SalesPeriod', figures: { __typename: 'SalesFigures', revenue: 1000 } })) },
      ],
    },
    byCategory: breakdown([
      ['茶葉 Tea', 1234500, 400000, 12, 7],
      ['圖書 Books', 98000, 120000, 3, 2],
      [null, 1000, 0, 1, 1],
    ]),
    byChannel: breakdown([['web', 1000000, 300000, 10, 6]]),
    byRegion: breakdown([['華東', 1000000, 300000, 10, 6]]),
  },
};

const value = {
  data: {
    paretoCurve: [0.2, 0.4, 0.6, 0.8, 1].map((x, i) => ({ __typename: 'ParetoPoint', customerShare: x, contributionShare: [0.87, 0.95, 0.98, 1, 1][i], customers: (i + 1) * 2 })),
    paretoSummary: { __typename: 'ParetoSummary', customers: 10, totalContribution: 1234500, topShare: 0.87 },
    valueTierCounts: [
      { __typename: 'ValueTierCount', tier: 'MVC', customers: 2, contribution: 1000000 },
      { __typename: 'ValueTierCount', tier: 'ORDINARY', customers: 7, contribution: 300000 },
      { __typename: 'ValueTierCount', tier: 'BZ', customers: 1, contribution: -65500 },
    ],
    valueTierMovements: [
      { __typename: 'ValueTierMovement', from: 'ORDINARY', to: 'MVC', customers: 1 },
      { __typename: 'ValueTierMovement', from: 'MGC', to: 'ORDINARY', customers: 3 },
    ],
    // MVC grows by one in February (one customer in, none out); an ORDINARY customer leaves in March.
    valueTiersOverTime: starts.map((start, i) => ({
      __typename: 'ValueTierPeriod',
      start,
      tiers: [
        { __typename: 'ValueTierPeriodFigures', tier: 'MVC', customers: i === 0 ? 1 : 2, entered: i === 1 ? 1 : 0, left: 0 },
        { __typename: 'ValueTierPeriodFigures', tier: 'MGC', customers: 0, entered: 0, left: 0 },
        { __typename: 'ValueTierPeriodFigures', tier: 'ORDINARY', customers: i === 0 ? 8 : 7, entered: 0, left: i === 1 ? 1 : 0 },
        { __typename: 'ValueTierPeriodFigures', tier: 'BZ', customers: 1, entered: 0, left: 0 },
      ],
    })),
    rfmGrid: [
      { __typename: 'RFMCell', recency: 5, frequency: 5, customers: 2, monetary: 1000000 },
      { __typename: 'RFMCell', recency: 1, frequency: 1, customers: 4, monetary: 20000 },
    ],
  },
};

const defaults: Record<string, Answer> = {
  Me: { data: { me: staffUser } },
  InsightsBasis: { data: { insightsBasis: { __typename: 'InsightsBasis', timeZone: 'Asia/Shanghai', reportingCurrency: 'CNY' } } },
  InsightsPerformance: performance,
  InsightsValue: value,
};

const p = (start: string, x: Record<string, unknown>) => ({ start, ...x });
const loyaltyPeriod = (start: string, x: Record<string, number>) => {
  const f = { earnedOrders: 0, earnedActivities: 0, adjustedUp: 0, adjustedDown: 0, redeemed: 0, reversed: 0, earners: 0, redeemers: 0, outstanding: 0, ...x };
  const issued = f.earnedOrders + f.earnedActivities + f.adjustedUp;
  return { __typename: 'LoyaltyPeriod', start, ...f, issued, net: issued - f.adjustedDown - f.redeemed - f.reversed };
};

const persistency = {
  data: {
    retention: [
      p(starts[0], { __typename: 'RetentionPeriod', buyers: 4, retained: 3, churned: 1, rate: 0.75 }),
      p(starts[1], { __typename: 'RetentionPeriod', buyers: 2, retained: null, churned: null, rate: null }),
    ],
    satisfactionTrend: [p(starts[0], { __typename: 'SatisfactionPeriod', ticketsResolved: 2, resolvedWithinSLA: 1, share: 0.5 })],
    communityActivity: [p(starts[0], { __typename: 'CommunityActivityPeriod', posts: 3, comments: 5, reactions: 8, activeMembers: 4, newMembers: 1 })],
    // 1,000 held before January; 1,500 earned and 12 for a comment, 300 redeemed in January; a cancellation takes 200 back in February.
    loyaltyOverTime: {
      __typename: 'LoyaltyOverTime',
      outstanding: 2012,
      holders: 3,
      periods: [
        loyaltyPeriod(starts[0], { earnedOrders: 1500, earnedActivities: 12, redeemed: 300, earners: 2, redeemers: 1, outstanding: 2212 }),
        loyaltyPeriod(starts[1], { reversed: 200, outstanding: 2012 }),
        loyaltyPeriod(starts[2], { outstanding: 2012 }),
      ],
    },
  },
};

const named = (name: string) => screen.findByRole('figure', { name });

describe('insights', () => {
  beforeEach(() => {
    // 20:00 UTC on 14 March 2025: the default range is April 2024 to March 2025 in Shanghai.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-03-14T20:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('opens on performance with the last 12 months and draws sales by category', async () => {
    const { calls } = renderAt('/insights', {});
    const fig = await named('Sales by category');
    expect(window.location.pathname).toBe('/insights/performance');
    const bars = within(fig).getByRole('img', { name: 'Sales by category' });
    expect(bars.querySelectorAll('rect')).toHaveLength(3);
    expect(within(fig).getAllByText('茶葉 Tea').length).toBeGreaterThan(0);
    expect(within(fig).getAllByText('Not recorded').length).toBeGreaterThan(0);
    // Money in the reporting currency, from minor units.
    expect(within(within(fig).getByRole('table')).getByText('CN¥12,345.00')).toBeTruthy();
    const perf = calls.find((c) => c.name === 'InsightsPerformance')!;
    expect(perf.variables).toEqual({ from: '2024-03-31T16:00:00.000Z', to: '2025-03-31T16:00:00.000Z', period: 'MONTH', by: 'CATEGORY' });
    // Totals, and the stacked series with the folded "other".
    expect(screen.getByText('CN¥13,335.00')).toBeTruthy();
    const stacked = await named('Revenue by category over time');
    expect(within(stacked).getAllByText('Other').length).toBeGreaterThan(0);
    expect(within(stacked).getAllByRole('rowheader').map((r) => r.textContent)).toEqual(['Jan 2025', 'Feb 2025', 'Mar 2025']);
    expect(screen.getByRole('link', { name: 'Performance' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Insights' }).getAttribute('aria-current')).toBe('page');
  });

  it('asks again when the period, range or dimension changes, and keeps them in the URL', async () => {
    const { calls } = renderAt('/insights/performance', {});
    await named('Sales by category');
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'QUARTER' } });
    await waitFor(() => expect(calls.filter((c) => c.name === 'InsightsPerformance').at(-1)!.variables).toMatchObject({ period: 'QUARTER' }));
    expect(window.location.search).toBe('?from=2024-04&to=2025-03&period=QUARTER');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2025-01' } });
    await waitFor(() =>
      expect(calls.filter((c) => c.name === 'InsightsPerformance').at(-1)!.variables).toMatchObject({ from: '2024-12-31T16:00:00.000Z' }),
    );
    fireEvent.change(screen.getByLabelText('Break down by'), { target: { value: 'REGION' } });
    await waitFor(() => expect(calls.filter((c) => c.name === 'InsightsPerformance').at(-1)!.variables).toMatchObject({ by: 'REGION' }));
    // The other sections keep the range.
    expect(screen.getByRole('link', { name: 'Prospecting' }).getAttribute('href')).toBe('/insights/prospecting?from=2025-01&to=2025-03&period=QUARTER');
    act(() => screen.getByRole('button', { name: 'Last 12 months' }).click());
    await waitFor(() => expect(window.location.search).toBe('?from=2024-04&to=2025-03&period=QUARTER'));
  });

  it('refuses a range that ends before it starts without asking the server', async () => {
    const { calls } = renderAt('/insights/prospecting?from=2025-03&to=2025-01', {});
    expect(await screen.findByText('The start month must not be after the end month.')).toBeTruthy();
    expect(calls.some((c) => c.name === 'InsightsProspecting')).toBe(false);
  });

  it('draws retention with unknown periods as gaps, satisfaction and community activity', async () => {
    renderAt('/insights/persistency', { InsightsPersistency: persistency });
    const retention = await named('Retention rate');
    const rows = within(within(retention).getByRole('table')).getAllByRole('row');
    expect(rows[1].textContent).toBe('Jan 202575%');
    expect(rows[2].textContent).toBe('Feb 2025—');
    expect(await named('Tickets resolved within their SLA')).toBeTruthy();
    expect(within(await named('Community activity')).getByRole('img')).toBeTruthy();
  });

  it('draws loyalty points issued and redeemed as bars and the points held as a line', async () => {
    renderAt('/insights/persistency', { InsightsPersistency: persistency });
    const fig = await named('Loyalty points issued and redeemed');
    const img = within(fig).getByRole('img', { name: 'Loyalty points issued and redeemed' });
    // January: two bars above zero (sales, community), one below (redeemed); February: one below.
    const stacks = img.querySelectorAll('g.chart-stack');
    expect([...stacks].map((g) => [...g.querySelectorAll('rect')].map((r) => Number(r.getAttribute('data-value'))))).toEqual([[1500, 12, -300], [-200], []]);
    expect(img.querySelectorAll('[data-series="Points held"] circle')).toHaveLength(3);
    const table = within(fig).getByRole('table');
    expect(within(table).getAllByRole('columnheader').map((c) => c.textContent)).toEqual([
      '',
      'Earned on sales',
      'Earned in the community',
      'Adjusted up',
      'Redeemed',
      'Taken back (cancelled orders)',
      'Adjusted down',
      '∑',
      'Points held',
    ]);
    expect(within(table).getAllByRole('row')[1].textContent).toBe('Jan 20251,500120-300001,2122,212');
    expect(screen.getByTestId('loyalty-summary').textContent).toBe('3 customers hold 2,012 points now.');
    const people = await named('Customers earning and redeeming points');
    expect(within(within(people).getByRole('table')).getAllByRole('row')[1].textContent).toBe('Jan 202521');
  });

  it('draws the loyalty chart in Chinese', async () => {
    renderAt('/insights/persistency', { InsightsPersistency: persistency }, 'zh-Hans');
    const fig = await named('积分发放与兑换');
    expect(within(fig).getByRole('img', { name: '积分发放与兑换' })).toBeTruthy();
    expect(within(within(fig).getByRole('table')).getAllByRole('columnheader').map((c) => c.textContent)).toContain('持有积分');
    expect(screen.getByTestId('loyalty-summary').textContent).toBe('目前有 3 位客户持有共 2,012 积分。');
  });

  it('leaves promotion as a placeholder and keeps a slot for the Pareto curve', async () => {
    renderAt('/insights/promotion', {});
    expect((await screen.findByTestId('promotion-pending')).textContent).toContain('no campaigns yet');
    expect(screen.queryByRole('figure')).toBeNull();
  });

  it('shows profitability with negative contribution, the Pareto curve, value tiers and the RFM grid', async () => {
    const { calls } = renderAt('/insights/profitability', {
      InsightsProfitability: {
        data: {
          salesOverTime: { __typename: 'SalesOverTime', currency: 'CNY', periods: starts.map((s) => period(s, figures(1000, 1500, 1, 1))) },
          salesBreakdown: breakdown([
            ['茶葉 Tea', 5000, 1000, 2, 1],
            ['圖書 Books', 1000, 3000, 1, 1],
          ]),
        },
      },
    });
    const fig = await named('Contribution by category');
    const rects = within(fig).getByRole('img').querySelectorAll('rect');
    expect(rects[1].getAttribute('style')).toContain('--chart-negative');
    expect(within(within(fig).getByRole('table')).getByText('-CN¥20.00')).toBeTruthy();
    // The Pareto curve states the top 20 %'s share from the summary.
    const pareto = await named('Pareto curve of contribution');
    expect(within(pareto).getByText('The top 20 % of customers bring 87% of the contribution.')).toBeTruthy();
    expect(screen.getByText('10 customers scored, contributing CN¥12,345.00 in the scoring window.')).toBeTruthy();
    // Every tier, labelled, with its contribution; a missing tier counts 0.
    const tiers = await named('Customers per value tier');
    const tierRows = within(within(tiers).getByRole('table')).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(tierRows).toEqual(['Most valuable (MVC)2CN¥10,000.00', 'Most growable (MGC)0CN¥0.00', 'Ordinary7CN¥3,000.00', 'Below zero (BZ)1-CN¥655.00']);
    // Tier changes over the selected range, most customers first.
    const moves = await named('Value tier changes in the range');
    expect(within(within(moves).getByRole('table')).getAllByRole('rowheader').map((r) => r.textContent)).toEqual([
      'Most growable (MGC) → Ordinary',
      'Ordinary → Most valuable (MVC)',
    ]);
    expect(calls.find((c) => c.name === 'InsightsValue')!.variables).toEqual({ from: '2024-03-31T16:00:00.000Z', to: '2025-03-31T16:00:00.000Z', period: 'MONTH' });
    // Tiers per period, stacked, and who entered and left them.
    const overTime = await named('Customers per value tier over time');
    expect(within(within(overTime).getByRole('table')).getAllByRole('row').map((r) => r.textContent)).toEqual([
      'Most valuable (MVC)Most growable (MGC)OrdinaryBelow zero (BZ)∑',
      'Jan 2025108110',
      'Feb 2025207110',
      'Mar 2025207110',
    ]);
    const flows = await named('Customers entering and leaving each tier');
    const feb = within(flows).getByRole('img').querySelectorAll('g.chart-stack')[1];
    expect([...feb.querySelectorAll('rect')].map((r) => [r.getAttribute('data-value'), r.getAttribute('style')])).toEqual([
      ['1', 'fill: var(--chart-1);'],
      ['-1', 'fill: var(--chart-3);'],
    ]);
    expect(within(flows).getAllByText('Into Most valuable (MVC)').length).toBeGreaterThan(0);
    expect(within(flows).getAllByText('Out of Ordinary').length).toBeGreaterThan(0);
    // RFM: recency 5 at the top, frequency 1 → 5; empty cells as dashes.
    const rfm = await named('Customers by recency and frequency (RFM)');
    const rfmRows = within(within(rfm).getByRole('table')).getAllByRole('row').map((r) => r.textContent);
    expect(rfmRows[1]).toBe('5————2');
    expect(rfmRows[5]).toBe('14————');
  });

  it('draws the value tiers per period in Chinese', async () => {
    renderAt(
      '/insights/profitability',
      {
        InsightsProfitability: {
          data: {
            salesOverTime: { __typename: 'SalesOverTime', currency: 'CNY', periods: starts.map((s) => period(s, figures(1000, 500, 1, 1))) },
            salesBreakdown: breakdown([['茶葉 Tea', 1000, 500, 1, 1]]),
          },
        },
      },
      'zh-Hans',
    );
    const overTime = await named('各价值层级客户数的变化');
    expect(within(overTime).getByRole('img', { name: '各价值层级客户数的变化' }).querySelectorAll('g.chart-stack')).toHaveLength(3);
    expect(within(within(overTime).getByRole('table')).getAllByRole('columnheader').map((c) => c.textContent)).toEqual([
      '',
      '最有价值客户（MVC）',
      '最具成长性客户（MGC）',
      '普通客户',
      '负值客户（BZ）',
      '∑',
    ]);
    const flows = await named('进入与离开各层级的客户');
    expect(within(flows).getAllByText('进入最有价值客户（MVC）').length).toBeGreaterThan(0);
    expect(within(flows).getAllByText('离开普通客户').length).toBeGreaterThan(0);
  });

  it('profiles customers with translated kinds and life-cycle stages, in Chinese', async () => {
    const g = (key: string | null, customers: number, other = false) => ({ __typename: 'CustomerProfileGroup', key, other, customers, keyAccounts: 1 });
    renderAt(
      '/insights/profiling',
      {
        InsightsProfiling: {
          data: { region: [g('華東', 30), g(null, 2), g(null, 5, true)], industry: [], kind: [g('PERSON', 20), g('ORGANISATION', 12)], lifecycle: [g('MATURE', 4)] },
        },
      },
      'zh-Hans',
    );
    const region = await named('按地区的客户数');
    expect(within(region).getAllByText('未填写').length).toBeGreaterThan(0);
    expect(within(region).getAllByText('其他').length).toBeGreaterThan(0);
    expect(within(await named('个人与机构客户')).getAllByText('个人').length).toBeGreaterThan(0);
    expect(within(await named('按行业的客户数')).getByText('此范围内暂无数据。')).toBeTruthy();
    expect(screen.getByRole('link', { name: '客户概况分析' }).getAttribute('aria-current')).toBe('page');
  });

  it('is for staff: members get a notice and no nav entry', async () => {
    const { calls } = renderAt('/insights/performance', {
      Me: { data: { me: memberUser } },
      MyNotifications: { data: { unread: { __typename: 'NotificationConnection', totalCount: 0 }, myNotifications: { __typename: 'NotificationConnection', edges: [] } } },
    });
    expect(await screen.findByText('Insights are for staff.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Insights' })).toBeNull();
    expect(calls.some((c) => c.name.startsWith('Insights'))).toBe(false);
  });
});
