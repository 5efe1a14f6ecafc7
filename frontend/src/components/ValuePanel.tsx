import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '../auth';
import { errorView, serverError } from '../errors';
import type { CustomerValueQuery as CustomerValueResult, DueStatus } from '../gql/graphql';
import { useI18n } from '../i18n';
import { formatMoney } from '../money';
import { CustomerValueQuery, RecomputeScoresMutation } from '../operations';
import { ErrorMessage, Spinner } from './ui';

// The value part of the customer 360 page (挖掘最有價值的客戶): RFM scores and
// segment, tier, contribution, the Pareto standing with a clear "top 20 %"
// badge, the expected next order, the categories bought and cross-sell
// suggestions (both as of the last recompute). It loads its own data so the
// page's query stays as it is.

type Value = Extract<NonNullable<CustomerValueResult['node']>, { __typename: 'Customer' }>;

/** The Pareto percentile as people read it: "top 20 %" from 80 up. */
export function paretoLabel(p: number | null | undefined): { top20: boolean; text: string } | null {
  if (p === null || p === undefined) return null;
  return { top20: p >= 80, text: `${Math.round(p)}` };
}

/** The badge tone of a due status. */
export function dueTone(s: DueStatus | null | undefined): 'warn' | 'alert' | null {
  if (s === 'DUE_SOON') return 'warn';
  if (s === 'OVERDUE') return 'alert';
  return null;
}

export function ValuePanel({ customerId }: { customerId: string }) {
  const { t, formatDate, locale } = useI18n();
  const { viewer } = useAuth();
  // Only the currency of the report is read: a one-day window keeps it cheap.
  const variables = useMemo(() => {
    const to = new Date();
    return { id: customerId, from: new Date(to.getTime() - 86_400_000).toISOString(), to: to.toISOString() };
  }, [customerId]);
  const [{ data, fetching, error }, refetch] = useQuery({ query: CustomerValueQuery, variables });
  const [recompute, runRecompute] = useMutation(RecomputeScoresMutation);
  const [asked, setAsked] = useState(false);
  const node = data?.node;
  if (fetching && !data) return <Spinner />;
  if (error && !data) return <ErrorMessage error={errorView(serverError(error))} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!node || node.__typename !== 'Customer') return null;
  const v = node as Value;
  const currency = v.contributionReport.currency;
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const pareto = paretoLabel(v.paretoPercentile);
  const tone = dueTone(v.dueStatus);
  const mayRecompute = viewer?.role === 'ADMIN' || viewer?.role === 'MARKETER';

  return (
    <div className="value-panel" data-testid="value-panel">
      <ul className="badges" aria-label={t('value.section')}>
        <li className={`badge tier tier-${v.valueTier.toLowerCase()}`}>
          {t('value.tier')}: {t(`customer.tier.${v.valueTier}`)}
        </li>
        {pareto && (
          <li className={pareto.top20 ? 'badge badge-top20' : 'badge'} data-testid="pareto-badge">
            {pareto.top20 ? t('value.top20') : t('value.notTop20')}
          </li>
        )}
        {v.rfm && <li className="badge">{t(`value.segment.${v.rfm.segment}`)}</li>}
        {tone && v.dueStatus && (
          <li className={`badge badge-${tone}`} data-testid="due-badge">
            {t(`value.due.${v.dueStatus}`)}
          </li>
        )}
      </ul>
      <dl className="facts">
        <div className="fact">
          <dt>{t('value.rfm')}</dt>
          <dd>
            {v.rfm ? (
              <span data-testid="rfm">
                {t('value.recency')} {v.rfm.recency} · {t('value.frequency')} {v.rfm.frequency} · {t('value.monetary')} {v.rfm.monetary}
              </span>
            ) : (
              <span className="muted">{t('value.unscored')}</span>
            )}
          </dd>
        </div>
        <div className="fact">
          <dt>{t('value.contribution')}</dt>
          <dd>{money(v.contribution)}</dd>
        </div>
        <div className="fact">
          <dt>{t('value.monetary')}</dt>
          <dd>
            {money(v.monetary)} ({t('value.orders')}: {v.orderCount})
          </dd>
        </div>
        <div className="fact">
          <dt>{t('value.pareto')}</dt>
          <dd>{pareto ? pareto.text : <span className="muted">{t('common.none')}</span>}</dd>
        </div>
        <div className="fact">
          <dt>{t('value.lastOrder')}</dt>
          <dd>{v.lastOrderAt ? formatDate(v.lastOrderAt) : <span className="muted">{t('common.none')}</span>}</dd>
        </div>
        <div className="fact">
          <dt>{t('value.nextOrder')}</dt>
          <dd>{v.expectedNextOrderAt ? formatDate(v.expectedNextOrderAt) : <span className="muted">{t('value.noRhythm')}</span>}</dd>
        </div>
      </dl>
      <h3>{t('value.bought')}</h3>
      {v.boughtCategories.length ? (
        <ul className="tags" data-testid="bought-categories">
          {v.boughtCategories.map((c) => (
            <li key={c} className="tag">
              {c}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('value.boughtEmpty')}</p>
      )}
      <h3>{t('value.crossSell')}</h3>
      {v.crossSell.length ? (
        <ul className="cross-sell" data-testid="cross-sell">
          {v.crossSell.map((s) => (
            <li key={s.category}>
              <strong>{s.category}</strong>{' '}
              <span className="muted">{t('value.crossSellShare', { share: `${Math.round(s.share * 100)} %` })}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('value.crossSellEmpty')}</p>
      )}
      {mayRecompute && (
        <button
          type="button"
          className="button"
          disabled={recompute.fetching}
          onClick={() => {
            setAsked(true);
            void runRecompute({}).then(() => setTimeout(() => refetch({ requestPolicy: 'network-only' }), 3000));
          }}
        >
          {asked && recompute.fetching ? t('value.recomputing') : t('value.recompute')}
        </button>
      )}
    </div>
  );
}
