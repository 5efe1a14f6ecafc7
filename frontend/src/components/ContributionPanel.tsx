import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { ContributionPeriodUnit } from '../gql/graphql';
import { errorView, serverError } from '../errors';
import { useI18n } from '../i18n';
import { formatMoney } from '../money';
import { ErrorMessage, Spinner } from './ui';

export const ContributionReportQuery = graphql(`
  query ContributionReport($id: ID!, $from: Time!, $to: Time!, $period: ContributionPeriodUnit!) {
    node(id: $id) {
      __typename
      ... on Customer {
        id
        contributionReport(from: $from, to: $to, period: $period) {
          currency
          total {
            revenue
            costToServe
            contribution
            orders
          }
          periods {
            start
            end
            revenue
            costToServe
            contribution
            orders
          }
        }
      }
    }
  }
`);

const UNITS: ContributionPeriodUnit[] = ['MONTH', 'QUARTER', 'YEAR'];
const SPAN_MONTHS: Record<ContributionPeriodUnit, number> = { MONTH: 12, QUARTER: 24, YEAR: 60 };

/** The window a unit shows: whole periods back from the start of the next one. */
export function windowFor(unit: ContributionPeriodUnit, now: Date): { from: string; to: string } {
  const to = new Date(now.getFullYear(), now.getMonth() + 1, 1);
  const from = new Date(to.getFullYear(), to.getMonth() - SPAN_MONTHS[unit], 1);
  return { from: from.toISOString(), to: to.toISOString() };
}

// Contribution (客戶貢獻度) per period: revenue − cost to serve in the
// reporting currency, as bars (below the line when the customer cost more
// than they brought), with the numbers in a table beside them.
export function ContributionPanel({ customerId, now = new Date() }: { customerId: string; now?: Date }) {
  const { t, locale, formatDate } = useI18n();
  const [unit, setUnit] = useState<ContributionPeriodUnit>('MONTH');
  const win = useMemo(() => windowFor(unit, now), [unit, now]);
  const [{ data, fetching, error }] = useQuery({ query: ContributionReportQuery, variables: { id: customerId, ...win, period: unit } });
  const node = data?.node?.__typename === 'Customer' ? data.node : null;
  const rep = node?.contributionReport;
  const money = (n: number) => (rep ? formatMoney(n, rep.currency, locale) : String(n));
  const hasLoss = rep?.periods.some((p) => p.contribution < 0) ?? false;
  const max = Math.max(1, ...(rep?.periods.map((p) => Math.abs(p.contribution)) ?? [1]));

  return (
    <div className="contribution">
      <div className="contribution-head">
        <label>
          {t('contribution.period')}{' '}
          <select value={unit} onChange={(e) => setUnit(e.target.value as ContributionPeriodUnit)}>
            {UNITS.map((u) => (
              <option key={u} value={u}>
                {t(`contribution.unit.${u}`)}
              </option>
            ))}
          </select>
        </label>
        {rep && (
          <p className="contribution-total" data-testid="contribution-total">
            {t('contribution.total')}: <strong>{money(rep.total.contribution)}</strong>{' '}
            <span className="muted">
              ({t('contribution.revenue')} {money(rep.total.revenue)} − {t('contribution.cost')} {money(rep.total.costToServe)})
            </span>
          </p>
        )}
      </div>
      {fetching && !rep && <Spinner />}
      <ErrorMessage error={errorView(serverError(error))} />
      {rep && (
        <>
          <div className="contribution-bars" role="img" aria-label={t('contribution.chart')}>
            {rep.periods.map((p) => {
              const h = Math.round((Math.abs(p.contribution) / max) * 100);
              return (
                <div key={p.start} className="contribution-bar" title={`${formatDate(p.start)}: ${money(p.contribution)}`} data-testid="contribution-bar">
                  <div className="contribution-up">
                    <span style={{ height: p.contribution > 0 ? `${h}%` : 0 }} />
                  </div>
                  {hasLoss && (
                    <div className="contribution-down">
                      <span style={{ height: p.contribution < 0 ? `${h}%` : 0 }} />
                    </div>
                  )}
                </div>
              );
            })}
          </div>
          <details>
            <summary>{t('contribution.table')}</summary>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('contribution.col.period')}</th>
                    <th scope="col" className="cell-num">{t('contribution.revenue')}</th>
                    <th scope="col" className="cell-num">{t('contribution.cost')}</th>
                    <th scope="col" className="cell-num">{t('contribution.total')}</th>
                    <th scope="col" className="cell-num">{t('contribution.col.orders')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rep.periods.map((p) => (
                    <tr key={p.start}>
                      <td>{formatDate(p.start)}</td>
                      <td className="cell-num">{money(p.revenue)}</td>
                      <td className="cell-num">{money(p.costToServe)}</td>
                      <td className={`cell-num${p.contribution < 0 ? ' negative' : ''}`}>{money(p.contribution)}</td>
                      <td className="cell-num">{p.orders}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </div>
  );
}
