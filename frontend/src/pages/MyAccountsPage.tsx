import { useEffect, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { isStaff, useAuth } from '../auth';
import { LiveIndicator } from '../components/LiveIndicator';
import { Alert, ErrorMessage, PageHeading, Spinner } from '../components/ui';
import { errorView, serverError } from '../errors';
import type { AccountAlertFieldsFragment } from '../gql/graphql';
import { useI18n } from '../i18n';
import { AccountAlertsSubscription, MyAccountsQuery } from '../operations';
import { Link, Redirect } from '../router';

// /accounts — a manager's accounts (owned or served on the team of) with
// their risk, and the alerts of those accounts, live from accountAlerts.

type Alert = AccountAlertFieldsFragment;

/** Puts a newly arrived alert first, once, keeping at most max. */
export function mergeAlert(list: readonly Alert[], a: Alert, max = 50): Alert[] {
  return [a, ...list.filter((x) => x.id !== a.id)].slice(0, max);
}

export function MyAccountsPage() {
  const { t } = useI18n();
  const { viewer } = useAuth();
  if (viewer === undefined) return <Spinner />;
  if (viewer === null) return <Redirect to={`/login?next=${encodeURIComponent('/accounts')}`} />;
  if (!isStaff(viewer)) {
    return (
      <div className="page">
        <PageHeading title={t('accounts.title')}>{t('accounts.title')}</PageHeading>
        <Alert>{t('accounts.staffOnly')}</Alert>
      </div>
    );
  }
  return <MyAccounts />;
}

function MyAccounts() {
  const { t, formatDateTime } = useI18n();
  const client = useClient();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MyAccountsQuery, requestPolicy: 'cache-and-network' });
  const [live, setLive] = useState<Alert[]>([]);

  useEffect(() => {
    const sub = client.subscription(AccountAlertsSubscription, {}).subscribe((res) => {
      const a = res.data?.accountAlerts;
      if (!a) return;
      setLive((l) => mergeAlert(l, a));
      // A risk change shows in the accounts table too.
      if (a.kind !== 'SLA_BREACH') reexecute({ requestPolicy: 'network-only' });
    });
    return () => sub.unsubscribe();
  }, [client, reexecute]);

  if (!data && fetching) return <Spinner />;
  if (error && !data) return <ErrorMessage error={errorView(serverError(error))} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const accounts = data?.myAccounts.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
  const recent = data?.recentAccountAlerts.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
  const alerts = live.reduceRight((list, a) => mergeAlert(list, a), recent);
  const none = <span className="muted">{t('common.none')}</span>;

  return (
    <div className="page page-wide">
      <header className="page-header">
        <PageHeading title={t('accounts.title')}>{t('accounts.title')}</PageHeading>
        <LiveIndicator />
      </header>
      <section aria-labelledby="accounts-alerts">
        <h2 id="accounts-alerts" className="section-title">
          {t('accounts.alerts')}
        </h2>
        {alerts.length === 0 ? (
          <p className="muted">{t('accounts.alertsEmpty')}</p>
        ) : (
          <ul className="alert-list" aria-live="polite" data-testid="account-alerts">
            {alerts.map((a) => (
              <li key={a.id} className={`account-alert alert-${a.kind.toLowerCase()}`}>
                <Link to={`/customers/${encodeURIComponent(a.customer.id)}`}>{a.customer.name}</Link>{' '}
                <strong>{t(`alert.kind.${a.kind}`, { level: a.riskLevel ? t(`customer.risk.${a.riskLevel}`) : '' })}</strong>
                {a.reason && <span className="muted"> — {a.reason}</span>}{' '}
                <time className="muted" dateTime={a.createdAt}>
                  {formatDateTime(a.createdAt)}
                </time>
              </li>
            ))}
          </ul>
        )}
      </section>
      {accounts.length === 0 ? (
        <Alert tone="info">{t('accounts.empty')}</Alert>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('accounts.col.name')}</th>
                <th scope="col">{t('accounts.col.region')}</th>
                <th scope="col">{t('accounts.col.risk')}</th>
                <th scope="col">{t('accounts.col.tier')}</th>
                <th scope="col">{t('accounts.col.stage')}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/customers/${encodeURIComponent(c.id)}`}>{c.name}</Link>
                    {c.keyAccount && <span className="badge badge-muted"> {t('customer.field.keyAccount')}</span>}
                  </th>
                  <td>{c.region || none}</td>
                  <td>
                    <span className={`badge risk risk-${c.riskLevel.toLowerCase()}`}>{t(`customer.risk.${c.riskLevel}`)}</span>
                    {c.blacklisted && <span className="badge badge-danger"> {t('customer.field.blacklisted')}</span>}
                  </td>
                  <td>{t(`customer.tier.${c.valueTier}`)}</td>
                  <td>{c.lifecycleStage ? t(`account.stage.${c.lifecycleStage}`) : none}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
