import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { isStaff, mayWriteCustomers, useAuth } from '../auth';
import { Alert, ErrorMessage, PageHeading, Spinner } from '../components/ui';
import { errorView, serverError } from '../errors';
import { useI18n } from '../i18n';
import { ClaimCustomerMutation, CustomerPoolQuery } from '../operations';
import { Link, Redirect } from '../router';

// /pool — the shared customer pool (公海): accounts without an owner, which
// managers claim. A claim someone else won first says so and drops the row.

export const POOL_PAGE = 50;

export function PoolPage() {
  const { t } = useI18n();
  const { viewer } = useAuth();
  if (viewer === undefined) return <Spinner />;
  if (viewer === null) return <Redirect to={`/login?next=${encodeURIComponent('/pool')}`} />;
  if (!isStaff(viewer)) {
    return (
      <div className="page">
        <PageHeading title={t('pool.title')}>{t('pool.title')}</PageHeading>
        <Alert>{t('accounts.staffOnly')}</Alert>
      </div>
    );
  }
  return <Pool canClaim={mayWriteCustomers(viewer)} />;
}

function Pool({ canClaim }: { canClaim: boolean }) {
  const { t, tn, formatDateTime } = useI18n();
  const [first, setFirst] = useState(POOL_PAGE);
  const [{ data, fetching, error }, reexecute] = useQuery({ query: CustomerPoolQuery, variables: { first } });
  const [claimRes, claim] = useMutation(ClaimCustomerMutation);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [gone, setGone] = useState<Set<string>>(new Set());

  if (!data && fetching) return <Spinner />;
  if (error && !data) return <ErrorMessage error={errorView(serverError(error))} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const conn = data?.customerPool;
  const rows = (conn?.edges ?? []).flatMap((e) => (e?.node && !gone.has(e.node.id) ? [e.node] : []));
  const none = <span className="muted">{t('common.none')}</span>;

  const onClaim = async (id: string, name: string) => {
    const r = await claim({ id });
    const code = serverError(r.error)?.code;
    if (!r.error) setMessage({ tone: 'success', text: t('pool.claimed', { name }) });
    else if (code === 'CONFLICT') setMessage({ tone: 'error', text: t('pool.conflict', { name }) });
    else {
      setMessage(null);
      return;
    }
    setGone((g) => new Set(g).add(id));
  };

  return (
    <div className="page page-wide">
      <header className="page-header">
        <PageHeading title={t('pool.title')}>{t('pool.title')}</PageHeading>
        {conn && <p className="muted">{tn('customers.total', conn.totalCount)}</p>}
      </header>
      <p>{t('pool.intro')}</p>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {claimRes.error && serverError(claimRes.error)?.code !== 'CONFLICT' && <ErrorMessage error={errorView(serverError(claimRes.error))} />}
      {rows.length === 0 ? (
        <Alert tone="info">{t('pool.empty')}</Alert>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('accounts.col.name')}</th>
                <th scope="col">{t('accounts.col.region')}</th>
                <th scope="col">{t('accounts.col.tier')}</th>
                <th scope="col">{t('accounts.col.risk')}</th>
                <th scope="col">{t('pool.col.pooledAt')}</th>
                {canClaim && <th scope="col"><span className="visually-hidden">{t('pool.claim')}</span></th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id} data-testid="pool-row">
                  <th scope="row">
                    <Link to={`/customers/${encodeURIComponent(c.id)}`}>{c.name}</Link>
                  </th>
                  <td>{c.region || none}</td>
                  <td>{t(`customer.tier.${c.valueTier}`)}</td>
                  <td>{t(`customer.risk.${c.riskLevel}`)}</td>
                  <td>{c.pooledAt ? <time dateTime={c.pooledAt}>{formatDateTime(c.pooledAt)}</time> : none}</td>
                  {canClaim && (
                    <td>
                      <button type="button" className="button" disabled={claimRes.fetching} onClick={() => onClaim(c.id, c.name)}>
                        {t('pool.claim')}
                        <span className="visually-hidden"> {c.name}</span>
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {conn?.pageInfo.hasNextPage && (
        <button type="button" className="button button-quiet" onClick={() => setFirst((f) => f + POOL_PAGE)}>
          {t('pool.more')}
        </button>
      )}
    </div>
  );
}
