import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorView, serverError } from '../errors';
import { useI18n } from '../i18n';
import { MergeCandidatesQuery, MergeCustomersMutation } from '../operations';
import { useRouter } from '../router';
import { ErrorMessage } from './ui';

/**
 * "Merge into…" on the customer 360 page: find the customer this one
 * duplicates and merge this one into it (this one's orders, tickets, care
 * records, team and empty fields move over, and this record is deleted).
 */
export function MergeCustomer({ customerId, customerName }: { customerId: string; customerName: string }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [term, setTerm] = useState('');
  const [target, setTarget] = useState<{ id: string; name: string } | null>(null);
  useEffect(() => {
    const id = setTimeout(() => setTerm(q.trim()), 300);
    return () => clearTimeout(id);
  }, [q]);
  const [{ data }] = useQuery({ query: MergeCandidatesQuery, variables: { q: term }, pause: !open || term.length < 1 });
  const [merge, runMerge] = useMutation(MergeCustomersMutation);

  if (!open) {
    return (
      <button type="button" className="button button-quiet" onClick={() => setOpen(true)}>
        {t('merge.open')}
      </button>
    );
  }
  const candidates = (data?.customers.edges ?? []).flatMap((e) => (e?.node && e.node.id !== customerId ? [e.node] : []));
  const confirm = async () => {
    if (!target) return;
    const res = await runMerge({ keepId: target.id, mergeId: customerId });
    if (res.data?.mergeCustomers) navigate(`/customers/${encodeURIComponent(res.data.mergeCustomers.id)}`);
  };
  return (
    <section className="merge-customer" aria-label={t('merge.title')}>
      <label>
        {t('merge.search')}
        <input className="input" type="search" value={q} onChange={(e) => (setQ(e.target.value), setTarget(null))} autoComplete="off" />
      </label>
      {candidates.length > 0 && !target && (
        <ul className="merge-candidates">
          {candidates.map((c) => (
            <li key={c.id}>
              <button type="button" className="button button-quiet" onClick={() => setTarget({ id: c.id, name: c.name })}>
                {c.name}
                {c.email ? ` · ${c.email}` : ''}
                {c.region ? ` · ${c.region}` : ''}
              </button>
            </li>
          ))}
        </ul>
      )}
      {target && (
        <p>
          {t('merge.confirm', { from: customerName, into: target.name })}{' '}
          <button type="button" className="button button-danger" onClick={confirm} disabled={merge.fetching}>
            {t('merge.submit')}
          </button>
        </p>
      )}
      <ErrorMessage error={errorView(serverError(merge.error))} />
      <button type="button" className="button button-quiet" onClick={() => (setOpen(false), setTarget(null), setQ(''))}>
        {t('merge.cancel')}
      </button>
    </section>
  );
}
