import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { isAdmin, mayWriteCustomers, useAuth } from '../auth';
import { errorView, serverError, type ErrorView } from '../errors';
import type { PointsEntryFieldsFragment, PointsEntryActivity } from '../gql/graphql';
import { useI18n, type MessageKey } from '../i18n';
import { AdjustPointsMutation, CustomerLoyaltyQuery, RedeemPointsMutation } from '../operations';
import { Money, staffName } from './CustomerRecords';
import { Alert, ErrorMessage, Field, Spinner, TextInput } from './ui';

// Loyalty points (銷售累計獎勵): one customer's balance and ledger, each
// entry with its cause, and for staff the redeem and adjust forms. Used by
// the member's own area and the staff customer page; it loads its own data.

export const LEDGER_PAGE = 20;

/** The reason the accrual writes on an activity that hit its daily cap. */
const CAP_REASON = 'daily cap reached';

/** "+12" / "−5" (a real minus sign) for a points change. */
export function signedPoints(n: number, locale: string): string {
  const abs = Math.abs(n).toLocaleString(locale);
  return n > 0 ? `+${abs}` : n < 0 ? `\u2212${abs}` : '0';
}

/** What caused an entry, in words: the order, the activity, the redemption's or adjustment's reason. */
export function EntryCause({ entry: e }: { entry: PointsEntryFieldsFragment }) {
  const { t, formatDate, locale } = useI18n();
  switch (e.kind) {
    case 'EARN_ORDER':
      return (
        <span>
          {t('loyalty.cause.order', { ref: e.order?.externalID ?? '', date: e.order ? formatDate(e.order.orderedAt) : '' })}{' '}
          {e.order && <Money amount={e.order.amount} currency={e.order.currency} />}
        </span>
      );
    case 'REVERSAL':
      return (
        <span>
          {t('loyalty.cause.reversal', { ref: e.order?.externalID ?? '' })}
          {e.reason && <span className="muted"> — {e.reason}</span>}
          {e.shortfall > 0 && <span className="muted"> {t('loyalty.shortfall', { points: e.shortfall.toLocaleString(locale) })}</span>}
        </span>
      );
    case 'EARN_ACTIVITY':
      return (
        <span>
          {e.activity ? t(`loyalty.activity.${e.activity}` as MessageKey) : t('loyalty.cause.activity')}
          {e.reason === CAP_REASON && <span className="muted"> {t('loyalty.capReached')}</span>}
        </span>
      );
    case 'REDEEM':
      return <span>{t('loyalty.cause.redeem', { reason: e.reason })}</span>;
    default:
      return <span>{t('loyalty.cause.adjust', { reason: e.reason })}</span>;
  }
}

export function LedgerTable({ entries, showActor = false }: { entries: readonly PointsEntryFieldsFragment[]; showActor?: boolean }) {
  const { t, formatDateTime, locale } = useI18n();
  const cols = {
    date: t('loyalty.col.date'),
    cause: t('loyalty.col.cause'),
    points: t('loyalty.col.points'),
    balance: t('loyalty.col.balance'),
    by: t('loyalty.col.by'),
  };
  return (
    <div className="table-wrap">
      <table className="table ledger-table">
        <caption className="visually-hidden">{t('loyalty.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{cols.date}</th>
            <th scope="col">{cols.cause}</th>
            <th scope="col" className="cell-num">
              {cols.points}
            </th>
            <th scope="col" className="cell-num">
              {cols.balance}
            </th>
            {showActor && <th scope="col">{cols.by}</th>}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-testid="ledger-entry" data-kind={e.kind}>
              <td data-label={cols.date} className="cell-nowrap">
                <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>
              </td>
              <td data-label={cols.cause}>
                <EntryCause entry={e} />
              </td>
              <td data-label={cols.points} className={`cell-num points ${e.points < 0 ? 'points-minus' : 'points-plus'}`}>
                {signedPoints(e.points, locale)}
              </td>
              <td data-label={cols.balance} className="cell-num">
                {e.balanceAfter.toLocaleString(locale)}
              </td>
              {showActor && <td data-label={cols.by}>{staffName(e.actor) ?? <span className="muted">{t('loyalty.bySystem')}</span>}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function LoyaltyPanel({ customerId, staff = false }: { customerId: string; staff?: boolean }) {
  const { t, tn, locale } = useI18n();
  const { viewer } = useAuth();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: CustomerLoyaltyQuery, variables: { id: customerId, first: LEDGER_PAGE } });
  const node = data?.node;
  const c = node?.__typename === 'Customer' ? node : null;
  if (!data && fetching) return <Spinner />;
  if (error && !data) return <ErrorMessage error={errorView(serverError(error))} />;
  if (!c) return null;
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const entries = c.loyaltyLedger.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
  return (
    <div className="loyalty" data-testid="loyalty">
      <p className="points-balance">
        <span className="muted">{t('loyalty.balance')}</span>{' '}
        <strong data-testid="points-balance">{tn('loyalty.points', c.loyaltyPoints, { points: c.loyaltyPoints.toLocaleString(locale) })}</strong>
      </p>
      {entries.length ? <LedgerTable entries={entries} showActor={staff} /> : <p className="muted">{t('loyalty.empty')}</p>}
      {c.loyaltyLedger.totalCount > entries.length && (
        <p className="muted">{t('loyalty.more', { shown: entries.length, total: c.loyaltyLedger.totalCount })}</p>
      )}
      {staff && mayWriteCustomers(viewer) && <PointsForm kind="redeem" customerId={c.id} balance={c.loyaltyPoints} onDone={refresh} />}
      {staff && isAdmin(viewer) && <PointsForm kind="adjust" customerId={c.id} balance={c.loyaltyPoints} onDone={refresh} />}
    </div>
  );
}

/** Redeem (points taken, positive) or adjust (signed) with a reason. */
function PointsForm({ kind, customerId, balance, onDone }: { kind: 'redeem' | 'adjust'; customerId: string; balance: number; onDone: () => void }) {
  const { t } = useI18n();
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [err, setErr] = useState<ErrorView | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [redeemRes, redeem] = useMutation(RedeemPointsMutation);
  const [adjustRes, adjust] = useMutation(AdjustPointsMutation);
  const busy = kind === 'redeem' ? redeemRes.fetching : adjustRes.fetching;
  const labels = { points: t(`loyalty.${kind}.points`), reason: t('loyalty.reason') };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErr(null);
    setDone(null);
    const n = Number(points);
    const fe: Record<string, string> = {};
    if (!Number.isInteger(n) || n === 0 || (kind === 'redeem' && n < 0)) fe.points = t(`loyalty.${kind}.pointsInvalid`);
    if (!reason.trim()) fe.reason = t('loyalty.reasonRequired');
    setFieldErrors(fe);
    if (Object.keys(fe).length) return;
    const vars = { customerId, points: n, reason: reason.trim() };
    const r = kind === 'redeem' ? await redeem(vars) : await adjust(vars);
    if (r.error) {
      const view = errorView(serverError(r.error));
      if (view?.code === 'CONFLICT') {
        setFieldErrors({ points: t('loyalty.insufficient', { balance }) });
      } else {
        setErr(view);
        if (view?.field && view.field in labels) setFieldErrors({ [view.field]: view.detail || t('error.badInput') });
      }
      return;
    }
    setPoints('');
    setReason('');
    setDone(t(`loyalty.${kind}.done`));
    onDone();
  };

  return (
    <form className="form card points-form" onSubmit={submit} noValidate aria-label={t(`loyalty.${kind}.title`)}>
      <h3 className="section-subtitle">{t(`loyalty.${kind}.title`)}</h3>
      {done && <Alert tone="success">{done}</Alert>}
      <ErrorMessage error={err} fieldLabels={labels} />
      <Field label={labels.points} error={fieldErrors.points}>
        {(p) => <TextInput {...p} name="points" inputMode="numeric" value={points} onChange={(e) => setPoints(e.target.value)} />}
      </Field>
      <Field label={labels.reason} error={fieldErrors.reason}>
        {(p) => <TextInput {...p} name="reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy || undefined}>
          {t(`loyalty.${kind}.submit`)}
        </button>
      </div>
    </form>
  );
}

export const ACTIVITIES: PointsEntryActivity[] = ['POST', 'COMMENT', 'REACTION_RECEIVED', 'FOLLOW_RECEIVED', 'MENTION_RECEIVED', 'REFERRAL'];
