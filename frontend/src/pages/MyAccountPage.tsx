import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '../auth';
import { OrdersTable, TicketsTable } from '../components/CustomerRecords';
import { LoyaltyPanel } from '../components/LoyaltyPanel';
import { MyInvoices } from '../components/Receivables';
import { Alert, ErrorMessage, Field, PageHeading, Spinner, TextArea, TextInput } from '../components/ui';
import { errorView, serverError, type ErrorView } from '../errors';
import { useI18n } from '../i18n';
import { CreateMyTicketMutation, MyAccountQuery, RequestEmailVerificationMutation } from '../operations';
import { Redirect } from '../router';

/** /me — the member's own area (客戶購物專區): orders, points, tickets, complaints. */
export function MyAccountPage() {
  const { viewer } = useAuth();
  if (viewer === undefined) return <Spinner />;
  if (viewer === null) return <Redirect to={`/login?next=${encodeURIComponent('/me')}`} />;
  return <MyAccount />;
}

function MyAccount() {
  const { t, tn } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MyAccountQuery, requestPolicy: 'cache-and-network' });
  const refetch = () => reexecute({ requestPolicy: 'network-only' });
  const me = data?.me;
  const customer = me?.customer;
  const orders = customer?.orders.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
  const tickets = customer?.tickets.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];

  return (
    <div className="page page-wide account-page">
      <header className="page-header">
        <PageHeading title={t('me.title')}>{t('me.title')}</PageHeading>
        <p className="muted">{t('me.intro')}</p>
      </header>

      {error && !data && <ErrorMessage error={errorView(serverError(error))} onRetry={refetch} />}
      {!data && fetching && <Spinner />}
      {me && !me.emailVerifiedAt && <VerifyNotice email={me.email} />}
      {me && !customer && <Alert tone="info">{t('me.noCustomer')}</Alert>}

      {customer && (
        <div className="account-grid">
          <section className="account-section account-orders" aria-labelledby="me-orders">
            <div className="section-head">
              <h2 id="me-orders" className="section-title">
                {t('me.orders')}
              </h2>
              <span className="muted">{tn('orders.count', customer.orders.totalCount)}</span>
            </div>
            {orders.length ? <OrdersTable orders={orders} /> : <p className="muted">{t('me.ordersEmpty')}</p>}
          </section>

          <section className="account-section account-points" aria-labelledby="me-points">
            <div className="section-head">
              <h2 id="me-points" className="section-title">
                {t('me.points')}
              </h2>
            </div>
            <LoyaltyPanel customerId={customer.id} />
          </section>

          <section className="account-section account-tickets" aria-labelledby="me-tickets">
            <div className="section-head">
              <h2 id="me-tickets" className="section-title">
                {t('me.tickets')}
              </h2>
              <span className="muted">{tn('tickets.count', customer.tickets.totalCount)}</span>
            </div>
            {tickets.length ? <TicketsTable tickets={tickets} /> : <p className="muted">{t('me.ticketsEmpty')}</p>}
          </section>

          <MyInvoices />

          <ComplaintForm onFiled={refetch} />
        </div>
      )}
    </div>
  );
}

function VerifyNotice({ email }: { email: string }) {
  const { t } = useI18n();
  const [{ fetching }, request] = useMutation(RequestEmailVerificationMutation);
  const [result, setResult] = useState<'sent' | 'verified' | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);

  const resend = async () => {
    setError(null);
    const res = await request({});
    if (res.error || !res.data) setError(errorView(serverError(res.error)));
    else setResult(res.data.requestEmailVerification ? 'sent' : 'verified');
  };

  return (
    <div className="notice" data-testid="verify-notice">
      <Alert tone="info">
        <p>{t('me.unverified', { email })}</p>
        {result === 'sent' && <p className="notice-result">{t('me.resent', { email })}</p>}
        {result === 'verified' && <p className="notice-result">{t('me.alreadyVerified')}</p>}
        {result === null && (
          <p>
            <button type="button" className="button button-small" onClick={resend} disabled={fetching} aria-busy={fetching || undefined}>
              {fetching ? t('me.resending') : t('me.resend')}
            </button>
          </p>
        )}
      </Alert>
      <ErrorMessage error={error} />
    </div>
  );
}

const TITLE_MAX = 200;

function ComplaintForm({ onFiled }: { onFiled: () => void }) {
  const { t } = useI18n();
  const [{ fetching }, create] = useMutation(CreateMyTicketMutation);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ErrorView | null>(null);
  const [filed, setFiled] = useState<string | null>(null);
  const labels = { title: t('me.complain.field.title'), description: t('me.complain.field.description') };

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    setFiled(null);
    const form = e.currentTarget;
    if (!title.trim()) {
      setFieldErrors({ title: t('me.complain.titleRequired') });
      form.querySelector<HTMLInputElement>('[name="title"]')?.focus();
      return;
    }
    setFieldErrors({});
    const res = await create({ input: { title: title.trim(), description: description.trim() || null } });
    if (!res.data) {
      const err = errorView(serverError(res.error));
      setError(err);
      if (err?.field && err.field in labels) setFieldErrors({ [err.field]: err.detail || t('error.badInput') });
      return;
    }
    setFiled(res.data.createMyTicket.title);
    setTitle('');
    setDescription('');
    onFiled();
  };

  return (
    <section className="card account-section account-complain" aria-labelledby="me-complain">
      <h2 id="me-complain" className="section-title">
        {t('me.complain.title')}
      </h2>
      <p className="muted">{t('me.complain.intro')}</p>
      <ErrorMessage error={error} fieldLabels={labels} />
      {filed && <Alert tone="success">{t('me.complain.sent', { title: filed })}</Alert>}
      <form className="form" onSubmit={onSubmit} noValidate>
        <Field label={labels.title} error={fieldErrors.title}>
          {(p) => <TextInput {...p} name="title" value={title} maxLength={TITLE_MAX} onChange={(e) => setTitle(e.target.value)} required />}
        </Field>
        <Field label={labels.description} error={fieldErrors.description}>
          {(p) => <TextArea {...p} name="description" rows={4} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={fetching} aria-busy={fetching || undefined}>
            {fetching ? t('me.complain.busy') : t('me.complain.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
