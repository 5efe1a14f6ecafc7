import { useMemo, useState, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { isStaff, useAuth } from '../auth';
import { BarChart, CumulativeCurve, HeatGrid, LineChart, StackedBarChart } from '../charts';
import { Alert, ErrorMessage, PageHeading, Spinner } from '../components/ui';
import { errorView, serverError } from '../errors';
import type { CustomerValueTier, InsightsPersistencyQuery as PersistencyData, SalesBreakdownFieldsFragment } from '../gql/graphql';
import { useI18n, type MessageKey } from '../i18n';
import {
  InsightsBasisQuery,
  InsightsPerformanceQuery,
  InsightsPersistencyQuery,
  InsightsProductQuery,
  InsightsProfilingQuery,
  InsightsProfitabilityQuery,
  InsightsProspectingQuery,
  InsightsValueQuery,
} from '../insightsOperations';
import { defaultRange, periodLabel, PERIODS, rangeFromSearch, rangeInstants, rangeToSearch, type InsightPeriod, type Range } from '../insightsRange';
import { formatMoney, minorDigits } from '../money';
import { Link, Redirect, useRouter } from '../router';
import './insights.css';

// /insights/:section — the 7P customer analysis (SPEC §7) for staff: one
// section per P, each with its own queries over the range in the URL.

export const SECTIONS = ['performance', 'product', 'promotion', 'profiling', 'profitability', 'prospecting', 'persistency'] as const;
export type Section = (typeof SECTIONS)[number];

const DIMENSIONS = ['CATEGORY', 'CHANNEL', 'REGION'] as const;
type Dimension = (typeof DIMENSIONS)[number];

export function isSection(s: string | undefined): s is Section {
  return (SECTIONS as readonly string[]).includes(s ?? '');
}

export function InsightsPage({ section }: { section?: string }) {
  const { t } = useI18n();
  const { viewer } = useAuth();
  const { location } = useRouter();
  if (viewer === undefined) return <Spinner />;
  if (viewer === null) return <Redirect to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} />;
  if (!isStaff(viewer)) {
    return (
      <div className="page">
        <PageHeading title={t('insights.title')}>{t('insights.title')}</PageHeading>
        <Alert>{t('insights.staffOnly')}</Alert>
      </div>
    );
  }
  if (!isSection(section)) return <Redirect to={`/insights/performance${location.search}`} />;
  return <Insights section={section} />;
}

/** What every section needs to label and format its charts. */
interface Ctx {
  vars: { from: string; to: string; period: InsightPeriod };
  label(startIso: string): string;
  money(minor: number): string;
  moneyTick(minor: number): string;
  count(n: number): string;
  pct(share: number): string;
  key(key: string | null | undefined, other?: boolean): string;
}

function useCtx(range: Range, tz: string, currency: string): Ctx | null {
  const { locale, t } = useI18n();
  return useMemo(() => {
    const inst = rangeInstants(range, tz);
    if (!inst) return null;
    const n = new Intl.NumberFormat(locale);
    const p = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    let compact: Intl.NumberFormat;
    try {
      compact = new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
    } catch {
      compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
    }
    const digits = minorDigits(currency);
    return {
      vars: { ...inst, period: range.period },
      label: (s) => periodLabel(s, range.period, locale, tz, (q, year) => t('insights.quarter', { q, year })),
      money: (v) => formatMoney(v, currency, locale),
      moneyTick: (v) => compact.format(v / 10 ** digits),
      count: (v) => n.format(v),
      pct: (v) => p.format(v),
      key: (k, other) => (other ? t('insights.other') : k ? k : t('insights.notRecorded')),
    };
  }, [range, tz, currency, locale, t]);
}

function Insights({ section }: { section: Section }) {
  const { t } = useI18n();
  const { location, navigate } = useRouter();
  const [{ data, error, fetching }, refetch] = useQuery({ query: InsightsBasisQuery });
  const tz = data?.insightsBasis.timeZone ?? 'UTC';
  const currency = data?.insightsBasis.reportingCurrency ?? 'CNY';
  // The default range is fixed when the page opens.
  const now = useMemo(() => new Date(), []);
  const range = useMemo(() => rangeFromSearch(location.search, now, tz), [location.search, now, tz]);
  const ctx = useCtx(range, tz, currency);
  const setRange = (r: Range) => navigate(`/insights/${section}${rangeToSearch(r)}`, { replace: true });

  const title = `${t(`insights.p.${section}` as MessageKey)} · ${t('insights.title')}`;
  return (
    <div className="page insights">
      <PageHeading title={title}>{t('insights.title')}</PageHeading>
      <p className="muted">{t('insights.intro')}</p>
      <nav aria-label={t('insights.sections')} className="insights-tabs">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s}>
              <Link to={`/insights/${s}${location.search}`} aria-current={s === section ? 'page' : undefined}>
                {t(`insights.p.${s}` as MessageKey)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {!data && fetching ? (
        <Spinner />
      ) : error && !data ? (
        <ErrorMessage error={errorView(serverError(error))} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : (
        <>
          {section !== 'promotion' && section !== 'profiling' && <RangeControls range={range} onChange={setRange} now={now} tz={tz} />}
          {section !== 'promotion' && section !== 'profiling' && (
            <p className="muted insights-basis">{t('insights.timeZone', { tz, currency })}</p>
          )}
          <section aria-labelledby="insights-section" className="insights-section">
            <h2 id="insights-section" className="section-title">
              {t(`insights.p.${section}` as MessageKey)}
            </h2>
            <p className="muted">{t(`insights.about.${section}` as MessageKey)}</p>
            {section === 'promotion' ? (
              <Promotion />
            ) : section === 'profiling' ? (
              <Profiling />
            ) : !ctx ? (
              <Alert>{t('insights.badRange')}</Alert>
            ) : section === 'performance' ? (
              <Performance ctx={ctx} />
            ) : section === 'product' ? (
              <Product ctx={ctx} />
            ) : section === 'profitability' ? (
              <Profitability ctx={ctx} />
            ) : section === 'prospecting' ? (
              <Prospecting ctx={ctx} />
            ) : (
              <Persistency ctx={ctx} />
            )}
          </section>
        </>
      )}
    </div>
  );
}

function RangeControls({ range, onChange, now, tz }: { range: Range; onChange(r: Range): void; now: Date; tz: string }) {
  const { t } = useI18n();
  const def = defaultRange(now, tz);
  return (
    <form className="insights-controls" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="insights-from">{t('insights.from')}</label>
        <input
          id="insights-from"
          className="input"
          type="month"
          value={range.from}
          max={range.to}
          onChange={(e) => e.target.value && onChange({ ...range, from: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="insights-to">{t('insights.to')}</label>
        <input
          id="insights-to"
          className="input"
          type="month"
          value={range.to}
          min={range.from}
          onChange={(e) => e.target.value && onChange({ ...range, to: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="insights-period">{t('insights.period')}</label>
        <select id="insights-period" className="input" value={range.period} onChange={(e) => onChange({ ...range, period: e.target.value as InsightPeriod })}>
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {t(`insights.period.${p}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="button button-quiet"
        disabled={range.from === def.from && range.to === def.to}
        onClick={() => onChange({ ...def, period: range.period })}
      >
        {t('insights.lastYear')}
      </button>
    </form>
  );
}

function DimensionSelect({ value, onChange, id }: { value: Dimension; onChange(d: Dimension): void; id: string }) {
  const { t } = useI18n();
  return (
    <div className="field insights-by">
      <label htmlFor={id}>{t('insights.by')}</label>
      <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value as Dimension)}>
        {DIMENSIONS.map((d) => (
          <option key={d} value={d}>
            {t(`insights.dim.${d}` as MessageKey)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Loading and error states of a section's query, then its charts. */
function Loaded<T>({ result, children }: { result: { data?: T; error?: Parameters<typeof serverError>[0]; fetching: boolean }; children: (data: T) => ReactNode }) {
  if (result.error && !result.data) return <ErrorMessage error={errorView(serverError(result.error))} />;
  if (!result.data) return <Spinner />;
  return <>{children(result.data)}</>;
}

function Grid({ children }: { children: ReactNode }) {
  return <div className="insights-grid">{children}</div>;
}

function Card({ children, wide }: { children: ReactNode; wide?: boolean }) {
  return <div className={`card insights-card${wide ? ' insights-card-wide' : ''}`}>{children}</div>;
}

function Totals({ total, ctx }: { total: SalesBreakdownFieldsFragment['total']; ctx: Ctx }) {
  const { t } = useI18n();
  const items: [MessageKey, string][] = [
    ['insights.s.revenue', ctx.money(total.revenue)],
    ['insights.s.contribution', ctx.money(total.contribution)],
    ['insights.s.orders', ctx.count(total.orders)],
    ['insights.s.customers', ctx.count(total.customers ?? 0)],
  ];
  return (
    <dl className="insights-kpis">
      {items.map(([k, v]) => (
        <div key={k} className="card">
          <dt>{t(k)}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A breakdown as bars of one measure, the others in the table. */
function BreakdownBars({
  title,
  breakdown,
  ctx,
  measure,
  testId,
}: {
  title: string;
  breakdown: SalesBreakdownFieldsFragment;
  ctx: Ctx;
  measure: 'revenue' | 'contribution' | 'orders' | 'customers';
  testId?: string;
}) {
  const { t } = useI18n();
  const money = measure === 'revenue' || measure === 'contribution';
  const groups = [...breakdown.groups].sort((a, b) => (b.figures[measure] ?? 0) - (a.figures[measure] ?? 0));
  const others = (['revenue', 'contribution', 'orders', 'customers'] as const).filter((m) => m !== measure);
  return (
    <BarChart
      title={title}
      testId={testId}
      rows={groups.map((g) => ({ label: ctx.key(g.key), value: g.figures[measure] ?? 0 }))}
      format={money ? ctx.money : ctx.count}
      valueLabel={t(`insights.s.${measure}`)}
      color={measure === 'contribution' ? 0 : measure === 'revenue' ? 0 : measure === 'orders' ? 1 : 2}
      extraColumns={others.map((m) => ({
        name: t(`insights.s.${m}`),
        values: groups.map((g) => (m === 'revenue' || m === 'contribution' ? ctx.money(g.figures[m]) : ctx.count(g.figures[m] ?? 0))),
      }))}
    />
  );
}

function Performance({ ctx }: { ctx: Ctx }) {
  const { t } = useI18n();
  const [by, setBy] = useState<Dimension>('CATEGORY');
  const [result] = useQuery({ query: InsightsPerformanceQuery, variables: { ...ctx.vars, by } });
  return (
    <Loaded result={result}>
      {(d) => {
        const labels = d.salesOverTime.periods.map((p) => ctx.label(p.start));
        const dimension = t(`insights.dim.${by}`).toLowerCase();
        return (
          <>
            <Totals total={d.byCategory.total} ctx={ctx} />
            <Grid>
              <Card wide>
                <LineChart
                  title={t('insights.chart.revenueOverTime')}
                  labels={labels}
                  area
                  series={[{ name: t('insights.s.revenue'), values: d.salesOverTime.periods.map((p) => p.figures.revenue) }]}
                  format={ctx.money}
                  tickFormat={ctx.moneyTick}
                />
              </Card>
              <Card wide>
                <DimensionSelect id="performance-by" value={by} onChange={setBy} />
                <StackedBarChart
                  title={t('insights.chart.revenueByDimension', { dimension })}
                  labels={labels}
                  series={d.salesOverTime.series.map((s) => ({ name: ctx.key(s.key, s.other), values: s.periods.map((p) => p.figures.revenue) }))}
                  format={ctx.money}
                  tickFormat={ctx.moneyTick}
                  testId="revenue-by-dimension"
                />
              </Card>
              <Card>
                <BreakdownBars title={t('insights.chart.salesByCategory')} breakdown={d.byCategory} ctx={ctx} measure="revenue" testId="sales-by-category" />
              </Card>
              <Card>
                <BreakdownBars title={t('insights.chart.salesByChannel')} breakdown={d.byChannel} ctx={ctx} measure="revenue" testId="sales-by-channel" />
              </Card>
              <Card>
                <BreakdownBars title={t('insights.chart.salesByRegion')} breakdown={d.byRegion} ctx={ctx} measure="revenue" testId="sales-by-region" />
              </Card>
            </Grid>
          </>
        );
      }}
    </Loaded>
  );
}

function Product({ ctx }: { ctx: Ctx }) {
  const { t } = useI18n();
  const [result] = useQuery({ query: InsightsProductQuery, variables: ctx.vars });
  return (
    <Loaded result={result}>
      {(d) => (
        <Grid>
          <Card>
            <BreakdownBars title={t('insights.chart.customersByCategory')} breakdown={d.salesBreakdown} ctx={ctx} measure="customers" testId="customers-by-category" />
          </Card>
          <Card>
            <BreakdownBars title={t('insights.chart.ordersByCategory')} breakdown={d.salesBreakdown} ctx={ctx} measure="orders" />
          </Card>
          <Card wide>
            <StackedBarChart
              title={`${t('insights.chart.ordersByCategory')} · ${t(`insights.period.${ctx.vars.period}`)}`}
              labels={d.salesOverTime.periods.map((p) => ctx.label(p.start))}
              series={d.salesOverTime.series.map((s) => ({ name: ctx.key(s.key, s.other), values: s.periods.map((p) => p.figures.orders) }))}
              format={ctx.count}
            />
          </Card>
        </Grid>
      )}
    </Loaded>
  );
}

function Promotion() {
  const { t } = useI18n();
  return (
    <div className="card insights-pending" data-testid="promotion-pending">
      <p>{t('insights.promotion.pending')}</p>
    </div>
  );
}

function Profiling() {
  const { t, locale } = useI18n();
  const [result] = useQuery({ query: InsightsProfilingQuery });
  return (
    <Loaded result={result}>
      {(d) => {
        const n = new Intl.NumberFormat(locale);
        const bars = (title: string, groups: typeof d.region, label: (k: string) => string = (k) => k, testId?: string) => (
          <Card>
            <BarChart
              title={title}
              testId={testId}
              rows={groups.map((g) => ({ label: g.other ? t('insights.other') : g.key ? label(g.key) : t('insights.notRecorded'), value: g.customers }))}
              valueLabel={t('insights.s.customers')}
              format={(v) => n.format(v)}
              extraColumns={[{ name: t('insights.s.keyAccounts'), values: groups.map((g) => n.format(g.keyAccounts)) }]}
            />
          </Card>
        );
        return (
          <Grid>
            {bars(t('insights.chart.profileRegion'), d.region, undefined, 'profile-region')}
            {bars(t('insights.chart.profileIndustry'), d.industry)}
            {bars(t('insights.chart.profileKind'), d.kind, (k) => t(`customers.kind.${k}` as MessageKey))}
            {bars(t('insights.chart.profileLifecycle'), d.lifecycle, (k) => t(`account.stage.${k}` as MessageKey))}
          </Grid>
        );
      }}
    </Loaded>
  );
}

function Profitability({ ctx }: { ctx: Ctx }) {
  const { t } = useI18n();
  const [by, setBy] = useState<Dimension>('CATEGORY');
  const [result] = useQuery({ query: InsightsProfitabilityQuery, variables: { ...ctx.vars, by } });
  return (
    <Loaded result={result}>
      {(d) => {
        const periods = d.salesOverTime.periods;
        return (
          <Grid>
            <Card wide>
              <LineChart
                title={t('insights.chart.contributionOverTime')}
                labels={periods.map((p) => ctx.label(p.start))}
                series={[
                  { name: t('insights.s.revenue'), values: periods.map((p) => p.figures.revenue) },
                  { name: t('insights.s.cost'), values: periods.map((p) => p.figures.cost) },
                  { name: t('insights.s.contribution'), values: periods.map((p) => p.figures.contribution) },
                ]}
                format={ctx.money}
                tickFormat={ctx.moneyTick}
                testId="contribution-over-time"
              />
            </Card>
            <Card>
              <DimensionSelect id="profitability-by" value={by} onChange={setBy} />
              <BreakdownBars
                title={t('insights.chart.contributionByDimension', { dimension: t(`insights.dim.${by}`).toLowerCase() })}
                breakdown={d.salesBreakdown}
                ctx={ctx}
                measure="contribution"
              />
            </Card>
            <ValueAnalysis ctx={ctx} />
          </Grid>
        );
      }}
    </Loaded>
  );
}

/** A count drawn below zero (and 0 as 0, not −0, in the tables). */
const below = (v: number) => (v === 0 ? 0 : -v);

const TIERS: readonly CustomerValueTier[] = ['MVC', 'MGC', 'ORDINARY', 'BZ'];
const SCORES = [1, 2, 3, 4, 5] as const;

/** The value analysis (scores over the scoring window; tier changes over the range): Pareto curve, tiers, RFM grid. */
function ValueAnalysis({ ctx }: { ctx: Ctx }) {
  const { t } = useI18n();
  const [result] = useQuery({ query: InsightsValueQuery, variables: ctx.vars });
  const tier = (k: CustomerValueTier) => t(`customer.tier.${k}` as MessageKey);
  return (
    <Loaded result={result}>
      {(d) => {
        const counts = TIERS.map((k) => d.valueTierCounts.find((c) => c.tier === k) ?? { tier: k, customers: 0, contribution: 0 });
        const moves = [...d.valueTierMovements].sort((a, b) => b.customers - a.customers);
        // Rows: recency 5 (most recent) at the top; columns: frequency 1 → 5.
        const rows = [...SCORES].reverse();
        const cell = (r: number, f: number) => d.rfmGrid.find((c) => c.recency === r && c.frequency === f)?.customers ?? null;
        const summary = d.paretoSummary;
        const series = d.valueTiersOverTime;
        const labels = series.map((p) => ctx.label(p.start));
        const figures = (k: CustomerValueTier) => series.map((p) => p.tiers.find((x) => x.tier === k) ?? { customers: 0, entered: 0, left: 0 });
        return (
          <>
            <Card>
              <CumulativeCurve
                title={t('insights.pareto.title')}
                points={d.paretoCurve.map((p) => ({ x: p.customerShare, y: p.contributionShare }))}
                xLabel={t('insights.pareto.customerShare')}
                yLabel={t('insights.pareto.contributionShare')}
                guideNote={() => t('insights.pareto.note', { share: ctx.pct(summary.topShare) })}
                format={ctx.pct}
                testId="pareto-curve"
              />
              <p className="muted">{t('insights.pareto.summary', { customers: ctx.count(summary.customers), total: ctx.money(summary.totalContribution) })}</p>
            </Card>
            <Card>
              <BarChart
                title={t('insights.chart.tierCounts')}
                rows={counts.map((c) => ({ label: tier(c.tier), value: c.customers }))}
                valueLabel={t('insights.s.customers')}
                format={ctx.count}
                extraColumns={[{ name: t('insights.s.contribution'), values: counts.map((c) => ctx.money(c.contribution)) }]}
                testId="tier-counts"
              />
            </Card>
            <Card>
              <BarChart
                title={t('insights.chart.tierMovements')}
                description={t('insights.desc.tierMovements')}
                rows={moves.map((m) => ({ label: t('insights.tierMove', { from: tier(m.from), to: tier(m.to) }), value: m.customers }))}
                valueLabel={t('insights.s.customers')}
                format={ctx.count}
                color={1}
                testId="tier-movements"
              />
            </Card>
            <Card wide>
              <StackedBarChart
                title={t('insights.chart.tiersOverTime')}
                description={t('insights.desc.tiersOverTime')}
                labels={labels}
                series={TIERS.map((k, i) => ({ name: tier(k), values: figures(k).map((f) => f.customers), color: i }))}
                format={ctx.count}
                testId="tiers-over-time"
              />
            </Card>
            <Card wide>
              <StackedBarChart
                title={t('insights.chart.tierFlows')}
                description={t('insights.desc.tierFlows')}
                labels={labels}
                series={[
                  ...TIERS.map((k, i) => ({ name: t('insights.tierInto', { tier: tier(k) }), values: figures(k).map((f) => f.entered), color: i })),
                  ...TIERS.map((k, i) => ({ name: t('insights.tierOutOf', { tier: tier(k) }), values: figures(k).map((f) => below(f.left)), color: i })),
                ]}
                format={ctx.count}
                testId="tier-flows"
              />
            </Card>
            <Card>
              <HeatGrid
                title={t('insights.chart.rfmGrid')}
                description={t('insights.desc.rfmGrid')}
                rowLabels={rows.map(String)}
                columnLabels={SCORES.map(String)}
                values={rows.map((r) => SCORES.map((f) => cell(r, f)))}
                format={ctx.count}
                rowAxis={t('insights.rfm.recency')}
                columnAxis={t('insights.rfm.frequency')}
                testId="rfm-grid"
              />
            </Card>
          </>
        );
      }}
    </Loaded>
  );
}

function Prospecting({ ctx }: { ctx: Ctx }) {
  const { t } = useI18n();
  const [result] = useQuery({ query: InsightsProspectingQuery, variables: ctx.vars });
  return (
    <Loaded result={result}>
      {(d) => {
        const labels = d.customerCounts.map((p) => ctx.label(p.start));
        return (
          <Grid>
            <Card>
              <LineChart
                title={t('insights.chart.totalCustomers')}
                labels={labels}
                area
                series={[{ name: t('insights.s.totalCustomers'), values: d.customerCounts.map((p) => p.totalCustomers) }]}
                format={ctx.count}
                testId="total-customers"
              />
            </Card>
            <Card>
              <LineChart
                title={t('insights.chart.acquisition')}
                description={t('insights.desc.acquisition')}
                labels={labels}
                series={[
                  { name: t('insights.s.newCustomers'), values: d.customerCounts.map((p) => p.newCustomers) },
                  { name: t('insights.s.firstTimeBuyers'), values: d.customerCounts.map((p) => p.firstTimeBuyers) },
                  { name: t('insights.s.activeBuyers'), values: d.customerCounts.map((p) => p.activeBuyers) },
                ]}
                format={ctx.count}
              />
            </Card>
          </Grid>
        );
      }}
    </Loaded>
  );
}

function Persistency({ ctx }: { ctx: Ctx }) {
  const { t } = useI18n();
  const [result] = useQuery({ query: InsightsPersistencyQuery, variables: ctx.vars });
  return (
    <Loaded result={result}>
      {(d) => {
        const labels = d.retention.map((p) => ctx.label(p.start));
        const activity = d.communityActivity;
        return (
          <Grid>
            <Card>
              <LineChart
                title={t('insights.chart.retention')}
                description={t('insights.desc.retention')}
                labels={labels}
                series={[{ name: t('insights.s.retentionRate'), values: d.retention.map((p) => p.rate ?? null) }]}
                format={ctx.pct}
                yDomain={[0, 1]}
                testId="retention-rate"
              />
            </Card>
            <Card>
              <StackedBarChart
                title={t('insights.chart.retainedChurned')}
                labels={labels}
                series={[
                  { name: t('insights.s.retained'), values: d.retention.map((p) => p.retained ?? 0) },
                  { name: t('insights.s.churned'), values: d.retention.map((p) => p.churned ?? 0) },
                ]}
                format={ctx.count}
              />
            </Card>
            <Card>
              <LineChart
                title={t('insights.chart.satisfaction')}
                description={t('insights.desc.satisfaction')}
                labels={d.satisfactionTrend.map((p) => ctx.label(p.start))}
                series={[{ name: t('insights.s.withinSla'), values: d.satisfactionTrend.map((p) => p.share ?? null) }]}
                format={ctx.pct}
                yDomain={[0, 1]}
              />
            </Card>
            <Card>
              <StackedBarChart
                title={t('insights.chart.community')}
                description={t('insights.desc.community')}
                labels={activity.map((p) => ctx.label(p.start))}
                series={[
                  { name: t('insights.s.posts'), values: activity.map((p) => p.posts) },
                  { name: t('insights.s.comments'), values: activity.map((p) => p.comments) },
                  { name: t('insights.s.reactions'), values: activity.map((p) => p.reactions) },
                ]}
                format={ctx.count}
              />
            </Card>
            <LoyaltyCharts loyalty={d.loyaltyOverTime} ctx={ctx} />
            <Card wide>
              <LineChart
                title={t('insights.chart.activeMembers')}
                labels={activity.map((p) => ctx.label(p.start))}
                series={[
                  { name: t('insights.s.activeMembers'), values: activity.map((p) => p.activeMembers) },
                  { name: t('insights.s.newMembers'), values: activity.map((p) => p.newMembers) },
                ]}
                format={ctx.count}
              />
            </Card>
          </Grid>
        );
      }}
    </Loaded>
  );
}

/** The points programme (銷售累計獎勵): points issued and redeemed per period, the points held at each end, who earns and redeems. */
function LoyaltyCharts({ loyalty, ctx }: { loyalty: PersistencyData['loyaltyOverTime']; ctx: Ctx }) {
  const { t } = useI18n();
  const periods = loyalty.periods;
  const labels = periods.map((p) => ctx.label(p.start));
  return (
    <>
      <Card wide>
        <StackedBarChart
          title={t('insights.chart.loyalty')}
          description={t('insights.desc.loyalty')}
          labels={labels}
          series={[
            { name: t('insights.s.earnedOrders'), values: periods.map((p) => p.earnedOrders) },
            { name: t('insights.s.earnedActivities'), values: periods.map((p) => p.earnedActivities) },
            { name: t('insights.s.adjustedUp'), values: periods.map((p) => p.adjustedUp) },
            { name: t('insights.s.redeemed'), values: periods.map((p) => below(p.redeemed)) },
            { name: t('insights.s.reversed'), values: periods.map((p) => below(p.reversed)) },
            { name: t('insights.s.adjustedDown'), values: periods.map((p) => below(p.adjustedDown)) },
          ]}
          lines={[{ name: t('insights.s.outstanding'), values: periods.map((p) => p.outstanding) }]}
          format={ctx.count}
          testId="loyalty-points"
        />
        <p className="muted" data-testid="loyalty-summary">
          {t('insights.loyalty.summary', { holders: ctx.count(loyalty.holders), points: ctx.count(loyalty.outstanding) })}
        </p>
      </Card>
      <Card>
        <LineChart
          title={t('insights.chart.loyaltyCustomers')}
          labels={labels}
          series={[
            { name: t('insights.s.earners'), values: periods.map((p) => p.earners) },
            { name: t('insights.s.redeemers'), values: periods.map((p) => p.redeemers) },
          ]}
          format={ctx.count}
        />
      </Card>
    </>
  );
}
