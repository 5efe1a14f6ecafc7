import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorView, serverError } from '../errors';
import type { InvoiceFieldsFragment, PaymentMethod, ReceivablesSummaryFieldsFragment } from '../gql/graphql';
import { useI18n } from '../i18n';
import { toMinor } from '../money';
import { CreateInvoiceMutation, CustomerReceivablesQuery, MyInvoicesQuery, RecordPaymentMutation, VoidInvoiceMutation } from '../operations';
import { Money } from './CustomerRecords';
import { Alert, ErrorMessage, Field, Spinner, TextInput } from './ui';

// Receivables (應收賬款) on the customer 360 page and in the member's own
// area: invoices with their status, open and overdue amounts; staff who may
// write the account issue invoices, record payments and void invoices. It
// loads its own data so the pages' queries stay as they are.

const METHODS: PaymentMethod[] = ['TRANSFER', 'CARD', 'CASH', 'CHEQUE', 'OTHER'];

function nodes<T>(conn: { edges?: readonly ({ node?: T | null } | null)[] | null } | null | undefined): T[] {
  return conn?.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
}

export function ReceivablesSummary({ summary }: { summary: ReceivablesSummaryFieldsFragment | null | undefined }) {
  const { t, tn } = useI18n();
  if (!summary) return null;
  return (
    <dl className="receivables-summary" data-testid="receivables-summary">
      <div>
        <dt>{t('receivables.open')}</dt>
        <dd>
          <Money amount={summary.open} currency={summary.currency} /> <span className="muted">({tn('receivables.invoices', summary.openInvoices)})</span>
        </dd>
      </div>
      <div className={summary.overdue > 0 ? 'receivables-overdue' : undefined}>
        <dt>{t('receivables.overdue')}</dt>
        <dd data-testid="receivables-overdue">
          <Money amount={summary.overdue} currency={summary.currency} /> <span className="muted">({tn('receivables.invoices', summary.overdueInvoices)})</span>
        </dd>
      </div>
    </dl>
  );
}

export function InvoiceStatus({ invoice }: { invoice: InvoiceFieldsFragment }) {
  const { t } = useI18n();
  return (
    <>
      <span className={`status status-invoice-${invoice.status.toLowerCase()}`}>{t(`invoice.status.${invoice.status}`)}</span>
      {invoice.overdue && <span className="status status-overdue"> {t('invoice.overdue')}</span>}
    </>
  );
}

export function InvoicesTable({
  invoices,
  actions,
}: {
  invoices: readonly InvoiceFieldsFragment[];
  actions?: (inv: InvoiceFieldsFragment) => React.ReactNode;
}) {
  const { t, formatDate } = useI18n();
  const cols = {
    number: t('invoice.col.number'),
    status: t('invoice.col.status'),
    issued: t('invoice.col.issued'),
    due: t('invoice.col.due'),
    amount: t('invoice.col.amount'),
    open: t('invoice.col.open'),
  };
  return (
    <div className="table-wrap">
      <table className="table invoices-table">
        <caption className="visually-hidden">{t('invoice.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{cols.number}</th>
            <th scope="col">{cols.status}</th>
            <th scope="col">{cols.issued}</th>
            <th scope="col">{cols.due}</th>
            <th scope="col" className="cell-num">
              {cols.amount}
            </th>
            <th scope="col" className="cell-num">
              {cols.open}
            </th>
            {actions && <th scope="col">{t('invoice.col.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {invoices.map((inv) => (
            <tr key={inv.id} data-testid={`invoice-${inv.number}`}>
              <td data-label={cols.number} className="cell-ref">
                {inv.number}
              </td>
              <td data-label={cols.status}>
                <InvoiceStatus invoice={inv} />
              </td>
              <td data-label={cols.issued} className="cell-nowrap">
                <time dateTime={inv.issuedAt}>{formatDate(inv.issuedAt)}</time>
              </td>
              <td data-label={cols.due} className="cell-nowrap">
                <time dateTime={inv.dueAt}>{formatDate(inv.dueAt)}</time>
              </td>
              <td data-label={cols.amount} className="cell-num">
                <Money amount={inv.amount} currency={inv.currency} />
              </td>
              <td data-label={cols.open} className="cell-num" data-testid="invoice-open">
                <Money amount={inv.openAmount} currency={inv.currency} />
              </td>
              {actions && <td data-label={t('invoice.col.actions')}>{actions(inv)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The staff section of the customer 360 page. */
export function ReceivablesPanel({ customerId, canWrite }: { customerId: string; canWrite: boolean }) {
  const { t } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: CustomerReceivablesQuery, variables: { id: customerId } });
  const refetch = () => reexecute({ requestPolicy: 'network-only' });
  const [paying, setPaying] = useState<string | null>(null);
  const [voiding, setVoiding] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const c = data?.node?.__typename === 'Customer' ? data.node : null;
  if (error && !data) return <ErrorMessage error={errorView(serverError(error))} onRetry={refetch} />;
  if (!c) return fetching ? <Spinner /> : null;
  const invoices = nodes(c.invoices);
  const after = (msg: string) => {
    setPaying(null);
    setVoiding(null);
    setDone(msg);
    refetch();
  };
  const open = (inv: InvoiceFieldsFragment) => inv.status === 'OPEN' || inv.status === 'PARTIALLY_PAID';
  return (
    <div className="receivables">
      <ReceivablesSummary summary={c.receivables} />
      {done && <Alert tone="success">{done}</Alert>}
      {canWrite && <NewInvoiceForm customerId={customerId} onDone={(n) => after(t('invoice.created', { number: n }))} />}
      {invoices.length ? (
        <InvoicesTable
          invoices={invoices}
          actions={
            canWrite
              ? (inv) =>
                  open(inv) && (
                    <span className="row-actions">
                      <button type="button" className="button button-small" onClick={() => setPaying(inv.id)}>
                        {t('payment.record')}
                      </button>
                      {inv.status === 'OPEN' && (
                        <button type="button" className="button button-small button-quiet" onClick={() => setVoiding(inv.id)}>
                          {t('invoice.void')}
                        </button>
                      )}
                    </span>
                  )
              : undefined
          }
        />
      ) : (
        <p className="muted">{t('invoice.empty')}</p>
      )}
      {paying && (
        <PaymentForm
          invoice={invoices.find((i) => i.id === paying)!}
          onCancel={() => setPaying(null)}
          onDone={(inv) => after(t('payment.recorded', { number: inv.number }))}
        />
      )}
      {voiding && (
        <VoidForm
          invoice={invoices.find((i) => i.id === voiding)!}
          onCancel={() => setVoiding(null)}
          onDone={(inv) => after(t('invoice.voided', { number: inv.number }))}
        />
      )}
    </div>
  );
}

function dateInput(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function NewInvoiceForm({ customerId, onDone }: { customerId: string; onDone: (number: string) => void }) {
  const { t } = useI18n();
  const [{ fetching }, create] = useMutation(CreateInvoiceMutation);
  const [open, setOpen] = useState(false);
  const [number, setNumber] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('CNY');
  const [due, setDue] = useState(() => dateInput(new Date(Date.now() + 30 * 86400_000)));
  const [error, setError] = useState<ReturnType<typeof errorView>>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const labels = { number: t('invoice.field.number'), amount: t('invoice.field.amount'), currency: t('invoice.field.currency'), dueAt: t('invoice.field.due') };

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    const errs: Record<string, string> = {};
    const cur = currency.trim().toUpperCase();
    const minor = toMinor(amount, cur);
    if (!number.trim()) errs.number = t('invoice.numberRequired');
    if (minor === null) errs.amount = t('money.invalid');
    if (!/^[A-Z]{3}$/.test(cur)) errs.currency = t('money.currencyInvalid');
    setFieldErrors(errs);
    if (Object.keys(errs).length) return;
    const res = await create({ input: { customerID: customerId, number: number.trim(), amount: minor!, currency: cur, dueAt: new Date(`${due}T23:59:59Z`).toISOString() } });
    if (!res.data) {
      const err = errorView(serverError(res.error));
      setError(err);
      if (err?.field && err.field in labels) setFieldErrors({ [err.field]: err.detail || t(err.code === 'CONFLICT' ? 'invoice.numberTaken' : 'error.badInput') });
      else if (err?.code === 'CONFLICT') setFieldErrors({ number: t('invoice.numberTaken') });
      return;
    }
    setNumber('');
    setAmount('');
    setOpen(false);
    onDone(res.data.createInvoice.number);
  };

  return (
    <details className="composer" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('invoice.new')}</summary>
      <form className="form" onSubmit={onSubmit} noValidate aria-label={t('invoice.new')}>
        <ErrorMessage error={error} fieldLabels={labels} />
        <Field label={labels.number} error={fieldErrors.number}>
          {(p) => <TextInput {...p} name="number" value={number} maxLength={64} onChange={(e) => setNumber(e.target.value)} required />}
        </Field>
        <Field label={labels.amount} error={fieldErrors.amount}>
          {(p) => <TextInput {...p} name="amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />}
        </Field>
        <Field label={labels.currency} error={fieldErrors.currency}>
          {(p) => <TextInput {...p} name="currency" value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value)} required />}
        </Field>
        <Field label={labels.dueAt} error={fieldErrors.dueAt}>
          {(p) => <TextInput {...p} name="dueAt" type="date" value={due} onChange={(e) => setDue(e.target.value)} required />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={fetching} aria-busy={fetching || undefined}>
            {fetching ? t('common.saving') : t('invoice.create')}
          </button>
        </div>
      </form>
    </details>
  );
}

function PaymentForm({ invoice, onCancel, onDone }: { invoice: InvoiceFieldsFragment; onCancel: () => void; onDone: (inv: InvoiceFieldsFragment) => void }) {
  const { t } = useI18n();
  const [{ fetching }, record] = useMutation(RecordPaymentMutation);
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<PaymentMethod>('TRANSFER');
  const [reference, setReference] = useState('');
  const [error, setError] = useState<ReturnType<typeof errorView>>(null);
  const [amountError, setAmountError] = useState<string | null>(null);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    const minor = toMinor(amount, invoice.currency);
    if (minor === null) return setAmountError(t('money.invalid'));
    if (minor > invoice.openAmount) return setAmountError(t('payment.tooMuch'));
    setAmountError(null);
    const res = await record({ input: { invoiceId: invoice.id, amount: minor, method, reference: reference.trim() || null } });
    if (!res.data) {
      const err = errorView(serverError(res.error));
      if (err?.field === 'amount') setAmountError(err.detail || t('payment.tooMuch'));
      else setError(err);
      return;
    }
    onDone(res.data.recordPayment.invoice);
  };

  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-label={t('payment.title', { number: invoice.number })}>
      <h3 className="section-title">{t('payment.title', { number: invoice.number })}</h3>
      <ErrorMessage error={error} />
      <Field label={t('payment.amount', { currency: invoice.currency })} error={amountError}>
        {(p) => <TextInput {...p} name="paymentAmount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />}
      </Field>
      <Field label={t('payment.method')}>
        {(p) => (
          <select {...p} className="input" name="method" value={method} onChange={(e) => setMethod(e.target.value as PaymentMethod)}>
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`payment.method.${m}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('payment.reference')}>
        {(p) => <TextInput {...p} name="reference" value={reference} maxLength={128} onChange={(e) => setReference(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={fetching} aria-busy={fetching || undefined}>
          {fetching ? t('common.saving') : t('payment.submit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function VoidForm({ invoice, onCancel, onDone }: { invoice: InvoiceFieldsFragment; onCancel: () => void; onDone: (inv: InvoiceFieldsFragment) => void }) {
  const { t } = useI18n();
  const [{ fetching }, voidInvoice] = useMutation(VoidInvoiceMutation);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ReturnType<typeof errorView>>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!reason.trim()) return setReasonError(t('invoice.reasonRequired'));
    setReasonError(null);
    const res = await voidInvoice({ id: invoice.id, reason: reason.trim() });
    if (!res.data) return setError(errorView(serverError(res.error)));
    onDone(res.data.voidInvoice);
  };
  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-label={t('invoice.voidTitle', { number: invoice.number })}>
      <h3 className="section-title">{t('invoice.voidTitle', { number: invoice.number })}</h3>
      <ErrorMessage error={error} />
      <Field label={t('invoice.reason')} error={reasonError}>
        {(p) => <TextInput {...p} name="reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} required />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-danger" disabled={fetching}>
          {t('invoice.void')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The member's own invoices, in their area. */
export function MyInvoices() {
  const { t } = useI18n();
  const [{ data, error }] = useQuery({ query: MyInvoicesQuery, requestPolicy: 'cache-and-network' });
  const c = data?.me?.customer;
  if (error && !data) return <ErrorMessage error={errorView(serverError(error))} />;
  if (!c) return null;
  const invoices = nodes(c.invoices);
  return (
    <section className="account-section account-invoices" aria-labelledby="me-invoices">
      <div className="section-head">
        <h2 id="me-invoices" className="section-title">
          {t('me.invoices')}
        </h2>
      </div>
      <ReceivablesSummary summary={c.receivables} />
      {invoices.length ? <InvoicesTable invoices={invoices} /> : <p className="muted">{t('invoice.empty')}</p>}
    </section>
  );
}
