import type { ReactNode } from 'react';
import type { OrderFieldsFragment, StaffUserFieldsFragment, TicketFieldsFragment } from '../gql/graphql';
import { useI18n } from '../i18n';
import { formatMoney, totalsByCurrency } from '../money';

// Orders and tickets as tables: shared by the member's own area and the
// staff customer page. On phones each row becomes a card (see .table).

export function staffName(u: StaffUserFieldsFragment | null | undefined): string | null {
  if (!u) return null;
  return u.member?.displayName || u.email;
}

export function Money({ amount, currency }: { amount: number; currency: string }) {
  const { locale } = useI18n();
  return <span className="money">{formatMoney(amount, currency, locale)}</span>;
}

export function OrdersTable({
  orders,
  showCost = false,
  action,
}: {
  orders: readonly OrderFieldsFragment[];
  showCost?: boolean;
  /** An action per order (staff cancel a sale); its column shows when given. */
  action?: (o: OrderFieldsFragment) => ReactNode;
}) {
  const { t, formatDate } = useI18n();
  const none = <span className="muted">{t('common.none')}</span>;
  const cols = {
    date: t('orders.col.date'),
    product: t('orders.col.product'),
    channel: t('orders.col.channel'),
    amount: t('orders.col.amount'),
    cost: t('orders.col.cost'),
    ref: t('orders.col.ref'),
  };
  const totals = totalsByCurrency(orders);
  return (
    <div className="table-wrap">
      <table className="table orders-table">
        <caption className="visually-hidden">{t('orders.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{cols.date}</th>
            <th scope="col">{cols.product}</th>
            <th scope="col">{cols.channel}</th>
            <th scope="col" className="cell-num">
              {cols.amount}
            </th>
            {showCost && (
              <th scope="col" className="cell-num">
                {cols.cost}
              </th>
            )}
            <th scope="col">{cols.ref}</th>
            {action && <th scope="col">{t('orders.col.action')}</th>}
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.id}>
              <td data-label={cols.date} className="cell-nowrap">
                <time dateTime={o.orderedAt}>{formatDate(o.orderedAt)}</time>
              </td>
              <td data-label={cols.product}>{o.productCategory || none}</td>
              <td data-label={cols.channel}>{o.channel || none}</td>
              <td data-label={cols.amount} className="cell-num" data-testid="order-amount">
                <Money amount={o.amount} currency={o.currency} />
              </td>
              {showCost && (
                <td data-label={cols.cost} className="cell-num">
                  <Money amount={o.costToServe} currency={o.currency} />
                </td>
              )}
              <td data-label={cols.ref} className="cell-ref">
                {o.externalID}
                {o.kind === 'CANCELLATION' && (
                  <span className="badge-cancel" title={o.note || undefined}>
                    {t('orders.kind.CANCELLATION')}
                  </span>
                )}
                {o.kind === 'SALE' && o.cancellation && <span className="badge-cancel">{t('orders.cancelled')}</span>}
              </td>
              {action && <td data-label={t('orders.col.action')}>{o.kind === 'SALE' && !o.cancellation ? action(o) : null}</td>}
            </tr>
          ))}
        </tbody>
        {totals.length > 0 && (
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                {t('orders.total')}
              </th>
              <td className="cell-num" data-label={t('orders.total')} data-testid="orders-total">
                {totals.map((x, i) => (
                  <span key={x.currency}>
                    {i > 0 && <br />}
                    <Money amount={x.amount} currency={x.currency} />
                  </span>
                ))}
              </td>
              {showCost && <td aria-hidden="true" />}
              <td aria-hidden="true" />
              {action && <td aria-hidden="true" />}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

export function StatusBadge({ status }: { status: TicketFieldsFragment['status'] }) {
  const { t } = useI18n();
  return <span className={`status status-${status.toLowerCase()}`}>{t(`tickets.status.${status}`)}</span>;
}

type TicketRow = TicketFieldsFragment & { assignee?: StaffUserFieldsFragment | null };

export function TicketsTable({ tickets, showAssignee = false }: { tickets: readonly TicketRow[]; showAssignee?: boolean }) {
  const { t, formatDateTime } = useI18n();
  const none = <span className="muted">{t('common.none')}</span>;
  const cols = {
    title: t('tickets.col.title'),
    status: t('tickets.col.status'),
    priority: t('tickets.col.priority'),
    opened: t('tickets.col.opened'),
    resolved: t('tickets.col.resolved'),
    assignee: t('tickets.col.assignee'),
  };
  return (
    <div className="table-wrap">
      <table className="table tickets-table">
        <caption className="visually-hidden">{t('tickets.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{cols.title}</th>
            <th scope="col">{cols.status}</th>
            <th scope="col">{cols.priority}</th>
            <th scope="col">{cols.opened}</th>
            <th scope="col">{cols.resolved}</th>
            {showAssignee && <th scope="col">{cols.assignee}</th>}
          </tr>
        </thead>
        <tbody>
          {tickets.map((tk) => (
            <tr key={tk.id}>
              <th scope="row" data-label={cols.title} className="cell-name">
                <span>
                  {tk.title}
                  {tk.description && <span className="cell-sub">{tk.description}</span>}
                </span>
              </th>
              <td data-label={cols.status}>
                <StatusBadge status={tk.status} />
              </td>
              <td data-label={cols.priority}>{t(`tickets.priority.${tk.priority}`)}</td>
              <td data-label={cols.opened} className="cell-nowrap">
                <time dateTime={tk.createdAt}>{formatDateTime(tk.createdAt)}</time>
              </td>
              <td data-label={cols.resolved} className="cell-nowrap">
                {tk.resolvedAt ? <time dateTime={tk.resolvedAt}>{formatDateTime(tk.resolvedAt)}</time> : none}
              </td>
              {showAssignee && <td data-label={cols.assignee}>{staffName(tk.assignee) ?? none}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
